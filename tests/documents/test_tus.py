"""Resumable uploads (issue 22): the tus protocol at /uploads/, and the forms that name a
finished upload instead of carrying the file.

Requests go through Django's test client (the protocol's headers, offsets, refusals, who
may see what); tests/documents/test_tuspy.py drives the same endpoint with the Python tus
client over a real connection.
"""

import base64
import datetime
import hashlib
import io
import json
import uuid
from email.utils import parsedate_to_datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from documents import resumable
from documents.models import Document, DocumentStatus, PartialUpload
from tests.documents import files

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
TUS = {"Tus-Resumable": "1.0.0"}
PIECE = "application/offset+octet-stream"


def metadata(**values) -> str:
    return ",".join(
        f"{key} {base64.b64encode(value.encode()).decode()}" for key, value in values.items()
    )


class Tus:
    """The protocol's requests, through a test client."""

    def __init__(self, client):
        self.client = client

    def create(
        self, length: int, name: str = "paper.pdf", filetype: str = "application/pdf", **headers
    ):
        return self.client.post(
            reverse("uploads:create"),
            headers={
                **TUS,
                "Upload-Length": str(length),
                "Upload-Metadata": metadata(filename=name, filetype=filetype),
                **headers,
            },
        )

    def head(self, location: str):
        return self.client.head(location, headers=TUS)

    def patch(self, location: str, offset: int, data: bytes, content_type: str = PIECE, **headers):
        return self.client.patch(
            location,
            data,
            content_type=content_type,
            headers={**TUS, "Upload-Offset": str(offset), **headers},
        )

    def delete(self, location: str):
        return self.client.delete(location, headers=TUS)

    def send(self, data: bytes, name: str = "paper.pdf", piece: int = 100 * 1024) -> str:
        """The whole file in pieces; its upload's address."""
        location = self.create(len(data), name)["Location"]
        for offset in range(0, len(data), piece):
            response = self.patch(location, offset, data[offset : offset + piece])
            assert response.status_code == 204, response.content
        return location


def upload_id(location: str) -> str:
    return location.rstrip("/").rsplit("/", 1)[-1]


def stored_pieces(private_media_root) -> list[str]:
    folder = private_media_root / "uploads"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def stored_documents(private_media_root) -> list[str]:
    folder = private_media_root / "documents"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def tus(client, member):
    client.force_login(member)
    return Tus(client)


@pytest.fixture
def other(other_member):
    client = Client()
    client.force_login(other_member)
    return Tus(client)


# ---- the protocol ----------------------------------------------------------------------


def test_options_says_what_the_server_speaks(client):
    response = client.options(reverse("uploads:create"))
    assert response.status_code == 204
    assert response["Tus-Version"] == "1.0.0"
    assert set(response["Tus-Extension"].split(",")) == {"creation", "termination", "expiration"}
    assert response["Tus-Max-Size"] == str(50 * MB)


def test_only_members_and_the_secretariat_may_send(client, secretariat):
    from tests.factories import UserFactory

    assert Tus(client).create(1000).status_code == 403  # not logged in
    client.force_login(UserFactory(username="nobody"))  # no institution, not staff
    assert Tus(client).create(1000).status_code == 403
    client.force_login(secretariat)
    assert Tus(client).create(1000).status_code == 201


def test_a_request_without_the_protocol_version_is_refused(tus):
    response = tus.client.post(reverse("uploads:create"), headers={"Upload-Length": "10"})
    assert response.status_code == 412
    assert response["Tus-Version"] == "1.0.0"
    assert tus.client.get(reverse("uploads:create"), headers=TUS).status_code == 405


def test_creation_answers_where_the_upload_is_and_when_it_expires(tus, member):
    before = timezone.now()
    response = tus.create(1234, "Annual report 2024.pdf")
    assert response.status_code == 201
    assert response["Tus-Resumable"] == "1.0.0"
    location = response["Location"]
    upload = PartialUpload.objects.get()
    assert location == f"/uploads/{upload.pk}/"
    assert (upload.owner, upload.length, upload.offset) == (member, 1234, 0)
    assert (upload.filename, upload.filetype) == ("Annual report 2024.pdf", "application/pdf")
    expires = parsedate_to_datetime(response["Upload-Expires"])
    assert before + datetime.timedelta(hours=23, minutes=59) < expires
    assert expires <= timezone.now() + datetime.timedelta(hours=24)

    head = tus.head(location)
    assert head.status_code == 200
    assert (head["Upload-Offset"], head["Upload-Length"]) == ("0", "1234")
    assert head["Cache-Control"] == "no-store"
    assert head["Upload-Expires"] == response["Upload-Expires"]
    assert head["Upload-Metadata"] == metadata(
        filename="Annual report 2024.pdf", filetype="application/pdf"
    )


