"""What a document upload may be, decided from its content, never from its name.

Shared by the admin, the member portal and the importer (through ``services``). Each
rejection raises ``ValidationError`` with its own code and a message in the active
language that says why, so the person uploading knows what to do next.

Accepted: PDF, DOCX, PPTX, XLSX, JPEG, PNG and WebP. Everything is read from the open
file in small pieces: a 50 MB upload is never held in memory whole.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.images import TooManyPixels, verify_image
from core.khmer import page_digits

CHUNK_SIZE = 1024 * 1024
HEADER_SIZE = 2048


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str  # the stored file's suffix
    label: str  # what people call it: "PDF", "Word"...
    extensions: tuple[str, ...]  # the names it may carry


PDF = FileType("application/pdf", "pdf", "PDF", ("pdf",))
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
    "Word",
    ("docx",),
)
PPTX = FileType(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pptx",
    "PowerPoint",
    ("pptx",),
)
XLSX = FileType(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsx",
    "Excel",
    ("xlsx",),
)
JPEG = FileType("image/jpeg", "jpg", "JPEG", ("jpg", "jpeg", "jpe"))
PNG = FileType("image/png", "png", "PNG", ("png",))
WEBP = FileType("image/webp", "webp", "WebP", ("webp",))

FILE_TYPES = (PDF, DOCX, PPTX, XLSX, JPEG, PNG, WEBP)
BY_CONTENT_TYPE = {file_type.content_type: file_type for file_type in FILE_TYPES}
IMAGE_TYPES = (JPEG, PNG, WEBP)
# Which folder inside an Office zip tells which program made it.
OFFICE_PARTS = (("word/", DOCX), ("ppt/", PPTX), ("xl/", XLSX))

# Zip bombs: what an Office file may unpack to, besides OFFICE_MAX_UNPACKED_MB (settings).
OFFICE_MAX_RATIO = 100  # unpacked size / file size
OFFICE_RATIO_FLOOR = 10 * 1024 * 1024  # below this, any ratio is fine
OFFICE_MAX_ENTRIES = 10_000

EXECUTABLE_SIGNATURES = (
    b"MZ",  # Windows programs and libraries
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # macOS (Mach-O), both byte orders, 32 and 64 bits, universal
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",  # scripts
    b"\xd0\xcf\x11\xe0",  # old Office (.doc, .xls) and .msi installers, which can carry macros
)
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<meta")


def max_upload_bytes() -> int:
    return settings.DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024


def accepted_types_text() -> str:
    return _("PDF, Word (DOCX), PowerPoint (PPTX), Excel (XLSX), JPEG, PNG or WebP")


def accepted_extensions() -> list[str]:
    """Every file name suffix an accepted file may carry ("pdf", "docx", "jpg", "jpeg"...)."""
    return [extension for file_type in FILE_TYPES for extension in file_type.extensions]


# The messages of the checks that browsers also make before sending (documents.resumable
# gives them to the page), so that both say the same thing.


def empty_message() -> str:
    return _("The file is empty. Please check that you chose the right file.")


def too_large_message(size: int | str) -> str:
    """``size``: the file's size in bytes, or text standing for it (a placeholder).

    Numbers in the page's digits (Khmer digits on Khmer pages), as the help text has them.
    """
    return _("The file is %(size)s; the largest file accepted is %(limit)s MB.") % {
        "size": page_digits(filesizeformat(size)) if isinstance(size, int) else size,
        "limit": page_digits(settings.DOCUMENT_MAX_UPLOAD_MB),
    }


def unsupported_message() -> str:
    return _("This kind of file is not accepted. Please upload a %(types)s file.") % {
        "types": accepted_types_text()
    }


def type_label(content_type: str, original_name: str = "") -> str:
    """ "PDF", "Word"... for a stored content type; the name's suffix for anything else."""
    file_type = BY_CONTENT_TYPE.get((content_type or "").split(";")[0].strip())
    if file_type:
        return file_type.label
    return original_name.rsplit(".", 1)[-1].upper() if "." in original_name else ""


