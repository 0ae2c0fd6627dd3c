"""manage.py verify_files: every stored file the database names, present and whole."""

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from backups.models import MaintenanceRun, RunKind
from core.storage import private_storage, public_storage
from tests.documents.files import pdf_bytes
from tests.factories import (
    TINY_PDF,
    ArticleImageFactory,
    DocumentFactory,
    DocumentVersionFactory,
    MemberInstitutionFactory,
    MemberInstitutionWithLogoFactory,
)

pytestmark = pytest.mark.django_db

PDF = pdf_bytes(2)


@pytest.fixture
def site():
    """A document with its real checksum, an earlier version, a logo and a news photo."""
    nssf = MemberInstitutionFactory(acronym="NSSF")
    document = DocumentFactory(
        title_en="Minutes",
        institution=nssf,
        file__data=PDF,
        size=len(PDF),
        sha256=hashlib.sha256(PDF).hexdigest(),
    )
    DocumentVersionFactory(document=document, sha256=hashlib.sha256(TINY_PDF).hexdigest())
    MemberInstitutionWithLogoFactory(acronym="SSO")
    ArticleImageFactory()
    return document


def run(**options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("verify_files", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def run_failing(**options) -> str:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("verify_files", stdout=out, stderr=err, **options)
    assert failure.value.returncode == 1  # manage.py exits with it
    return err.getvalue() + str(failure.value)


def test_an_untouched_site_is_whole(site):
    out, err = run()
    assert (
        "All 8 files are whole." in out
    )  # file, version, logo and its copy, photo and its 3 sizes
    assert err == ""
    last = MaintenanceRun.objects.of_kind(RunKind.VERIFY).last()
    assert (last.succeeded, last.files_checked, last.problems) == (True, 8, 0)


def test_quiet_says_nothing_when_all_is_whole(site):
    assert run(quiet=True) == ("", "")


def test_a_deleted_file_is_reported_with_its_document_and_institution(site):
    private_storage().delete(site.file.name)

    report = run_failing(quiet=True)

    assert f'MISSING: private {site.file.name}; document {site.pk} "Minutes" (NSSF)' in report
    assert "1 of 8 stored files are missing or damaged" in report
    last = MaintenanceRun.objects.of_kind(RunKind.VERIFY).last()
    assert (last.succeeded, last.problems) == (False, 1)
    assert site.file.name in last.details


def test_a_truncated_file_is_reported(site):
    with private_storage().open(site.file.name, "wb") as handle:
        handle.write(PDF[: len(PDF) // 2])

    report = run_failing()

    assert (
        f"DAMAGED: private {site.file.name} ({len(PDF) // 2} bytes, {len(PDF)} expected)" in report
    )
    assert "(NSSF)" in report


def test_a_file_with_changed_bytes_of_the_same_size_is_reported(site):
    changed = bytearray(PDF)
    changed[20] ^= 0xFF
    with private_storage().open(site.file.name, "wb") as handle:
        handle.write(bytes(changed))

    report = run_failing()

    assert f"DAMAGED: private {site.file.name} (SHA-256 differs" in report


def test_a_damaged_earlier_version_names_its_document(site):
    version = site.versions.get()
    private_storage().delete(version.file.name)
    private_storage().save(version.file.name, ContentFile(b"%PDF-1.4 other bytes"))

    report = run_failing()

    assert f'earlier version {version.pk} of document {site.pk} "Minutes" (NSSF)' in report


def test_a_missing_logo_copy_and_a_broken_news_rendition_are_reported(site):
    from members.models import MemberInstitution
    from news.models import ArticleImage

    sso = MemberInstitution.objects.get(acronym="SSO")
    public_storage().delete(sso.logo_web.name)
    rendition = next(iter(ArticleImage.objects.get().renditions["files"].values()))
    with public_storage().open(rendition, "wb") as handle:
        handle.write(b"\xff\xd8\xff not a whole JPEG")

    report = run_failing()

    assert f"MISSING: public {sso.logo_web.name}; logo of SSO" in report
    assert f"DAMAGED: public {rendition} (not a readable image" in report


def test_files_nothing_refers_to_are_listed_but_kept(site):
    private_storage().save("documents/stray.pdf", ContentFile(TINY_PDF))
    public_storage().save("logos/forgotten.png", ContentFile(b"png"))

    out, _err = run()

    assert "  private documents/stray.pdf" in out
    assert "  public logos/forgotten.png" in out
    assert "All 8 files are whole." in out
    assert private_storage().exists("documents/stray.pdf")


def test_a_published_document_without_its_public_preview_is_reported(site):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 30), "white").save(buffer, "PNG")
    site.preview.name = private_storage().save(
        "previews/minutes.png", ContentFile(buffer.getvalue())
    )
    site.save()  # published, but the public copy was never made (or was lost)

    report = run_failing()

    assert f"MISSING: public {site.preview.name}; public preview of document {site.pk}" in report
