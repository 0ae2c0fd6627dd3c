"""Storing documents: what is recorded, duplicates, all or nothing, versions, decisions."""

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.db import DatabaseError

from documents.models import Document, DocumentStatus, DocumentVersion
from documents.services import (
    DuplicateDocument,
    approve_document,
    create_document,
    reject_document,
    replace_file,
    withdraw_document,
)
from tests.documents import files
from tests.documents.conftest import upload

pytestmark = pytest.mark.django_db


def stored_files(*roots: Path) -> list[Path]:
    return sorted(p for root in roots for p in root.rglob("*") if p.is_file())


def test_a_pdf_is_stored_under_a_generated_name_with_its_facts(
    media_root, private_media_root, nssf, member
):
    data = files.pdf_bytes(4)
    document = create_document(
        upload("Rapport final (v2).pdf", data),
        original_name="Rapport final (v2).pdf",
        title_en="Final report",
        title_km="របាយការណ៍ចុងក្រោយ",
        institution=nssf,
        uploaded_by=member,
    )
    document.refresh_from_db()
    assert document.file.name.startswith("documents/")
    assert document.file.name.endswith(".pdf")
    assert "Rapport" not in document.file.name
    assert document.original_name == "Rapport final (v2).pdf"
    assert document.content_type == "application/pdf"
    assert document.size == len(data)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.page_count == 4
    assert document.status == DocumentStatus.SUBMITTED
    assert document.published_at is None
    # The first page's picture is made once, at upload; both stay private until published.
    assert document.preview.name.startswith("previews/")
    assert (private_media_root / document.preview.name).stat().st_size > 0
    assert (private_media_root / document.file.name).read_bytes() == data
    assert stored_files(media_root) == []


def test_an_importer_can_store_a_plain_file(tmp_path, nssf):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(files.pdf_bytes(2))
    with path.open("rb") as handle:
        document = create_document(
            File(handle),
            original_name="Minutes of the 37th meeting.pdf",
            title_en="Minutes",
            status=DocumentStatus.APPROVED,
        )
    assert document.is_published and document.published_at is not None
    assert document.page_count == 2 and document.preview


def test_images_get_a_preview_and_office_files_none(nssf):
    image = create_document(
        upload("chart.png", files.image_bytes(size=(1000, 600))),
        original_name="chart.png",
        title_en="Chart",
    )
    assert image.preview and image.page_count is None
    docx = create_document(
        upload("paper.docx", files.docx_bytes()), original_name="paper.docx", title_en="Paper"
    )
    assert not docx.preview and docx.type_label == "Word"


def test_the_same_file_twice_is_noticed_and_points_at_the_first(nssf):
    data = files.pdf_bytes(2)
    first = create_document(upload("a.pdf", data), original_name="a.pdf", title_en="First")
    with pytest.raises(DuplicateDocument) as caught:
        create_document(upload("b.pdf", data), original_name="b.pdf", title_en="Second")
    assert caught.value.existing == first
    assert "has already been uploaded" in caught.value.messages[0]
    assert Document.objects.count() == 1
    # The importer may store it anyway, e.g. the same paper for two meetings.
    again = create_document(
        upload("b.pdf", data), original_name="b.pdf", title_en="Second", allow_duplicate=True
    )
    assert again.sha256 == first.sha256


def test_a_withdrawn_file_may_be_sent_again(member, nssf):
    data = files.pdf_bytes()
    first = create_document(
        upload("a.pdf", data), original_name="a.pdf", title_en="A", institution=nssf
    )
    withdraw_document(first, member)
    second = create_document(
        upload("a.pdf", data), original_name="a.pdf", title_en="A", institution=nssf
    )
    assert second.pk != first.pk


def test_a_refused_file_stores_nothing(media_root, private_media_root):
    with pytest.raises(ValidationError):
        create_document(upload("x.pdf", files.HTML_BYTES), original_name="x.pdf", title_en="X")
    assert Document.objects.count() == 0
    assert stored_files(media_root, private_media_root) == []


# ---- all or nothing ------------------------------------------------------------------------


