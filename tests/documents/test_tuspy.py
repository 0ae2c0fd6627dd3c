"""The resumable uploads' endpoint as another tus client sees it: tuspy, the Python tus
client, over a real HTTP connection to the live server (issue 22's conformance test).

tuspy creates the upload (POST with Upload-Length and Upload-Metadata), follows the
relative Location, sends the pieces (PATCH with Upload-Offset) and, when it starts again,
asks where the upload stands (HEAD). Termination is sent with requests, which tuspy brings.
"""

import hashlib
import io
import os

import pytest
import requests
from django.conf import settings
from django.test import Client
from django.urls import reverse
from tusclient import client as tus_client
from tusclient.exceptions import TusCommunicationError, TusUploadFailed

from documents.models import Document, PartialUpload

pytestmark = pytest.mark.django_db(transaction=True)

KB = 1024


def noise_png(side: int = 200) -> bytes:
    """A real PNG of random pixels: about 120 KB that no compression shrinks."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def session(member):
    """The member's session and CSRF cookies, and the token tuspy sends in a header."""
    client = Client()
    client.force_login(member)
    client.get(reverse("documents:portal_upload"))
    cookies = {
        name: client.cookies[name].value
        for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    }
    return {
        "client": client,
        "headers": {
            "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
            "X-CSRFToken": cookies[settings.CSRF_COOKIE_NAME],
        },
    }


@pytest.fixture
def tus(live_server, session):
    return tus_client.TusClient(f"{live_server.url}/uploads/", headers=session["headers"])


def test_options_through_a_real_connection(live_server):
    response = requests.options(f"{live_server.url}/uploads/", timeout=10)
    assert response.status_code == 204
    assert response.headers["Tus-Version"] == "1.0.0"
    assert response.headers["Tus-Max-Size"] == str(settings.DOCUMENT_MAX_UPLOAD_MB * KB * KB)


def test_tuspy_uploads_in_pieces_and_the_form_stores_the_file(tus, session, live_server):
    data = noise_png()
    assert len(data) > 100 * KB
    uploader = tus.uploader(
        file_stream=io.BytesIO(data),
        chunk_size=16 * KB,
        metadata={"filename": "Graphique – 2024.png", "filetype": "image/png"},
    )
    uploader.upload()
    assert uploader.offset == len(data)
    assert uploader.url.startswith(f"{live_server.url}/uploads/")
    upload = PartialUpload.objects.get()
    assert upload.is_complete and len(upload.chunks) == -(-len(data) // (16 * KB))
    assert upload.filename == "Graphique – 2024.png"

    response = session["client"].post(
        reverse("documents:portal_upload"),
        {
            "title_en": "Annual report",
            "kind": "report",
            "language": "en",
            "resumable_upload": str(upload.pk),
        },
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.original_name == "Graphique – 2024.png"
    assert PartialUpload.objects.count() == 0


def test_tuspy_resumes_where_the_server_stands(tus, session):
    data = noise_png()
    first = tus.uploader(file_stream=io.BytesIO(data), chunk_size=10 * KB)
    first.upload(stop_at=25 * KB)  # the connection "breaks" here
    assert first.get_offset() == 25 * KB
    # Another client, later, knowing only the address: it asks (HEAD) and goes on.
    later = tus_client.TusClient(first.client.url, headers=session["headers"])
    second = later.uploader(file_stream=io.BytesIO(data), url=first.url, chunk_size=10 * KB)
    assert second.offset == 25 * KB
    second.upload()
    assert second.get_offset() == len(data)
    upload = PartialUpload.objects.get()
    assert upload.is_complete
    joined = b"".join((settings.PRIVATE_MEDIA_ROOT / name).read_bytes() for name in upload.chunks)
    assert joined == data


def test_tuspy_is_refused_past_the_limit_and_at_a_wrong_offset(tus, settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    too_large = tus.uploader(file_stream=io.BytesIO(b"%PDF-" + b"0" * (KB * KB)))
    with pytest.raises(TusCommunicationError) as refused:
        too_large.upload()
    assert refused.value.status_code == 413
    data = noise_png(40)
    uploader = tus.uploader(file_stream=io.BytesIO(data), chunk_size=KB)
    uploader.upload(stop_at=2 * KB)
    uploader.offset = KB  # a client that lost count
    with pytest.raises(TusUploadFailed) as conflict:
        uploader.upload_chunk()
    assert conflict.value.status_code == 409
    assert uploader.get_offset() == 2 * KB


def test_another_member_and_the_public_cannot_touch_it(tus, live_server, other_member):
    data = noise_png(40)
    uploader = tus.uploader(file_stream=io.BytesIO(data), chunk_size=KB)
    uploader.upload(stop_at=KB)
    stranger = Client()
    stranger.force_login(other_member)
    cookie = (
        f"{settings.SESSION_COOKIE_NAME}={stranger.cookies[settings.SESSION_COOKIE_NAME].value}"
    )
    for headers in ({"Cookie": cookie}, {}):
        with pytest.raises(TusCommunicationError) as hidden:
            tus_client.TusClient(f"{live_server.url}/uploads/", headers=headers).uploader(
                file_stream=io.BytesIO(data), url=uploader.url
            )
        assert hidden.value.status_code in (403, 404)
    assert uploader.get_offset() == KB


def test_termination(tus, session):
    uploader = tus.uploader(file_stream=io.BytesIO(noise_png(40)), chunk_size=KB)
    uploader.upload(stop_at=KB)
    response = requests.delete(
        uploader.url, headers={"Tus-Resumable": "1.0.0", **session["headers"]}, timeout=10
    )
    assert response.status_code == 204
    assert PartialUpload.objects.count() == 0
    assert (
        requests.head(
            uploader.url, headers={"Tus-Resumable": "1.0.0", **session["headers"]}, timeout=10
        ).status_code
        == 404
    )
