"""Resumable uploads over HTTP: the tus protocol 1.0.0 (https://tus.io/protocols/resumable-upload).

Core protocol and the creation, termination and expiration extensions, at ``/uploads/``
(outside the language prefix; errors are in the language of the language cookie):

- ``OPTIONS /uploads/``: ``Tus-Version``, ``Tus-Extension``, ``Tus-Max-Size``.
- ``POST /uploads/`` with ``Upload-Length`` (and ``Upload-Metadata``: ``filename``,
  ``filetype``): 201, ``Location: /uploads/<id>/``, ``Upload-Expires``. A length past
  ``DOCUMENT_MAX_UPLOAD_MB`` is refused (413).
- ``HEAD /uploads/<id>/``: ``Upload-Offset``, ``Upload-Length``, ``Upload-Expires``.
- ``PATCH /uploads/<id>/`` with ``Upload-Offset`` and ``Content-Type:
  application/offset+octet-stream``: the next piece, at most ``UPLOAD_CHUNK_MB``
  (``core.middleware.body_limits``, before a byte is read); 409 if the offset is not where
  the upload stands, 413 past the announced length, 415 for another content type.
- ``DELETE /uploads/<id>/``: 204; the upload and its pieces are gone.

For logged-in members of an institution and the secretariat only (403 for anyone else).
An upload is its sender's alone: another person's, or an unknown one, is a 404 whatever
the method, so nobody can learn that it exists; the sender's own expired upload is a 410.

CSRF: the creation, the pieces and the deletion change state with the session cookie, so
Django's CSRF check stays on: the page's script sends the form's token in the
``X-CSRFToken`` header (tus-js-client's ``headers`` option), as any same-site script
would; a request without it is refused (403). HEAD and OPTIONS change nothing.

The finished file becomes a document only through the upload form, which names the
upload (``documents.forms``), so a resumed upload is checked like any other.
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views import View

from core.permissions import institution_of, is_secretariat
from documents import resumable
from documents.models import PartialUpload
from documents.validation import max_upload_bytes

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,termination,expiration"
CHUNK_CONTENT_TYPE = "application/offset+octet-stream"
# Upload-Metadata: a short list of "key base64value" pairs; a file name and a type need little.
MAX_METADATA_LENGTH = 4096
METADATA_KEY = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
DIGITS = re.compile(r"^[0-9]{1,20}$")


def _response(status: int, message: str = "", **headers) -> HttpResponse:
    response = HttpResponse(
        message, status=status, content_type="text/plain; charset=utf-8" if message else None
    )
    response["Tus-Resumable"] = TUS_VERSION
    # Offsets change with every piece: no cache may keep an answer.
    response["Cache-Control"] = "no-store"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _number(value: str | None) -> int | None:
    """A header's non-negative whole number, or None."""
    value = (value or "").strip()
    return int(value) if DIGITS.match(value) else None


def parse_metadata(header: str) -> dict[str, str] | None:
    """``Upload-Metadata`` as a dict (values decoded as UTF-8), or None if it is malformed."""
    if len(header) > MAX_METADATA_LENGTH:
        return None
    metadata: dict[str, str] = {}
    for pair in filter(None, (item.strip() for item in header.split(","))):
        key, _space, value = pair.partition(" ")
        if not METADATA_KEY.match(key) or key in metadata:
            return None
        try:
            metadata[key] = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
    return metadata


def encode_metadata(upload: PartialUpload) -> str:
    pairs = [("filename", upload.filename), ("filetype", upload.filetype)]
    return ",".join(
        f"{key} {base64.b64encode(value.encode()).decode()}" for key, value in pairs if value
    )


def _expires(upload: PartialUpload) -> str:
    return http_date(upload.expires_at.timestamp())


def may_upload(user) -> bool:
    return institution_of(user) is not None or is_secretariat(user)


