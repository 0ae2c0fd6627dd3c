"""A 40 MB upload streams to disk and is never held whole in memory."""

import os
import tracemalloc

import pytest
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.urls import reverse

from documents import views
from documents.models import Document

pytestmark = pytest.mark.django_db

SIZE = 40 * 1024 * 1024
BOUNDARY = "----assa-large-upload"


def write_big_pdf(path, size: int) -> None:
    """A valid PDF of about ``size`` bytes: one blank page plus a large unused stream."""
    with path.open("wb") as out:
        offsets = []

        def obj(body: bytes):
            offsets.append(out.tell())
            out.write(f"{len(offsets)} 0 obj\n".encode() + body + b"\nendobj\n")

        out.write(b"%PDF-1.4\n")
        obj(b"<< /Type /Catalog /Pages 2 0 R >>")
        obj(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        obj(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
        offsets.append(out.tell())
        out.write(f"4 0 obj\n<< /Length {size} >>\nstream\n".encode())
        for _ in range(size // (1024 * 1024)):
            out.write(os.urandom(1024 * 1024))
        out.write(b"\nendstream\nendobj\n")
        xref = out.tell()
        out.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
        for offset in offsets:
            out.write(f"{offset:010d} 00000 n \n".encode())
        out.write(f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\n".encode())
        out.write(f"startxref\n{xref}\n%%EOF\n".encode())


def write_multipart(path, pdf_path, fields: dict) -> None:
    with path.open("wb") as out:
        for name, value in fields.items():
            out.write(
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        out.write(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        )
        with pdf_path.open("rb") as source:
            while chunk := source.read(1024 * 1024):
                out.write(chunk)
        out.write(f"\r\n--{BOUNDARY}--\r\n".encode())


def test_a_40_mb_upload_is_streamed_not_held_in_memory(client, member, tmp_path, monkeypatch):
    pdf_path, body_path = tmp_path / "big.pdf", tmp_path / "body"
    write_big_pdf(pdf_path, SIZE)
    write_multipart(
        body_path,
        pdf_path,
        {"title_en": "A big report", "title_km": "", "kind": "report", "language": "en"},
    )
    received = []
    original = views.store_new_document

    def spy(document, upload, **kwargs):
        received.append(type(upload))
        return original(document, upload, **kwargs)

    monkeypatch.setattr(views, "store_new_document", spy)
    client.force_login(member)

    with body_path.open("rb") as stream:
        environ = client._base_environ(
            PATH_INFO=reverse("documents:portal_upload"),
            REQUEST_METHOD="POST",
            CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
            CONTENT_LENGTH=str(body_path.stat().st_size),
            **{"wsgi.input": stream},
        )
        tracemalloc.start()
        try:
            response = client.handler(environ)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()

    assert response.status_code == 302, response.content[:2000]
    document = Document.objects.get()
    assert document.size == pdf_path.stat().st_size > SIZE
    assert document.page_count == 1
    # The upload arrived as a file on disk, and Python never held more than a few chunks.
    assert received == [TemporaryUploadedFile]
    print(f"peak Python memory during the request: {peak / 1024 / 1024:.1f} MB")
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MB"