@pytest.mark.parametrize("language", ["en", "km"])
def test_a_file_past_the_limit_is_refused_at_creation(tus, language):
    tus.client.cookies["django_language"] = language
    response = tus.create(50 * MB + 1)
    assert response.status_code == 413
    with translation.override(language):
        from documents.validation import too_large_message

        assert response.content.decode() == too_large_message(50 * MB + 1)
    assert PartialUpload.objects.count() == 0
    assert tus.create(50 * MB).status_code == 201


@pytest.mark.parametrize(
    "headers",
    [
        {"Upload-Length": "-1"},
        {"Upload-Length": "ten"},
        {"Upload-Defer-Length": "1"},
        {"Upload-Length": "10", "Upload-Metadata": "filename not-base64!"},
        {"Upload-Length": "10", "Upload-Metadata": "filename YQ==,filename Yg=="},
    ],
)
def test_malformed_creations_are_refused(tus, headers):
    response = tus.client.post(reverse("uploads:create"), headers={**TUS, **headers})
    assert response.status_code == 400
    assert PartialUpload.objects.count() == 0


def test_pieces_move_the_offset_and_are_stored_one_object_each(tus, private_media_root):
    data = files.pdf_bytes(2)
    location = tus.create(len(data))["Location"]
    half = len(data) // 2
    response = tus.patch(location, 0, data[:half])
    assert response.status_code == 204
    assert response["Upload-Offset"] == str(half)
    assert "Upload-Expires" in response
    assert tus.head(location)["Upload-Offset"] == str(half)
    response = tus.patch(location, half, data[half:])
    assert response["Upload-Offset"] == str(len(data))
    upload = PartialUpload.objects.get()
    assert upload.is_complete and len(upload.chunks) == 2
    assert len(stored_pieces(private_media_root)) == 2
    assert b"".join((private_media_root / name).read_bytes() for name in upload.chunks) == data


def test_a_piece_at_the_wrong_offset_is_refused_with_409(tus, private_media_root):
    location = tus.create(1000)["Location"]
    assert tus.patch(location, 0, b"a" * 400).status_code == 204
    for offset in (0, 300, 500):
        response = tus.patch(location, offset, b"b" * 100)
        assert response.status_code == 409, offset
    assert tus.head(location)["Upload-Offset"] == "400"
    assert len(stored_pieces(private_media_root)) == 1


def test_a_piece_must_be_an_offset_octet_stream(tus):
    location = tus.create(1000)["Location"]
    response = tus.patch(location, 0, b"a" * 10, content_type="application/octet-stream")
    assert response.status_code == 415
    response = tus.client.patch(location, b"a", content_type=PIECE, headers=TUS)
    assert response.status_code == 400  # no Upload-Offset
    assert tus.head(location)["Upload-Offset"] == "0"


def test_bytes_past_the_announced_length_are_refused(tus, private_media_root):
    location = tus.create(1000)["Location"]
    assert tus.patch(location, 0, b"a" * 900).status_code == 204
    response = tus.patch(location, 900, b"a" * 101)
    assert response.status_code == 413
    assert tus.head(location)["Upload-Offset"] == "900"
    assert len(stored_pieces(private_media_root)) == 1


class CountingStream:
    """A request body of ``size`` bytes that counts what the server reads of it, and can
    break off after ``fail_after`` bytes as a dropped connection does."""

    def __init__(self, size: int, fail_after: int | None = None):
        self.size = size
        self.fail_after = fail_after
        self.read_bytes = 0

    def read(self, n: int = -1) -> bytes:
        left = self.size - self.read_bytes
        n = left if n is None or n < 0 else min(n, left)
        if self.fail_after is not None:
            if self.read_bytes >= self.fail_after:
                raise ConnectionResetError("the client went away")
            n = min(n, self.fail_after - self.read_bytes)
        self.read_bytes += n
        return b"x" * n

    def readline(self, n: int = -1) -> bytes:
        return self.read(n if n and n > 0 else 64 * 1024)