class TusView(View):
    """What every tus request shares: who may send, the protocol version, the headers."""

    http_method_names = ["options", "post", "head", "patch", "delete"]

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        if request.method == "OPTIONS":
            return self.options(request, *args, **kwargs)
        if request.headers.get("Tus-Resumable") != TUS_VERSION:
            return _response(
                412, _("This address speaks the tus protocol 1.0.0."), Tus_Version=TUS_VERSION
            )
        if not may_upload(request.user):
            return _response(403, _("Please log in to the member portal to send files."))
        return super().dispatch(request, *args, **kwargs)

    def options(self, request, *args, **kwargs):
        return _response(
            204,
            Tus_Version=TUS_VERSION,
            Tus_Extension=TUS_EXTENSIONS,
            Tus_Max_Size=str(max_upload_bytes()),
            Allow=", ".join(method.upper() for method in self._allowed_methods()),
        )

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = super().http_method_not_allowed(request, *args, **kwargs)
        response["Tus-Resumable"] = TUS_VERSION
        return response


class UploadsView(TusView):
    """``/uploads/``: start an upload (the creation extension)."""

    http_method_names = ["options", "post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        if "Upload-Defer-Length" in request.headers:
            return _response(400, _("The file's length must be given when the upload begins."))
        length = _number(request.headers.get("Upload-Length"))
        if length is None:
            return _response(400, _("The file's length must be given when the upload begins."))
        metadata = parse_metadata(request.headers.get("Upload-Metadata", ""))
        if metadata is None:
            return _response(400, _("The upload's metadata cannot be read."))
        try:
            upload = resumable.start(
                request.user,
                length,
                filename=metadata.get("filename", ""),
                filetype=metadata.get("filetype", ""),
            )
        except resumable.UploadRefused as refusal:
            return _response(refusal.status, refusal.message)
        return _response(
            201,
            # A path: the client resolves it against the address it asked (tus allows it),
            # whatever host and port the proxy in front shows.
            Location=reverse("uploads:upload", kwargs={"pk": upload.pk}),
            Upload_Expires=_expires(upload),
            Upload_Offset="0",
        )


class UploadView(TusView):
    """``/uploads/<id>/``: where an upload stands, its next piece, or its end."""

    http_method_names = ["options", "head", "patch", "delete"]

    def _find(self, request: HttpRequest, pk: uuid.UUID) -> PartialUpload | HttpResponse:
        upload = resumable.find(request.user, pk)
        if upload is None:
            return _response(404)
        if upload.is_expired:
            return _response(410, _("This upload has expired. Please send the file again."))
        return upload

    def head(self, request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
        upload = self._find(request, pk)
        if isinstance(upload, HttpResponse):
            return upload
        headers = {
            "Upload_Offset": str(upload.offset),
            "Upload_Length": str(upload.length),
            "Upload_Expires": _expires(upload),
        }
        if metadata := encode_metadata(upload):
            headers["Upload_Metadata"] = metadata
        return _response(200, **headers)

    def patch(self, request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
        upload = self._find(request, pk)
        if isinstance(upload, HttpResponse):
            return upload
        content_type = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type != CHUNK_CONTENT_TYPE:
            message = _("A piece of a file must be sent as %(type)s.")
            return _response(415, message % {"type": CHUNK_CONTENT_TYPE})
        offset = _number(request.headers.get("Upload-Offset"))
        length = _number(request.META.get("CONTENT_LENGTH"))
        if offset is None or length is None:
            return _response(400, _("A piece must say where it starts and how long it is."))
        try:
            upload = resumable.append(upload, offset, request, length)
        except resumable.UploadRefused as refusal:
            return _response(refusal.status, refusal.message)
        return _response(204, Upload_Offset=str(upload.offset), Upload_Expires=_expires(upload))

    def delete(self, request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
        upload = resumable.find(request.user, pk)
        if upload is None:
            return _response(404)
        resumable.discard(upload)
        return _response(204)
