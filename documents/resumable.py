"""Files sent in pieces: where the pieces go, and how they become one file again.

The HTTP side is ``documents.tus`` (the tus protocol); this module keeps the state.

- A ``PartialUpload`` row says how large the file will be, how much of it arrived, whose
  it is and when it expires. It is in the database, so every app server sees it.
- Each piece (one PATCH) is written, as it arrives, to an object of its own in the private
  storage (``uploads/<upload>-<offset>.part``): S3 objects cannot be appended to, and one
  object per piece works the same on a bucket and on a local folder shared by the app
  servers. Nothing is kept in a worker's memory or on its own disk between requests.
- The offset only moves once the piece is stored, in a short transaction that checks it
  did not move meanwhile (no transaction is held open while the bytes arrive).
- When the upload form names a finished upload, its pieces are joined in order into a
  temporary file on the app server that handles the form, like a file Django receives in
  a form; the form then checks it exactly as a file sent with it (``documents.forms``),
  and the same all-or-nothing service stores it (``documents.services``). Whatever the
  outcome, the pieces are then deleted (``discard``).
- Unfinished or unused uploads expire ``UPLOAD_EXPIRY_HOURS`` after their last piece;
  ``manage.py remove_expired_uploads`` (also run by ``sweep_document_files``) deletes them.
"""

from __future__ import annotations

import datetime
import json
import logging
import tempfile
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from core.khmer import page_digits
from core.middleware.body_limits import chunk_limit
from core.storage import private_storage
from documents.models import UPLOADS_FOLDER, PartialUpload
from documents.validation import (
    accepted_extensions,
    empty_message,
    max_upload_bytes,
    too_large_message,
    unsupported_message,
)

logger = logging.getLogger(__name__)

READ_SIZE = 64 * 1024
# Uploads one person may have unfinished or unused at once; starting one more deletes the
# oldest. Enough for several papers in several tabs, not for filling the disk.
MAX_IN_PROGRESS = 10


class UploadRefused(Exception):
    """A request answered with an error status, and a message for the sender."""

    def __init__(self, status: int, message: str = ""):
        super().__init__(message)
        self.status = status
        self.message = message


def expiry() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.UPLOAD_EXPIRY_HOURS)


def clean_filename(name: str) -> str:
    """The sender's file name without folders or control characters, at most 255 long."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if char >= " " and char != "\x7f").strip()
    if len(name) > 255:
        stem, dot, suffix = name.rpartition(".")
        name = (
            (stem[: 254 - len(suffix)] + dot + suffix) if dot and len(suffix) < 20 else name[:255]
        )
    return name


def start(owner, length: int, *, filename: str = "", filetype: str = "") -> PartialUpload:
    """A new upload of ``length`` bytes for ``owner``; refused (413) past the largest document."""
    if length > max_upload_bytes():
        raise UploadRefused(413, too_large_message(length))
    current = PartialUpload.objects.current().filter(owner=owner).order_by("-created_at")
    for old in current[MAX_IN_PROGRESS - 1 :]:
        discard(old)
    return PartialUpload.objects.create(
        owner=owner,
        length=length,
        filename=clean_filename(filename),
        filetype=(filetype or "")[:100],
        expires_at=timezone.now() + expiry(),
    )


def find(owner, pk) -> PartialUpload | None:
    """The upload ``pk`` if it is ``owner``'s (expired or not); anyone else's is None."""
    return PartialUpload.objects.filter(owner=owner, pk=pk).first()


def find_finished(owner, pk) -> PartialUpload | None:
    """``owner``'s upload ``pk`` if every byte of it arrived and it has not expired."""
    return PartialUpload.objects.current().filter(owner=owner, pk=pk, offset=F("length")).first()


def _receive(stream, length: int, buffer) -> int:
    """Copy up to ``length`` bytes from ``stream`` to ``buffer``; how many arrived.

    A sender whose connection breaks leaves a short body: what did arrive is kept (behind a
    proxy that passes bodies on as they come; nginx here buffers whole pieces).
    """
    received = 0
    while received < length:
        try:
            data = stream.read(min(READ_SIZE, length - received))
        except OSError:  # the sender went away (each server says so in its own words)
            break
        if not data:
            break
        buffer.write(data)
        received += len(data)
    buffer.seek(0)
    return received


def append(upload: PartialUpload, offset: int, stream, length: int) -> PartialUpload:
    """Store the piece at ``offset`` (``length`` bytes announced, read from ``stream``).

    Refused before a byte is read: 409 if ``offset`` is not where the upload stands, 413 if
    the piece would go past the length announced when the upload began (and so past the
    largest document). Returns the upload as it stands after the piece.
    """
    if offset != upload.offset:
        raise UploadRefused(
            409, _("The piece does not start where the upload stands: ask where it stands.")
        )
    if offset + length > upload.length:
        raise UploadRefused(
            413, _("The piece goes past the end of the file announced when the upload began.")
        )
    with tempfile.SpooledTemporaryFile(
        max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE, dir=settings.FILE_UPLOAD_TEMP_DIR
    ) as buffer:
        received = _receive(stream, length, buffer)
        logger.log(
            logging.INFO if received < length else logging.DEBUG,
            "Upload %s: %d of %d bytes received at offset %d.",
            upload.pk,
            received,
            length,
            offset,
            extra={"upload": str(upload.pk), "received": received},
        )
        if not received:
            return upload
        name = private_storage().save(
            f"{UPLOADS_FOLDER}/{upload.pk.hex}-{offset:012d}.part", File(buffer, name="piece")
        )
    try:
        with transaction.atomic():
            fresh = PartialUpload.objects.select_for_update().filter(pk=upload.pk).first()
            if fresh is None:
                raise UploadRefused(404)
            if fresh.offset != offset:  # another request stored this piece meanwhile
                raise UploadRefused(409, _("This piece has already been received."))
            fresh.offset += received
            fresh.chunks = [*fresh.chunks, name]
            fresh.expires_at = timezone.now() + expiry()
            fresh.save(update_fields=["offset", "chunks", "expires_at"])
    except BaseException:
        _delete([name])
        raise
    return fresh