def raw_patch(client, location: str, offset: int, body: CountingStream, length: int):
    environ = client._base_environ(
        PATH_INFO=location,
        REQUEST_METHOD="PATCH",
        CONTENT_TYPE=PIECE,
        CONTENT_LENGTH=str(length),
        HTTP_TUS_RESUMABLE="1.0.0",
        HTTP_UPLOAD_OFFSET=str(offset),
        **{"wsgi.input": body},
    )
    return client.handler(environ)


def test_a_piece_past_the_chunk_size_is_refused_before_it_is_read(tus, settings):
    settings.UPLOAD_CHUNK_MB = 1
    location = tus.create(5 * MB)["Location"]
    body = CountingStream(MB + 1)
    response = raw_patch(tus.client, location, 0, body, MB + 1)
    assert response.status_code == 413
    assert body.read_bytes == 0
    body = CountingStream(MB)
    assert raw_patch(tus.client, location, 0, body, MB).status_code == 204
    assert body.read_bytes == MB
    assert tus.head(location)["Upload-Offset"] == str(MB)


def test_what_arrived_of_a_broken_piece_is_kept(tus):
    location = tus.create(1000)["Location"]
    body = CountingStream(600, fail_after=250)
    response = raw_patch(tus.client, location, 0, body, 600)
    assert response.status_code == 204
    assert tus.head(location)["Upload-Offset"] == "250"
    assert tus.patch(location, 250, b"y" * 750).status_code == 204
    upload = PartialUpload.objects.get()
    assert upload.is_complete and len(upload.chunks) == 2


def test_a_piece_stored_by_another_request_meanwhile_is_a_conflict(tus, member, private_media_root):
    location = tus.create(1000)["Location"]
    stale = PartialUpload.objects.get()
    assert tus.patch(location, 0, b"a" * 500).status_code == 204
    with pytest.raises(resumable.UploadRefused) as refused:
        # The other request checked the offset before this one stored its piece.
        stale.offset = 0
        resumable.append(stale, 0, io.BytesIO(b"b" * 500), 500)
    assert refused.value.status == 409
    assert PartialUpload.objects.get().offset == 500
    assert len(stored_pieces(private_media_root)) == 1  # the late piece was deleted


def test_another_members_upload_is_a_404_whatever_the_method(tus, other, secretariat):
    location = tus.create(1000)["Location"]
    assert tus.patch(location, 0, b"a" * 100).status_code == 204
    staff = Client()
    staff.force_login(secretariat)
    for stranger in (other, Tus(staff)):
        assert stranger.head(location).status_code == 404
        assert stranger.patch(location, 100, b"b" * 100).status_code == 404
        assert stranger.delete(location).status_code == 404
    assert tus.head(location)["Upload-Offset"] == "100"
    unknown = f"/uploads/{uuid.uuid4()}/"
    assert tus.head(unknown).status_code == 404
    assert tus.patch(unknown, 0, b"a").status_code == 404


def test_termination_deletes_the_upload_and_its_pieces(
    tus, private_media_root, django_capture_on_commit_callbacks
):
    location = tus.create(1000)["Location"]
    tus.patch(location, 0, b"a" * 300)
    with django_capture_on_commit_callbacks(execute=True):
        response = tus.delete(location)
    assert response.status_code == 204
    assert PartialUpload.objects.count() == 0
    assert stored_pieces(private_media_root) == []
    assert tus.head(location).status_code == 404


def test_an_expired_upload_is_gone_and_the_housekeeping_deletes_it(
    tus, private_media_root, django_capture_on_commit_callbacks
):
    expired = tus.create(1000)["Location"]
    tus.patch(expired, 0, b"a" * 300)
    current = tus.create(1000)["Location"]
    tus.patch(current, 0, b"b" * 300)
    PartialUpload.objects.filter(pk=upload_id(expired)).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert tus.head(expired).status_code == 410
    assert tus.patch(expired, 300, b"a").status_code == 410
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remove_expired_uploads", stdout=out)
    assert "1 expired uploads were deleted" in out.getvalue()
    assert list(PartialUpload.objects.values_list("pk", flat=True)) == [
        uuid.UUID(upload_id(current))
    ]
    assert tus.head(expired).status_code == 404
    assert stored_pieces(private_media_root) == [
        name.split("/")[-1] for name in PartialUpload.objects.get().chunks
    ]