def _read_header(upload) -> bytes:
    upload.seek(0)
    header = upload.read(HEADER_SIZE) or b""
    upload.seek(0)
    return header


def _size_of(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(0)
    return size


def sha256_of(upload) -> str:
    """The file's SHA-256, read in chunks from the start."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(CHUNK_SIZE):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _looks_like_text_markup(header: bytes) -> bytes:
    text = header.lstrip(b"\xef\xbb\xbf\xff\xfe\xfe\xff \t\r\n\x00").lower()
    # UTF-16 text has a zero byte between letters; compare without them.
    return text.replace(b"\x00", b"")


def detect(upload) -> FileType:
    """The file's type from its first bytes (and, for Office files, its zip structure)."""
    header = _read_header(upload)
    stripped = header.lstrip(b" \t\r\n")
    if stripped.startswith(b"%PDF-"):
        return PDF
    if header.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if header.startswith(b"\xff\xd8\xff"):
        return JPEG
    if header[:4] == b"RIFF" and header[8:12] == b"WEBP":
        return WEBP
    if header.startswith(b"PK\x03\x04"):
        return _detect_office(upload)
    if header.startswith(EXECUTABLE_SIGNATURES):
        raise ValidationError(
            _("Programs, scripts and installers are not accepted. Please upload a document."),
            code="executable",
        )
    markup = _looks_like_text_markup(header)
    if b"<svg" in markup:
        raise ValidationError(
            _(
                "SVG drawings are not accepted, because they can carry scripts. "
                "Please upload the drawing as a PNG or PDF."
            ),
            code="svg",
        )
    if any(marker in markup for marker in HTML_MARKERS):
        raise ValidationError(
            _("Web pages (HTML) are not accepted. Please upload the document itself, e.g. a PDF."),
            code="html",
        )
    raise ValidationError(unsupported_message(), code="unsupported")


def check_unpacked_size(entries: list[zipfile.ZipInfo], packed_size: int) -> None:
    """Refuse a zip bomb, from the zip's table of contents alone (nothing is unpacked).

    Word, PowerPoint and Excel files are zips of XML and media: they unpack to a few
    times their size. One that would unpack past OFFICE_MAX_UNPACKED_MB, or to more than
    OFFICE_MAX_RATIO times its size (past a floor that lets small files be), or that
    holds more parts than any real document, is refused.
    """
    if len(entries) > OFFICE_MAX_ENTRIES:
        raise ValidationError(
            _(
                "This Office file holds %(count)s parts, more than any real document does. "
                "It is not accepted."
            )
            % {"count": len(entries)},
            code="office_entries",
        )
    unpacked = sum(entry.file_size for entry in entries)
    limit = settings.OFFICE_MAX_UNPACKED_MB * 1024 * 1024
    too_packed = unpacked > OFFICE_RATIO_FLOOR and unpacked > OFFICE_MAX_RATIO * max(packed_size, 1)
    if unpacked > limit or too_packed:
        raise ValidationError(
            _(
                "This Office file would unpack to %(size)s, which is more than a real document "
                "needs (at most %(limit)s MB, and at most %(ratio)s times the file's size). "
                "It is not accepted."
            )
            % {
                "size": filesizeformat(unpacked),
                "limit": settings.OFFICE_MAX_UNPACKED_MB,
                "ratio": OFFICE_MAX_RATIO,
            },
            code="office_unpacked_size",
        )


def _detect_office(upload) -> FileType:
    """A DOCX, PPTX or XLSX: a zip with [Content_Types].xml and the program's folder."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            check_unpacked_size(archive.infolist(), _size_of(upload))
            content_types = ""
            if "[Content_Types].xml" in names:
                with archive.open("[Content_Types].xml") as part:
                    content_types = part.read(256 * 1024).decode("utf-8", "replace")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise ValidationError(
            _(
                "This Office file is damaged and cannot be opened. "
                "Please save it again and upload the new copy."
            ),
            code="office_corrupt",
        ) from exc
    finally:
        upload.seek(0)
    if not content_types:
        raise ValidationError(
            _("Zip archives are not accepted. Please upload the documents one by one."),
            code="zip",
        )
    if "vbaProject" in content_types or "macroEnabled" in content_types.replace(".", ""):
        raise ValidationError(
            _(
                "Office files with macros are not accepted. Please save the file as a "
                "normal Word, PowerPoint or Excel file (.docx, .pptx or .xlsx) and upload it again."
            ),
            code="office_macros",
        )
    for prefix, file_type in OFFICE_PARTS:
        if any(name.startswith(prefix) for name in names):
            return file_type
    raise ValidationError(unsupported_message(), code="unsupported")


def open_pdf(upload) -> pdfium.PdfDocument:
    """The PDF opened by PDFium, from its path on disk when it has one, else read as a stream."""
    upload.seek(0)
    path = _path_on_disk(upload)
    return pdfium.PdfDocument(Path(path) if path else upload)


def _path_on_disk(upload) -> str | None:
    if hasattr(upload, "temporary_file_path"):
        return upload.temporary_file_path()
    return None


def check_pdf(upload) -> int:
    """Open the PDF once; return its page count or say why it cannot be used."""
    try:
        pdf = open_pdf(upload)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium.raw.FPDF_ERR_PASSWORD, pdfium.raw.FPDF_ERR_SECURITY):
            raise ValidationError(
                _(
                    "This PDF is protected by a password, so it cannot be published. "
                    "Please upload a copy without a password."
                ),
                code="pdf_encrypted",
            ) from exc
        raise ValidationError(
            _(
                "This PDF is damaged and cannot be opened. "
                "Please save or export it again and upload the new copy."
            ),
            code="pdf_corrupt",
        ) from exc
    finally:
        upload.seek(0)
    try:
        pages = len(pdf)
    finally:
        pdf.close()
        upload.seek(0)
    if pages < 1:
        raise ValidationError(
            _("This PDF has no pages. Please check that you chose the right file."),
            code="pdf_empty",
        )
    return pages


def check_image(upload) -> None:
    """A readable image within the site's pixel limit, checked from its header (core.images)."""
    try:
        verify_image(upload)
    except TooManyPixels:
        raise
    except Exception as exc:  # Pillow raises many kinds of errors on damaged images.
        raise ValidationError(
            _("This image is damaged or incomplete. Please save it again and upload the new copy."),
            code="image_corrupt",
        ) from exc
    finally:
        upload.seek(0)


@dataclass(frozen=True)
class CheckedFile:
    file_type: FileType
    size: int
    original_name: str  # cleaned: no folders, with the right suffix
    page_count: int | None


def clean_original_name(name: str, file_type: FileType) -> str:
    """The name to give the file on download: no folders; the type's suffix if it had none."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip().strip(".")
    name = "".join(ch for ch in name if ch >= " " and ch != "\x7f")[:200]
    if not name:
        name = "document"
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        return f"{name}.{file_type.extension}"
    if suffix.lower() not in file_type.extensions:
        raise ValidationError(
            _(
                "The file's name ends in “.%(suffix)s” but its content is a %(kind)s file. "
                "Please check that you chose the right file, or rename it."
            )
            % {"suffix": suffix, "kind": file_type.label},
            code="name_mismatch",
        )
    return name


def validate_upload(upload, original_name: str) -> CheckedFile:
    """Check an upload and say what it is; raise ValidationError saying why it is refused."""
    size = _size_of(upload)
    if size == 0:
        raise ValidationError(empty_message(), code="empty")
    if size > max_upload_bytes():
        raise ValidationError(too_large_message(size), code="too_large")
    file_type = detect(upload)
    page_count = None
    if file_type is PDF:
        page_count = check_pdf(upload)
    elif file_type in IMAGE_TYPES:
        check_image(upload)
    name = clean_original_name(original_name, file_type)
    return CheckedFile(file_type=file_type, size=size, original_name=name, page_count=page_count)
