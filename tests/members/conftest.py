import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import KeyFigureFactory, MemberInstitutionFactory


@pytest.fixture
def nssf_members(nssf):
    return KeyFigureFactory(
        institution=nssf,
        label_en="Members",
        label_km="សមាជិកសរុប",
        value=3_120_208,
        as_of=datetime.date(2020, 3, 12),
        source_url="https://www.nssf.gov.kh/",
        order=2,
    )


@pytest.fixture
def epf():
    return MemberInstitutionFactory(
        slug="epf-malaysia",
        name_en="Employees Provident Fund",
        acronym="EPF",
        country="MY",
        description_en="Keeps the retirement savings of private-sector employees.",
    )


def png_bytes(size=(800, 400), colour="navy", mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def noise_png(megabytes: float) -> bytes:
    """A real PNG of random pixels, which does not compress: about ``megabytes`` big."""
    import os

    side = int((megabytes * 1024 * 1024 / 3) ** 0.5) + 1
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


@pytest.fixture
def png_upload():
    def make(name="logo.png", **kwargs):
        return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")

    return make