def test_a_piece_sent_late_keeps_the_upload_alive(tus, settings):
    location = tus.create(1000)["Location"]
    PartialUpload.objects.update(expires_at=timezone.now() + datetime.timedelta(minutes=5))
    response = tus.patch(location, 0, b"a" * 10)
    expires = parsedate_to_datetime(response["Upload-Expires"])
    assert expires > timezone.now() + datetime.timedelta(hours=23)


def test_the_sweep_deletes_expired_uploads_and_stray_pieces(
    tus, private_media_root, django_capture_on_commit_callbacks
):
    location = tus.create(1000)["Location"]
    tus.patch(location, 0, b"a" * 300)
    stray = private_media_root / "uploads" / "0123-000000000000.part"
    stray.write_bytes(b"left by a request that died")
    old = (timezone.now() - datetime.timedelta(hours=2)).timestamp()
    import os

    for path in (private_media_root / "uploads").iterdir():
        os.utime(path, (old, old))
    out = io.StringIO()
    call_command("sweep_document_files", stdout=out)
    assert "1 unreferenced files were deleted" in out.getvalue()
    assert not stray.exists() and PartialUpload.objects.count() == 1
    PartialUpload.objects.update(expires_at=timezone.now())
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sweep_document_files", stdout=out)
    assert "1 expired uploads were deleted" in out.getvalue()
    assert stored_pieces(private_media_root) == []


def test_starting_too_many_uploads_deletes_the_oldest(tus):
    locations = [tus.create(100)["Location"] for _ in range(resumable.MAX_IN_PROGRESS + 1)]
    assert PartialUpload.objects.count() == resumable.MAX_IN_PROGRESS
    assert tus.head(locations[0]).status_code == 404
    assert tus.head(locations[-1]).status_code == 200


def test_csrf_is_checked_for_changes_and_the_header_passes_it(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    tus = Tus(client)
    assert tus.create(100).status_code == 403
    client.get(reverse("documents:portal_upload"))
    token = client.cookies["csrftoken"].value
    response = tus.create(100, **{"X-CSRFToken": token})
    assert response.status_code == 201
    location = response["Location"]
    assert tus.head(location).status_code == 200  # reading needs no token
    assert tus.patch(location, 0, b"a" * 100).status_code == 403
    assert tus.patch(location, 0, b"a" * 100, **{"X-CSRFToken": token}).status_code == 204


# ---- the forms: a finished upload named instead of the file ------------------------------


def portal_upload(language="en"):
    with translation.override(language):
        return reverse("documents:portal_upload")


def form_data(**extra):
    return {"title_en": "Coverage expansion", "kind": "paper", "language": "en", **extra}


def test_the_portal_form_stores_a_finished_upload_like_a_file_sent_with_it(
    tus, member, nssf, private_media_root, django_capture_on_commit_callbacks
):
    data = files.pdf_bytes(3)
    location = tus.send(data, "Coverage expansion.pdf", piece=1000)
    with django_capture_on_commit_callbacks(execute=True):
        response = tus.client.post(portal_upload(), form_data(resumable_upload=upload_id(location)))
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.status, document.institution, document.uploaded_by) == (
        DocumentStatus.SUBMITTED,
        nssf,
        member,
    )
    assert document.original_name == "Coverage expansion.pdf" and document.page_count == 3
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert (private_media_root / document.file.name).read_bytes() == data
    assert PartialUpload.objects.count() == 0
    assert stored_pieces(private_media_root) == []


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("notes.pdf", files.HTML_BYTES, "Web pages (HTML) are not accepted"),
        ("locked.pdf", files.encrypted_pdf_bytes(), "protected by a password"),
        ("paper.docx", files.pdf_bytes(1), "ends in “.docx” but its content is a PDF"),
    ],
)
def test_a_refused_finished_upload_leaves_nothing_behind(
    tus,
    private_media_root,
    django_capture_on_commit_callbacks,
    name,
    data,
    message,
    tmp_path,
    settings,
):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "upload-tmp")
    (tmp_path / "upload-tmp").mkdir()
    location = tus.send(data, name)
    with django_capture_on_commit_callbacks(execute=True):
        response = tus.client.post(portal_upload(), form_data(resumable_upload=upload_id(location)))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Document.objects.count() == 0
    assert PartialUpload.objects.count() == 0
    assert stored_pieces(private_media_root) == []
    assert stored_documents(private_media_root) == []
    assert list((tmp_path / "upload-tmp").iterdir()) == []
    # The form shown again does not name the deleted upload.
    assert f'value="{upload_id(location)}"' not in response.content.decode()