def _delete(names: Iterable[str]) -> None:
    storage = private_storage()
    for name in names:
        try:
            storage.delete(name)
        except OSError:  # pragma: no cover - logged; sweep_document_files finds it later
            logger.exception("Could not delete the piece %s", name)


def discard(upload: PartialUpload) -> None:
    """Delete an upload and, once the transaction commits, its pieces."""
    names = list(upload.chunks)
    PartialUpload.objects.filter(pk=upload.pk).delete()
    transaction.on_commit(lambda: _delete(names))


def remove_expired() -> int:
    """Delete every expired upload and its pieces; how many there were."""
    expired = list(PartialUpload.objects.expired())
    for upload in expired:
        discard(upload)
    return len(expired)


def referenced_pieces(uploads=None) -> set[str]:
    """The stored pieces the uploads list (all uploads by default); others are left-overs."""
    names: set[str] = set()
    uploads = PartialUpload.objects.all() if uploads is None else uploads
    for chunks in uploads.values_list("chunks", flat=True):
        names.update(chunks)
    return names


def joined(upload: PartialUpload) -> TemporaryUploadedFile:
    """A finished upload's pieces joined, in order, into a temporary file.

    The file is a ``TemporaryUploadedFile`` named as the sender's file, as Django makes
    for a file sent with a form, so that it goes through the same checks and storing.
    Raises ValidationError if a piece is missing or the bytes do not add up.
    """
    file = TemporaryUploadedFile(
        upload.filename or "document",
        upload.filetype or "application/octet-stream",
        upload.length,
        None,
    )
    storage = private_storage()
    try:
        for name in upload.chunks:
            with storage.open(name, "rb") as piece:
                for data in piece.chunks():
                    file.write(data)
        file.flush()
        if file.tell() != upload.length:
            raise OSError(f"{file.tell()} bytes joined, {upload.length} expected")
    except OSError as error:
        file.close()
        logger.warning("Upload %s could not be joined: %s", upload.pk, error)
        raise ValidationError(
            _("The file sent in pieces could not be put together again. Please send it again."),
            code="upload_damaged",
        ) from error
    file.seek(0)
    return file


# ---- what the page's script needs (static/js/upload.js) -----------------------------------

# Django's own words for sizes (its filesizeformat), read from its catalogue at run time.
SIZE_UNITS = {"KB": "%s KB", "MB": "%s MB", "GB": "%s GB"}
BYTES = ("%(size)d byte", "%(size)d bytes")


def client_messages() -> dict:
    """The messages the upload script shows, in the active language.

    The checks' messages are the server's own (``documents.validation``), with ``{size}``
    where the file's size goes; sizes are written as Django's ``filesizeformat`` writes
    them, and the other numbers in the page's digits.
    """
    return {
        "tooLarge": too_large_message("{size}"),
        "empty": empty_message(),
        "unsupported": unsupported_message(),
        "sending": _("Sending “%(name)s”"),
        "percent": _("%(percent)s%% sent"),
        "speed": _("%(speed)s per second"),
        "left": _("about %(time)s left"),
        "seconds": _("%(seconds)s s"),
        "minutes": _("%(minutes)s min"),
        "hours": _("%(hours)s h %(minutes)s min"),
        "offline": _(
            "The connection was lost. Sending will resume where it stopped when you are "
            "back online: keep this page open."
        ),
        "resuming": _("Back online: sending resumes where it stopped."),
        "failed": _(
            "The file could not be sent: %(reason)s Send the form again to resume where it stopped."
        ),
        "noAnswer": _("the site did not answer."),
        "sent": _("The file has been sent. Saving the document…"),
        # Django's words, looked up without marking them for our catalogue.
        "units": {unit: translation.gettext(text) for unit, text in SIZE_UNITS.items()},
        "byte": translation.ngettext(*BYTES, 1),
        "bytes": translation.ngettext(*BYTES, 2),
        "decimal": formats.get_format("DECIMAL_SEPARATOR"),
        "digits": page_digits("0123456789"),
    }


def widget_attrs(*, endpoint: str = "") -> dict[str, str]:
    """The file input's data- attributes: the server's limits and messages for the script.

    ``endpoint``: where the script starts uploads, when the input says it itself (the
    admin's); the portal's form says it (``data-tus-endpoint``).
    """
    attrs = {
        "accept": ",".join(f".{extension}" for extension in accepted_extensions()),
        "data-resumable": "",
        "data-max-bytes": str(max_upload_bytes()),
        "data-chunk-bytes": str(chunk_limit()),
        "data-extensions": " ".join(accepted_extensions()),
        "data-messages": json.dumps(client_messages(), ensure_ascii=False),
    }
    if endpoint:
        attrs["data-tus-endpoint"] = endpoint
    return attrs
