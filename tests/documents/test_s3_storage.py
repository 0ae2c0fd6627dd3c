"""Documents in S3 buckets: moto's S3 server on 127.0.0.1 (the ``s3`` fixture), no mocks.

Uploads, both kinds of private download (a signed link fetched for real, and the object
streamed through the app), publishing and taking down moving previews between the
buckets, replaced files, the event ZIP, and the all-or-nothing guarantees when a write
to the bucket or the database fails.
"""

import hashlib
import io
import urllib.error
import urllib.request
import zipfile
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.urls import reverse
from storages.backends.s3 import S3Storage

from documents.models import Document, DocumentStatus, DocumentVersion
from documents.services import (
    approve_document,
    create_document,
    reject_document,
    replace_file,
    withdraw_document,
)
from tests.conftest import PRIVATE_BUCKET, PUBLIC_BUCKET
from tests.documents import files
from tests.documents.conftest import upload
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

# Straight to 127.0.0.1, whatever proxy the environment names.
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str):
    with opener.open(url, timeout=10) as answer:
        return answer.read(), answer.headers


def local_files(*roots) -> list:
    return [p for root in roots for p in root.rglob("*") if p.is_file()]


def test_a_member_upload_is_stored_in_the_private_bucket_only(
    s3, client, member, media_root, private_media_root
):
    data = files.pdf_bytes(3)
    client.force_login(member)
    response = client.post(
        reverse("documents:portal_upload"),
        {"title_en": "Coverage", "kind": "paper", "language": "en", "file": upload("c.pdf", data)},
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert sorted([document.file.name, document.preview.name]) == s3.private_keys()
    assert s3.read(PRIVATE_BUCKET, document.file.name) == data
    assert s3.public_keys() == []
    assert local_files(media_root, private_media_root) == []


def test_a_private_download_is_a_short_lived_signed_link_with_the_original_name(
    s3, client, member, nssf
):
    name = "របាយការណ៍ ២០២៤.pdf"
    data = files.pdf_bytes(2)
    document = create_document(
        upload(name, data), original_name=name, title_en="Report", institution=nssf
    )
    # Unpublished: the public gets nothing, not even a link.
    assert client.get(document.get_download_url()).status_code == 404

    client.force_login(member)
    response = client.get(document.get_download_url())

    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    link = urlsplit(response["Location"])
    query = parse_qs(link.query)
    assert link.path == f"/{PRIVATE_BUCKET}/{document.file.name}"
    assert query["X-Amz-Expires"] == ["60"] and query["X-Amz-Signature"]
    body, headers = fetch(response["Location"])
    assert body == data
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == f"inline; filename*=utf-8''{quote(name)}"
    assert headers["Cache-Control"] == "private, no-store"
    # The same object without the signature: refused.
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(f"{s3.endpoint}/{PRIVATE_BUCKET}/{document.file.name}")
    assert refused.value.code == 403


def test_a_private_download_may_be_streamed_through_the_app(
    s3, settings, client, make_pdf_document
):
    settings.PRIVATE_FILES_DELIVERY = "stream"
    document = make_pdf_document(status=DocumentStatus.APPROVED, name="table.pdf")
    response = client.get(document.get_download_url())
    assert response.status_code == 200 and response.streaming
    assert response["Content-Length"] == str(document.size)
    assert response["Content-Disposition"] == 'inline; filename="table.pdf"'
    assert response["Content-Security-Policy"] == "sandbox"
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == document.sha256


def test_a_file_missing_from_the_bucket_is_404_either_way(s3, settings, client, make_pdf_document):
    document = make_pdf_document(status=DocumentStatus.APPROVED)
    s3.client.delete_object(Bucket=PRIVATE_BUCKET, Key=document.file.name)
    assert client.get(document.get_download_url()).status_code == 404
    settings.PRIVATE_FILES_DELIVERY = "stream"
    assert client.get(document.get_download_url()).status_code == 404


def test_publishing_copies_the_preview_to_the_public_bucket_and_taking_down_removes_it(
    s3, client, make_pdf_document, member, nssf, secretariat
):
    document = make_pdf_document(status=DocumentStatus.SUBMITTED, institution=nssf)
    preview = document.preview.name
    assert s3.public_keys() == []

    approve_document(document, secretariat)
    assert s3.public_keys() == [preview]
    # Pages show it from the public bucket's address, readable by anyone.
    assert document.preview_url == f"{s3.endpoint}/{PUBLIC_BUCKET}/{preview}"
    picture, headers = fetch(document.preview_url)
    assert picture.startswith(b"\x89PNG") and headers["Content-Type"] == "image/png"
    assert picture == s3.read(PRIVATE_BUCKET, preview)

    reject_document(document, secretariat, "Wrong meeting.")
    assert s3.public_keys() == []
    assert preview in s3.private_keys()  # the original stays, for the secretariat

    second = make_pdf_document(status=DocumentStatus.SUBMITTED, institution=nssf)
    withdraw_document(second, member)
    assert s3.public_keys() == []
    assert second.preview.name in s3.private_keys()


def test_a_replaced_file_keeps_its_address_and_the_old_one_is_a_version(
    s3, client, make_pdf_document, secretariat, django_capture_on_commit_callbacks
):
    document = make_pdf_document(status=DocumentStatus.APPROVED, name="minutes.pdf")
    old = s3.read(PRIVATE_BUCKET, document.file.name)
    old_preview = document.preview.name
    new = files.pdf_bytes(6)

    with django_capture_on_commit_callbacks(execute=True):
        version = replace_file(document, upload("minutes.pdf", new), secretariat)

    link = client.get(document.get_download_url())["Location"]
    assert fetch(link)[0] == new
    client.force_login(secretariat)
    version_url = reverse(
        "downloads:version",
        kwargs={"pk": document.pk, "version": version.pk, "filename": "minutes.pdf"},
    )
    assert fetch(client.get(version_url)["Location"])[0] == old
    # The new picture is public, the old one is gone from both buckets.
    assert s3.public_keys() == [document.preview.name]
    assert old_preview not in s3.private_keys()
    assert version.file.name in s3.private_keys()


def test_the_event_zip_is_built_from_the_bucket(s3, client, make_pdf_document, nssf):
    meeting = EventFactory(host=nssf)
    first = make_pdf_document(event=meeting, name="Minutes.pdf")
    second = make_pdf_document(event=meeting, name="Agenda.pdf")

    response = client.get(reverse("downloads:event_zip", kwargs={"event_pk": meeting.pk}))

    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == ["Agenda.pdf", "Minutes.pdf"]
    assert archive.read("Minutes.pdf") == s3.read(PRIVATE_BUCKET, first.file.name)
    assert archive.read("Agenda.pdf") == s3.read(PRIVATE_BUCKET, second.file.name)


# ---- all or nothing, on S3 --------------------------------------------------------------


def test_a_failed_bucket_write_leaves_no_row_and_no_object(s3, monkeypatch):
    original_save = S3Storage._save

    def failing_save(self, name, content):
        if name.startswith("documents/"):
            # Part of the object arrives, then the connection drops.
            self.bucket.Object(self._normalize_name(name)).put(Body=b"%PDF-half")
            raise ConnectionResetError("Connection reset by peer")
        return original_save(self, name, content)

    monkeypatch.setattr(S3Storage, "_save", failing_save)
    with pytest.raises(OSError):
        create_document(upload("a.pdf", files.pdf_bytes()), original_name="a.pdf", title_en="A")
    assert Document.objects.count() == 0
    assert s3.all_keys() == []


def test_a_failed_database_write_leaves_no_object(s3, monkeypatch):
    def failing_save(self, *args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(Document, "save", failing_save)
    with pytest.raises(DatabaseError):
        create_document(upload("a.pdf", files.pdf_bytes()), original_name="a.pdf", title_en="A")
    assert Document.objects.count() == 0
    assert s3.all_keys() == []


def test_a_failed_publication_copy_leaves_the_document_unpublished(
    s3, make_pdf_document, secretariat, monkeypatch
):
    document = make_pdf_document(status=DocumentStatus.SUBMITTED)
    before = s3.all_keys()
    original_save = S3Storage._save

    def failing_save(self, name, content):
        if self.bucket_name == PUBLIC_BUCKET:
            raise ConnectionResetError("Connection reset by peer")
        return original_save(self, name, content)

    monkeypatch.setattr(S3Storage, "_save", failing_save)
    with pytest.raises(OSError):
        approve_document(document, secretariat)
    document.refresh_from_db()
    assert document.status == DocumentStatus.SUBMITTED
    assert s3.public_keys() == [] and s3.all_keys() == before


def test_a_failed_replacement_keeps_the_current_file_and_objects(
    s3, make_pdf_document, secretariat, monkeypatch
):
    document = make_pdf_document()
    before = s3.all_keys()

    def failing_create(*args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(DocumentVersion.objects, "create", failing_create)
    with pytest.raises(DatabaseError):
        replace_file(document, upload("new.pdf", files.pdf_bytes(5)), secretariat)
    document.refresh_from_db()
    assert document.page_count == 1
    assert s3.all_keys() == before


def test_a_refused_file_stores_nothing_in_the_buckets(s3):
    with pytest.raises(ValidationError):
        create_document(upload("x.pdf", files.HTML_BYTES), original_name="x.pdf", title_en="X")
    assert s3.all_keys() == []


def test_a_file_sent_in_pieces_keeps_them_in_the_private_bucket_until_the_form_names_it(
    s3, client, member, media_root, private_media_root, django_capture_on_commit_callbacks
):
    from documents.models import PartialUpload
    from tests.documents.test_tus import Tus, upload_id

    client.force_login(member)
    data = files.pdf_bytes(3)
    location = Tus(client).send(data, "Coverage.pdf", piece=1000)
    upload = PartialUpload.objects.get()
    # One object per piece, in order: S3 objects cannot be appended to.
    assert sorted(s3.private_keys()) == sorted(upload.chunks)
    assert len(upload.chunks) == -(-len(data) // 1000)
    assert b"".join(s3.read(PRIVATE_BUCKET, name) for name in upload.chunks) == data
    assert local_files(media_root, private_media_root) == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:portal_upload"),
            {
                "title_en": "Coverage",
                "kind": "paper",
                "language": "en",
                "resumable_upload": upload_id(location),
            },
        )
    assert response.status_code == 302
    document = Document.objects.get()
    assert sorted(s3.private_keys()) == sorted([document.file.name, document.preview.name])
    assert s3.read(PRIVATE_BUCKET, document.file.name) == data
    assert PartialUpload.objects.count() == 0
    assert local_files(media_root, private_media_root) == []