def test_a_failed_storage_write_leaves_no_row_and_no_file(
    media_root, private_media_root, monkeypatch
):
    original_save = FileSystemStorage._save

    def failing_save(self, name, content):
        if name.startswith("documents/"):
            # Write part of the file, then fail, as a full disk would.
            (private_media_root / name).parent.mkdir(parents=True, exist_ok=True)
            (private_media_root / name).write_bytes(b"%PDF-half")
            raise OSError("No space left on device")
        return original_save(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", failing_save)
    with pytest.raises(OSError):
        create_document(upload("a.pdf", files.pdf_bytes()), original_name="a.pdf", title_en="A")
    assert Document.objects.count() == 0
    assert stored_files(media_root, private_media_root) == []


def test_a_failed_database_write_leaves_no_stored_file(media_root, private_media_root, monkeypatch):
    def failing_save(self, *args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(Document, "save", failing_save)
    with pytest.raises(DatabaseError):
        create_document(upload("a.pdf", files.pdf_bytes()), original_name="a.pdf", title_en="A")
    assert Document.objects.count() == 0
    # The file and its preview had been written; both are gone again.
    assert stored_files(media_root, private_media_root) == []


def test_a_failed_replacement_keeps_the_current_file(
    media_root, private_media_root, make_pdf_document, secretariat, monkeypatch
):
    document = make_pdf_document()
    before = stored_files(media_root, private_media_root)

    def failing_create(*args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(DocumentVersion.objects, "create", failing_create)
    with pytest.raises(DatabaseError):
        replace_file(document, upload("new.pdf", files.pdf_bytes(5)), secretariat)
    document.refresh_from_db()
    assert document.page_count == 1
    assert stored_files(media_root, private_media_root) == before


# ---- versions ------------------------------------------------------------------------------


def test_a_replaced_file_keeps_the_address_and_the_old_version(
    client, private_media_root, make_pdf_document, secretariat
):
    document = make_pdf_document(name="minutes.pdf")
    old_name, old_sha = document.file.name, document.sha256
    page_url, download_url = document.get_absolute_url(), document.get_download_url()
    new_data = files.pdf_bytes(6)

    version = replace_file(document, upload("minutes.pdf", new_data), secretariat)

    document.refresh_from_db()
    assert document.get_absolute_url() == page_url
    assert document.get_download_url() == download_url
    assert document.page_count == 6
    assert document.sha256 == hashlib.sha256(new_data).hexdigest()
    response = client.get(download_url)
    assert b"".join(response.streaming_content) == new_data
    # The earlier file is kept, listed with who replaced it and when.
    assert version.file.name == old_name and version.sha256 == old_sha
    assert version.replaced_by == secretariat and version.replaced_at is not None
    assert (private_media_root / old_name).exists()
    assert list(document.versions.all()) == [version]


def test_replacing_with_the_same_file_is_refused(make_pdf_document, secretariat):
    document = make_pdf_document()
    same = document.file.storage.path(document.file.name)
    with pytest.raises(ValidationError) as caught, open(same, "rb") as handle:
        replace_file(document, File(handle, name="same.pdf"), secretariat)
    assert caught.value.code == "same_file"


# ---- decisions -----------------------------------------------------------------------------


def test_approve_publishes_and_reject_needs_a_reason(make_pdf_document, secretariat):
    document = make_pdf_document(status=DocumentStatus.SUBMITTED)
    with pytest.raises(ValidationError):
        reject_document(document, secretariat, "   ")
    approve_document(document, secretariat)
    document.refresh_from_db()
    assert document.is_published
    assert document.decided_by == secretariat and document.published_at is not None
    reject_document(document, secretariat, "Wrong meeting.")
    document.refresh_from_db()
    assert document.status == DocumentStatus.REJECTED
    assert document.rejection_reason == "Wrong meeting."
    assert document.published_at is None


def test_only_a_submission_can_be_withdrawn_and_only_by_its_institution(
    make_pdf_document, member, other_member, nssf, secretariat
):
    document = make_pdf_document(status=DocumentStatus.SUBMITTED, institution=nssf)
    with pytest.raises(PermissionError):
        withdraw_document(document, other_member)
    withdraw_document(document, member)
    assert Document.objects.get(pk=document.pk).status == DocumentStatus.WITHDRAWN
    with pytest.raises(ValidationError):
        withdraw_document(document, member)
    with pytest.raises(ValidationError):
        approve_document(document, secretariat)


def test_a_replacement_keeps_every_fact_of_the_old_file_and_gives_the_new_ones(
    make_pdf_document, secretariat
):
    document = make_pdf_document(name="minutes.pdf")
    old = Document.objects.values(
        "file", "original_name", "content_type", "size", "sha256", "page_count"
    ).get(pk=document.pk)
    new_data = files.pdf_bytes(4)

    version = replace_file(document, upload("minutes-v2.pdf", new_data), secretariat)

    kept = DocumentVersion.objects.values(*old).get(pk=version.pk)
    assert kept == old
    stored = Document.objects.values(*old).get(pk=document.pk)
    assert stored["original_name"] == "minutes-v2.pdf" and stored["page_count"] == 4
    assert stored["size"] == len(new_data)
    assert stored["sha256"] == hashlib.sha256(new_data).hexdigest()
    assert stored["file"] != old["file"]
    # The caller's object is the one in the database, without a refresh.
    assert {name: getattr(document, name) for name in old if name != "file"} == {
        name: value for name, value in stored.items() if name != "file"
    }
    assert document.file.name == stored["file"]