def test_a_finished_upload_waits_while_other_fields_are_corrected(tus, private_media_root):
    data = files.pdf_bytes(1)
    location = tus.send(data)
    response = tus.client.post(
        portal_upload(), form_data(title_en="", resumable_upload=upload_id(location))
    )
    assert response.status_code == 200
    assert "title_en" in response.context["form"].errors
    assert "file" not in response.context["form"].errors
    assert PartialUpload.objects.count() == 1
    # The page's script names it again (a finished upload needs no byte more).
    response = tus.client.post(portal_upload(), form_data(resumable_upload=upload_id(location)))
    assert response.status_code == 302
    assert Document.objects.get().sha256 == hashlib.sha256(data).hexdigest()


def test_an_unfinished_or_someone_elses_upload_cannot_be_named(tus, other):
    data = files.pdf_bytes(1)
    unfinished = tus.create(len(data))["Location"]
    tus.patch(unfinished, 0, data[:100])
    theirs = other.send(files.pdf_bytes(2))
    for location in (unfinished, theirs, f"/uploads/{uuid.uuid4()}/"):
        response = tus.client.post(portal_upload(), form_data(resumable_upload=upload_id(location)))
        assert response.status_code == 200
        assert "The file sent earlier is no longer here" in response.content.decode()
    assert Document.objects.count() == 0
    assert PartialUpload.objects.count() == 2


def test_a_file_sent_with_the_form_still_works_and_wins(tus):
    from tests.documents.conftest import upload

    response = tus.client.post(
        portal_upload(), form_data(file=upload("a.pdf", files.pdf_bytes(2)), resumable_upload="")
    )
    assert response.status_code == 302
    response = tus.client.post(portal_upload(), form_data())
    assert response.context["form"].errors["file"] == ["This field is required."]


