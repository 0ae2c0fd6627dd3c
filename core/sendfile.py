"""Sending stored files: every file the site sends is sandboxed and never sniffed.

A file served on the site's own origin (a PDF carrying JavaScript, an HTML file renamed
.png) must not run as a page of the site: ``Content-Security-Policy: sandbox`` makes the
browser treat it as coming from a unique origin with scripts off, and ``nosniff`` keeps
it from guessing a more dangerous type than the one we send.

Private files are sent only after the caller's permission check. When
``PRIVATE_FILES_ACCEL_REDIRECT`` is set (behind nginx, see ``deploy/nginx.conf``), the
answer is an empty response whose ``X-Accel-Redirect`` header tells nginx which file of
its ``internal`` location to send; otherwise Django streams the file itself. Private
files in a bucket (``core.storage.PrivateS3Storage``) are answered with a redirect to a
short-lived signed link, or streamed through the app (``PRIVATE_FILES_DELIVERY``).
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import Storage
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.utils.http import content_disposition_header

from core.storage import PrivateS3Storage

FILE_HEADERS = {
    "Content-Security-Policy": "sandbox",
    "X-Content-Type-Options": "nosniff",
}


def sandboxed(response: HttpResponse) -> HttpResponse:
    """Add the headers every sent file carries (see the module's docstring)."""
    for header, value in FILE_HEADERS.items():
        response[header] = value
    return response


def send_private_file(
    storage: Storage,
    name: str,
    *,
    filename: str,
    content_type: str,
    as_attachment: bool,
    cache_control: str = "private, no-store",
) -> HttpResponse:
    """A stored private file, named ``filename`` for the browser; 404 if it is gone."""
    prefix = settings.PRIVATE_FILES_ACCEL_REDIRECT
    if isinstance(storage, PrivateS3Storage):
        return _send_from_bucket(
            storage,
            name,
            filename=filename,
            content_type=content_type,
            as_attachment=as_attachment,
            cache_control=cache_control,
        )
    if prefix:
        if not storage.exists(name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(
            handle, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    response["Cache-Control"] = cache_control
    return sandboxed(response)


def _send_from_bucket(
    storage: PrivateS3Storage,
    name: str,
    *,
    filename: str,
    content_type: str,
    as_attachment: bool,
    cache_control: str,
) -> HttpResponse:
    """A private file in a bucket: a redirect to a signed link, or the object streamed."""
    if settings.PRIVATE_FILES_DELIVERY == "signed-url":
        if not storage.exists(name):
            raise Http404
        url = storage.signed_url(
            name, filename=filename, content_type=content_type, as_attachment=as_attachment
        )
        response = HttpResponseRedirect(url)
        # The link expires: neither the browser nor a proxy may keep the redirect.
        response["Cache-Control"] = "private, no-store"
        return sandboxed(response)
    try:
        chunks, length, close = storage.stream(name)
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response._resource_closers.append(close)
    response["Content-Length"] = str(length)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    response["Cache-Control"] = cache_control
    return sandboxed(response)
