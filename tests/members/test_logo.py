"""The logo's checks and its web copy, made once per logo."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from members.models import MemberInstitution
from members.services import LOGO_WEB_SIZE, refresh_logo_web
from tests.factories import MemberInstitutionFactory, MemberInstitutionWithLogoFactory
from tests.members.conftest import png_bytes

pytestmark = pytest.mark.django_db


def test_the_web_copy_is_made_once_and_not_again_on_other_edits():
    institution = MemberInstitutionWithLogoFactory()
    made = institution.logo_web.name
    assert default_storage.exists(made)
    modified = default_storage.get_modified_time(made)
    institution.name_en = "A new name"
    institution.save()
    institution.refresh_from_db()
    assert institution.logo_web.name == made
    assert default_storage.get_modified_time(made) == modified


def test_a_new_logo_gets_a_new_web_copy_and_the_old_copy_goes():
    institution = MemberInstitutionWithLogoFactory()
    old_copy = institution.logo_web.name
    institution.logo.save("new.png", ContentFile(png_bytes(size=(300, 600), colour="red")))
    refresh_logo_web(institution)
    institution.refresh_from_db()
    assert institution.logo_web.name != old_copy
    assert not default_storage.exists(old_copy)
    # A narrow logo smaller than the limit keeps its proportions and is not enlarged.
    assert (institution.logo_web_width, institution.logo_web_height) == (200, 400)


def test_removing_the_logo_removes_its_web_copy():
    institution = MemberInstitutionWithLogoFactory()
    old_copy = institution.logo_web.name
    institution.logo = ""
    institution.save()
    refresh_logo_web(institution)
    institution.refresh_from_db()
    assert not institution.logo_web
    assert institution.logo_web_width is None
    assert not default_storage.exists(old_copy)


def test_a_small_logo_is_not_enlarged_and_transparency_is_kept():
    institution = MemberInstitutionFactory()
    institution.logo.save(
        "small.png", ContentFile(png_bytes(size=(120, 60), colour=(0, 0, 0, 0), mode="RGBA"))
    )
    refresh_logo_web(institution)
    with Image.open(institution.logo_web.path) as copy:
        assert copy.size == (120, 60)
        assert copy.mode == "RGBA"


def test_a_jpeg_logo_gets_a_png_web_copy_within_the_size():
    institution = MemberInstitutionFactory()
    import io

    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1500), "green").save(buffer, "JPEG")
    institution.logo.save("big.jpg", ContentFile(buffer.getvalue()))
    refresh_logo_web(institution)
    with Image.open(institution.logo_web.path) as copy:
        assert copy.format == "PNG"
        assert max(copy.size) == LOGO_WEB_SIZE
        assert copy.size == (400, 300)


def test_full_clean_rejects_a_logo_that_is_not_an_image():
    institution = MemberInstitutionFactory.build(slug="x")
    institution.logo = ContentFile(b"GIF89a but not really", name="fake.gif")
    with pytest.raises(ValidationError) as caught:
        institution.full_clean()
    assert caught.value.message_dict["logo"] == [
        "This file is not an image we can read. Please upload the logo as a PNG, JPEG, WebP or GIF file."
    ]


def test_a_stored_logo_is_not_checked_again_when_other_fields_change(settings):
    institution = MemberInstitutionWithLogoFactory()
    # Even if the limit drops later, editing the name does not fail on the old logo.
    settings.IMAGE_MAX_UPLOAD_MB = 0
    institution = MemberInstitution.objects.get(pk=institution.pk)
    institution.name_en = "Renamed"
    institution.full_clean()  # raises ValidationError if the logo were checked again
    institution.save()
    institution.refresh_from_db()
    assert institution.name_en == "Renamed"
    assert institution.logo_web  # the web copy made at upload is kept


def test_an_unreadable_stored_logo_leaves_no_web_copy_and_the_page_still_works(client):
    institution = MemberInstitutionFactory(acronym="BAD")
    # Written around the validators, as a script might.
    institution.logo.save("broken.png", ContentFile(b"\x89PNG\r\n\x1a\n broken"))
    refresh_logo_web(institution)
    institution.refresh_from_db()
    assert not institution.logo_web
    assert institution.logo_web_source == institution.logo.name  # not tried again
    html = client.get("/en/members/").content.decode()
    assert '<span class="member-monogram" aria-hidden="true">BAD</span>' in html
