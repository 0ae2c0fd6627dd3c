"""Sending stored files: every file the site sends is sandboxed and never sniffed.

A file served on the site's own origin (a PDF carrying JavaScript, an HTML file renamed
.png) must not run as a page of the site: ``Content-Security-Policy: sandbox`` makes the
browser treat it as coming from a unique origin with scripts off, and ``nosniff`` keeps
it from guessing a more dangerous type than the one we send.

Private files are sent only after the caller's permission check. When
``PRIVATE_FILES_ACCEL_REDIRECT`` is set (behind nginx, see ``deploy/nginx.conf``), the
answer is an empty response whose ``X-Accel-Redirect`` header tells nginx which file of
its ``internal`` location to send; otherwise Django streams the file itself.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import Storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

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