def test_the_admin_stores_a_finished_upload(client, secretariat, private_media_root):
    client.force_login(secretariat)
    tus = Tus(client)
    data = files.pdf_bytes(2)
    location = tus.send(data, "Minutes.pdf")
    response = client.post(
        reverse("admin:documents_document_add"),
        {
            "title_en": "Minutes of the board",
            "title_km": "",
            "description_en": "",
            "description_km": "",
            "kind": "minutes",
            "language": "en",
            "status": "approved",
            "resumable_upload": upload_id(location),
            "versions-TOTAL_FORMS": "0",
            "versions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get()
    assert document.original_name == "Minutes.pdf" and document.is_published
    assert (private_media_root / document.file.name).read_bytes() == data
    assert PartialUpload.objects.count() == 0


# ---- what the pages give the script ------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "km"])
def test_the_upload_page_gives_the_script_the_servers_limits_and_words(tus, language):
    import re
    from html import unescape

    html = tus.client.get(portal_upload(language)).content.decode()
    assert 'data-tus-endpoint="/uploads/"' in html
    assert "/static/vendor/tus-js-client/tus.min.js" in html and "/static/js/upload.js" in html
    field = re.search(r"<input type=\"file\"[^>]*>", html).group(0)
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', field))
    assert attrs["data-max-bytes"] == str(50 * MB)
    assert attrs["data-chunk-bytes"] == str(2 * MB)
    assert "pdf" in attrs["data-extensions"].split() and "jpeg" in attrs["data-extensions"].split()
    messages = json.loads(unescape(attrs["data-messages"]))
    with translation.override(language):
        from documents.validation import empty_message, too_large_message

        assert messages["tooLarge"] == too_large_message("{size}")
        assert messages["empty"] == empty_message()
    if language == "km":
        assert messages["digits"] == "០១២៣៤៥៦៧៨៩"
        assert any("\u1780" <= char <= "\u17ff" for char in messages["offline"])
    else:
        assert messages["units"]["MB"] == "%s MB"
    assert 'name="resumable_upload"' in html


def test_the_document_admin_gives_its_file_input_the_endpoint(client, secretariat):
    client.force_login(secretariat)
    html = client.get(reverse("admin:documents_document_add")).content.decode()
    assert 'data-tus-endpoint="/uploads/"' in html
    assert "/static/js/upload.js" in html


def test_the_admin_replaces_a_file_with_a_finished_upload(
    client, secretariat, make_pdf_document, private_media_root, django_capture_on_commit_callbacks
):
    document = make_pdf_document(title_en="Minutes")
    client.force_login(secretariat)
    data = files.pdf_bytes(4)
    location = Tus(client).send(data, "Minutes, corrected.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:documents_document_change", args=[document.pk]),
            {
                "title_en": "Minutes",
                "title_km": "",
                "description_en": "",
                "description_km": "",
                "kind": "paper",
                "language": "en",
                "resumable_upload": upload_id(location),
                "versions-TOTAL_FORMS": "0",
                "versions-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    document.refresh_from_db()
    assert document.original_name == "Minutes, corrected.pdf" and document.page_count == 4
    assert (private_media_root / document.file.name).read_bytes() == data
    assert document.versions.count() == 1
    assert PartialUpload.objects.count() == 0 and stored_pieces(private_media_root) == []


# ---- the programme items of an event's admin page -----------------------------------------


def programme_page():
    """The event's add page and the helpers of tests/documents/test_programme_admin.py."""
    from tests.documents.test_programme_admin import item, programme
    from tests.events.test_admin import ADD_URL, event_data

    return ADD_URL, event_data, item, programme


@pytest.fixture
def clerk(client, secretariat):
    client.force_login(secretariat)
    return Tus(client)


def test_programme_items_take_finished_uploads_as_their_documents(
    clerk, private_media_root, django_capture_on_commit_callbacks
):
    from events.models import Event

    add_url, event_data, item, programme = programme_page()
    reform, ageing = files.pdf_bytes(2, width=411), files.pdf_bytes(3, width=412)
    sent = [clerk.send(reform, "Pension reform.pdf"), clerk.send(ageing, "Ageing.pdf", 2000)]
    data = event_data() | programme(
        item(0, title_en="Pension reform", resumable_upload=upload_id(sent[0])),
        item(1, category="speaker", title_en="Ageing", resumable_upload=upload_id(sent[1])),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk.client.post(add_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="cambodia-2020")
    first, second = event.presentations.order_by("order")
    for presentation, data, name in ((first, reform, "Pension reform.pdf"), (second, ageing, "Ageing.pdf")):  # fmt: skip
        document = presentation.document
        assert (document.event, document.original_name, document.status) == (
            event,
            name,
            DocumentStatus.APPROVED,
        )
        assert (private_media_root / document.file.name).read_bytes() == data
        assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert (first.document.kind, second.document.kind) == ("paper", "presentation")
    assert PartialUpload.objects.count() == 0 and stored_pieces(private_media_root) == []


def test_a_refused_programme_upload_leaves_nothing_and_the_good_one_waits(
    clerk, private_media_root, django_capture_on_commit_callbacks
):
    add_url, event_data, item, programme = programme_page()
    good = clerk.send(files.pdf_bytes(2, width=413), "good.pdf")
    broken = clerk.send(files.corrupt_pdf_bytes(), "broken.pdf")
    data = event_data() | programme(
        item(0, title_en="Good file", resumable_upload=upload_id(good)),
        item(1, title_en="Broken file", resumable_upload=upload_id(broken)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk.client.post(add_url, data)
    assert response.status_code == 200
    rows = next(
        formset.formset.forms
        for formset in response.context["inline_admin_formsets"]
        if formset.formset.prefix == "presentations"
    )
    assert "PDF" in rows[1].errors["upload"][0] and not rows[0].errors
    assert Document.objects.count() == 0 and stored_documents(private_media_root) == []
    # The refused file's upload and pieces are gone; the good one waits for the page.
    assert list(PartialUpload.objects.values_list("pk", flat=True)) == [uuid.UUID(upload_id(good))]
    assert all(
        name.startswith(uuid.UUID(upload_id(good)).hex)
        for name in stored_pieces(private_media_root)
    )
    assert f'value="{upload_id(good)}"' not in response.content.decode()


def test_the_same_file_twice_in_a_programme_refuses_the_second_upload(
    clerk, private_media_root, django_capture_on_commit_callbacks
):
    add_url, event_data, item, programme = programme_page()
    data = files.pdf_bytes(2, width=414)
    once, twice = clerk.send(data, "a.pdf"), clerk.send(data, "b.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk.client.post(
            add_url,
            event_data()
            | programme(
                item(0, title_en="One", resumable_upload=upload_id(once)),
                item(1, title_en="Two", resumable_upload=upload_id(twice)),
            ),
        )
    assert "The same file is uploaded for another item" in response.content.decode()
    assert list(PartialUpload.objects.values_list("pk", flat=True)) == [uuid.UUID(upload_id(once))]
    assert Document.objects.count() == 0


def test_each_programme_item_names_its_own_hidden_field(clerk):
    import re

    html = clerk.client.get(reverse("admin:events_event_add")).content.decode()
    inputs = re.findall(r'<input type="file"[^>]*name="presentations-[^"]*"[^>]*>', html)
    assert inputs  # the template row of "Add another programme item"
    for field in inputs:
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', field))
        assert attrs["data-tus-endpoint"] == "/uploads/"
        prefix = attrs["name"].removesuffix("-upload")
        assert attrs["data-resumable-field"] == f"{prefix}-resumable_upload"
    assert "/static/vendor/tus-js-client/tus.min.js" in html and "/static/js/upload.js" in html


# ---- a new version of a document, from the portal ------------------------------------------


@pytest.fixture
def published(make_pdf_document, nssf, member):
    return make_pdf_document(
        name="coverage.pdf", title_en="Coverage expansion", institution=nssf, uploaded_by=member
    )


def portal_revise(document, language="en"):
    with translation.override(language):
        return reverse("documents:portal_revise", kwargs={"pk": document.pk})


def test_a_new_version_sent_in_pieces_waits_for_the_secretariat(
    tus, member, published, private_media_root, django_capture_on_commit_callbacks
):
    from documents.models import Revision

    data = files.pdf_bytes(3, width=661)
    location = tus.send(data, "Coverage expansion, corrected.pdf", piece=1000)
    with django_capture_on_commit_callbacks(execute=True):
        response = tus.client.post(
            portal_revise(published),
            {"note": "Corrected table 3.", "resumable_upload": upload_id(location)},
        )
    assert response.status_code == 302
    revision = Revision.objects.get()
    assert (revision.document, revision.uploaded_by, revision.note) == (
        published,
        member,
        "Corrected table 3.",
    )
    assert revision.original_name == "Coverage expansion, corrected.pdf"
    assert revision.sha256 == hashlib.sha256(data).hexdigest()
    assert (private_media_root / revision.file.name).read_bytes() == data
    published.refresh_from_db()
    assert published.original_name == "coverage.pdf"  # the public keeps the approved file
    assert PartialUpload.objects.count() == 0 and stored_pieces(private_media_root) == []


def test_a_refused_new_version_sent_in_pieces_leaves_nothing(
    tus, published, private_media_root, django_capture_on_commit_callbacks
):
    from documents.models import Revision

    same = published.file.storage.open(published.file.name).read()
    location = tus.send(same, "coverage.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = tus.client.post(
            portal_revise(published), {"note": "Again.", "resumable_upload": upload_id(location)}
        )
    assert response.status_code == 200
    assert "same file as the current version" in response.content.decode()
    assert Revision.objects.count() == 0
    assert PartialUpload.objects.count() == 0 and stored_pieces(private_media_root) == []


@pytest.mark.parametrize("language", ["en", "km"])
def test_the_new_version_page_gives_the_script_its_endpoint(tus, published, language):
    html = tus.client.get(portal_revise(published, language)).content.decode()
    assert 'data-tus-endpoint="/uploads/"' in html
    assert "/static/vendor/tus-js-client/tus.min.js" in html and "/static/js/upload.js" in html
    assert 'name="resumable_upload"' in html and 'data-resumable-field="resumable_upload"' in html
    assert "data-max-bytes" in html
