"""Text recognition (OCR) of scanned documents: Tesseract, Khmer and English together.

Which pages: each page of a PDF whose own text layer is empty or negligible (fewer than
``MIN_TEXT_CHARACTERS`` letters or digits), and an image sent as a document. PDFium
(pypdfium2, which draws the previews and reads PDF text for search already) draws each
such page in grey at ``OCR_DPI``; Tesseract reads it through pytesseract, with the
languages of ``OCR_LANGUAGES`` (``khm+eng``). Why this and not OCRmyPDF: README.md,
"Scanned documents (OCR)".

Limits, from settings, each noted on the document when it was reached (``describe``):
``OCR_MAX_PAGES`` pages read per document, ``OCR_MAX_PIXELS`` per page as drawn (a larger
page is drawn at a lower resolution), ``OCR_MAX_SECONDS`` per document (Tesseract is
stopped when the time runs out; the pages left are not read). A page that PDFium cannot
load or draw, or that Tesseract fails on, is skipped and noted; the other pages are read.

The result is stored on the document (``Document.ocr_*``) by ``read_document``, which the
worker runs after an upload (``documents.tasks.read_scan``) and ``manage.py
ocr_documents`` runs for existing documents. Without Tesseract (or its Khmer or English
model) nothing is read: documents stay "waiting", and the admin says OCR is unavailable
(``availability``).
"""

from __future__ import annotations

import logging
import math
import os
import re
import subprocess
import time
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pytesseract
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from PIL import Image, ImageOps

from core.images import open_image
from core.khmer import page_digits
from documents.models import OCR_FIELDS, Document, OcrStatus
from documents.validation import IMAGE_TYPES, PDF

logger = logging.getLogger(__name__)

# A page whose own text has fewer letters or digits than this is read as a scan (a page
# number or a stray mark is not the page's text).
MIN_TEXT_CHARACTERS = 20
# The most text kept for one document (as search keeps of a PDF's own text).
MAX_CHARACTERS = 400_000
# A page whose darkest and lightest greys are this close is blank: Tesseract is not asked.
BLANK_RANGE = 24
# Tesseract is given at least this long for a page, whatever is left of the document's time.
MIN_PAGE_SECONDS = 1.0
# How long the answer to "is Tesseract there?" is kept (per process).
AVAILABILITY_SECONDS = 300
LOCK_PREFIX = "ocr-reading:"

READABLE_TYPES = {PDF.content_type, *(image_type.content_type for image_type in IMAGE_TYPES)}
WORD_CHARACTER = re.compile(r"\w")


class OcrUnavailable(Exception):
    """Tesseract cannot run here (not installed, or a language model is missing)."""


# ---- is Tesseract there? -------------------------------------------------------------


@dataclass(frozen=True)
class Availability:
    available: bool
    # Why not: "missing" (no such command), "languages" (models missing), "broken".
    problem: str = ""
    detail: str = ""

    def message(self) -> str:
        """Why OCR is unavailable, in the active language ("" when it is available)."""
        if self.available:
            return ""
        if self.problem == "languages":
            reason = gettext(
                "Tesseract has no model for %(languages)s (Debian: apt-get install "
                "tesseract-ocr-khm tesseract-ocr-eng)."
            ) % {"languages": self.detail}
        elif self.problem == "missing":
            reason = gettext(
                "The Tesseract program “%(command)s” was not found (Debian: apt-get install "
                "tesseract-ocr tesseract-ocr-khm tesseract-ocr-eng)."
            ) % {"command": self.detail}
        else:
            reason = gettext("Tesseract did not run: %(error)s") % {"error": self.detail}
        return gettext(
            "Text recognition (OCR) is unavailable on this server. %(reason)s Documents are "
            "stored as usual; scans wait until it is installed, then run “manage.py "
            "ocr_documents”."
        ) % {"reason": reason}


_availability: dict[tuple[str, str], tuple[float, Availability]] = {}


def availability() -> Availability:
    """Whether ``OCR_TESSERACT_CMD`` runs and has every model of ``OCR_LANGUAGES``.

    Asked of Tesseract itself (``--list-langs``) at most every few minutes per process.
    """
    key = (settings.OCR_TESSERACT_CMD, settings.OCR_LANGUAGES)
    now = time.monotonic()
    known = _availability.get(key)
    if known is not None and known[0] > now:
        return known[1]
    found = _ask_tesseract(*key)
    _availability[key] = (now + AVAILABILITY_SECONDS, found)
    if not found.available:
        logger.warning("OCR unavailable: %s %s", found.problem, found.detail)
    return found


def forget_availability() -> None:
    _availability.clear()


def _ask_tesseract(command: str, languages: str) -> Availability:
    try:
        completed = subprocess.run(
            [command, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except FileNotFoundError:
        return Availability(False, "missing", command)
    except (OSError, subprocess.SubprocessError) as error:
        return Availability(False, "broken", str(error))
    if completed.returncode != 0:
        return Availability(False, "broken", (completed.stderr or completed.stdout).strip()[:300])
    # The first line says where the models are; one model name a line after it.
    installed = {line.strip() for line in completed.stdout.splitlines()[1:]}
    missing = [language for language in languages.split("+") if language not in installed]
    if missing:
        return Availability(False, "languages", "+".join(missing))
    return Availability(True)


# ---- reading a file --------------------------------------------------------------------


@dataclass
class Reading:
    """What reading one file gave: the pages read (with their text) and the notes."""

    status: str = OcrStatus.DONE
    pages: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    def note(self, code: str, **facts) -> None:
        self.notes.append({"code": code, **facts})

    @property
    def text(self) -> str:
        return "\f".join(self.texts)


class _Clock:
    def __init__(self, seconds: float):
        self.started = time.monotonic()
        self.deadline = self.started + seconds

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self.started


class _TimeUp(Exception):
    pass


class _PageFailed(Exception):
    pass


def needs_reading(document: Document) -> bool:
    """Whether the document's kind of file can hold scanned pages (a PDF or an image)."""
    return document.content_type in READABLE_TYPES


def clean_text(text: str) -> str:
    """Tesseract's output without its page break, trailing spaces and runs of blank lines."""
    text = text.replace("\f", "").replace("\r", "")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def recognise(image: Image.Image, *, seconds: float, dpi: int | None = None) -> str:
    """The text Tesseract reads in ``image``; raises _TimeUp after ``seconds``."""
    lo, hi = image.getextrema()
    if hi - lo < BLANK_RANGE:
        return ""
    pytesseract.pytesseract.tesseract_cmd = settings.OCR_TESSERACT_CMD
    # Tesseract's OpenMP threads make one page slower, not faster, on a worker that runs
    # several jobs on few cores (1.2 s instead of 1.9 s for two small pages here); pytesseract
    # hands Tesseract this process's environment. An explicit setting is kept.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    config = f"--psm {settings.OCR_PAGE_SEGMENTATION}"
    if dpi:
        config += f" --dpi {dpi}"
    try:
        text = pytesseract.image_to_string(
            image,
            lang=settings.OCR_LANGUAGES,
            config=config,
            timeout=max(seconds, MIN_PAGE_SECONDS),
        )
    except RuntimeError as error:  # pytesseract stops Tesseract and says "timeout"
        if "timeout" in str(error).lower():
            raise _TimeUp from error
        raise _PageFailed(str(error)) from error
    except pytesseract.TesseractNotFoundError as error:
        raise OcrUnavailable(str(error)) from error
    except (pytesseract.TesseractError, OSError) as error:
        raise _PageFailed(str(error)[:300]) from error
    return clean_text(text)


def _page_text_characters(page) -> int:
    textpage = page.get_textpage()
    try:
        return len(WORD_CHARACTER.findall(textpage.get_text_range()))
    finally:
        textpage.close()


def _draw(page, reading: Reading, number: int) -> tuple[Image.Image, int]:
    """The page in grey at OCR_DPI, or smaller to stay within OCR_MAX_PIXELS."""
    width, height = page.get_size()  # in points (1/72 inch)
    dpi = settings.OCR_DPI
    if width * height * (dpi / 72) ** 2 > settings.OCR_MAX_PIXELS:
        dpi = max(int(72 * math.sqrt(settings.OCR_MAX_PIXELS / max(width * height, 1))), 1)
        _add_page(reading, "pixel_limit", number, limit=settings.OCR_MAX_PIXELS)
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        return bitmap.to_pil().convert("L"), dpi
    finally:
        bitmap.close()


def _add_page(reading: Reading, code: str, number: int, **facts) -> None:
    """Add ``number`` to the pages of the note ``code`` (made at its first page)."""
    for note in reading.notes:
        if note["code"] == code:
            note["pages"].append(number)
            return
    reading.note(code, pages=[number], **facts)


def _read_page(reading: Reading, image: Image.Image, number: int, clock: _Clock, dpi=None):
    try:
        text = recognise(image, seconds=clock.left(), dpi=dpi)
    except _PageFailed as error:
        logger.warning("OCR of page %s failed: %s", number, error)
        _add_page(reading, "page_unreadable", number)
        return
    reading.pages.append(number)
    reading.texts.append(text)


def read_pdf(stream, reading: Reading, clock: _Clock) -> None:
    try:
        pdf = pdfium.PdfDocument(stream)
    except (pdfium.PdfiumError, OSError, ValueError) as error:
        raise _PageFailed(str(error)) from error
    try:
        scanned = 0  # pages without text of their own, read or not
        unread = 0
        for index in range(len(pdf)):
            number = index + 1
            try:
                page = pdf[index]
            except (pdfium.PdfiumError, ValueError):
                scanned += 1
                _add_page(reading, "page_unreadable", number)
                continue
            try:
                if _page_text_characters(page) >= MIN_TEXT_CHARACTERS:
                    continue
                scanned += 1
                if unread or len(reading.pages) >= settings.OCR_MAX_PAGES or clock.left() <= 0:
                    unread += 1
                    continue
                try:
                    image, dpi = _draw(page, reading, number)
                except (pdfium.PdfiumError, OSError, ValueError, MemoryError):
                    logger.warning("Could not draw page %s for OCR", number, exc_info=True)
                    _add_page(reading, "page_unreadable", number)
                    continue
                try:
                    _read_page(reading, image, number, clock, dpi)
                except _TimeUp:
                    unread += 1
            finally:
                page.close()
        if unread:
            if len(reading.pages) >= settings.OCR_MAX_PAGES:
                reading.note("page_limit", limit=settings.OCR_MAX_PAGES, unread=unread)
            else:
                reading.note("time_limit", limit=settings.OCR_MAX_SECONDS, unread=unread)
        if not scanned:
            reading.status = OcrStatus.NOT_NEEDED
    finally:
        pdf.close()


def read_image(stream, reading: Reading, clock: _Clock) -> None:
    try:
        with open_image(stream) as opened:
            image = ImageOps.exif_transpose(opened).convert("L")
    except Exception as error:  # Pillow raises many kinds of errors on damaged images
        raise _PageFailed(str(error)[:300]) from error
    if image.width * image.height > settings.OCR_MAX_PIXELS:
        ratio = math.sqrt(settings.OCR_MAX_PIXELS / (image.width * image.height))
        image = image.resize((max(int(image.width * ratio), 1), max(int(image.height * ratio), 1)))
        _add_page(reading, "pixel_limit", 1, limit=settings.OCR_MAX_PIXELS)
    try:
        _read_page(reading, image, 1, clock)
    except _TimeUp:
        reading.note("time_limit", limit=settings.OCR_MAX_SECONDS, unread=1)


def read_file(field_file, content_type: str) -> Reading:
    """Read the scanned pages of a stored file (a FileField's file). Never raises for a
    damaged file or page: that is in the reading's notes (and status "failed").

    Raises OcrUnavailable when Tesseract cannot run at all.
    """
    reading = Reading()
    clock = _Clock(settings.OCR_MAX_SECONDS)
    try:
        with field_file.open("rb") as stream:
            if content_type == PDF.content_type:
                read_pdf(stream, reading, clock)
            else:
                read_image(stream, reading, clock)
    except _PageFailed as error:
        reading.status = OcrStatus.FAILED
        reading.note("file_unreadable", error=str(error)[:300])
    except OSError as error:  # the stored file is missing or cannot be read
        reading.status = OcrStatus.FAILED
        reading.note("file_missing", error=str(error)[:300])
    reading.seconds = round(clock.elapsed(), 2)
    if reading.status == OcrStatus.DONE and not reading.pages:
        # Pages to read, none read: every one was damaged, or the time ran out first.
        reading.status = OcrStatus.FAILED
    total = 0
    for index, text in enumerate(reading.texts):
        if total + len(text) > MAX_CHARACTERS:
            reading.texts[index] = text[: max(MAX_CHARACTERS - total, 0)]
            reading.note("text_limit", limit=MAX_CHARACTERS)
            del reading.texts[index + 1 :]
            del reading.pages[index + 1 :]
            break
        total += len(text)
    return reading


# ---- a document ------------------------------------------------------------------------


def read_document(document_id: int, *, again: bool = False) -> str | None:
    """Read the scanned pages of a document and store the result on it.

    Returns the OCR status written, or None when nothing was written: the document is
    gone, was read already (unless ``again``), is being read by another worker, or
    Tesseract is unavailable (the document then stays "waiting").
    """
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return None
    if (
        not again
        and document.ocr_sha256 == document.sha256
        and document.ocr_status
        in (
            OcrStatus.DONE,
            OcrStatus.NOT_NEEDED,
            OcrStatus.FAILED,
        )
    ):
        return None
    if not needs_reading(document):
        return _store(document, Reading(status=OcrStatus.NOT_NEEDED))
    if not availability().available:
        return None
    lock = f"{LOCK_PREFIX}{document.pk}"
    if not cache.add(lock, True, timeout=settings.OCR_MAX_SECONDS + 120):
        return None
    try:
        try:
            reading = read_file(document.file, document.content_type)
        except OcrUnavailable:
            return None
        return _store(document, reading)
    finally:
        cache.delete(lock)


def _store(document: Document, reading: Reading) -> str | None:
    """Write the reading on the document, unless its file was replaced meanwhile (the new
    file's own job reads that one). Saved with its fields only: search and the page
    cache hear of it (post_save)."""
    with transaction.atomic():
        fresh = Document.objects.select_for_update().filter(pk=document.pk).first()
        if fresh is None or fresh.sha256 != document.sha256:
            return None
        fresh.ocr_status = reading.status
        fresh.ocr_text = reading.text if reading.status == OcrStatus.DONE else ""
        fresh.ocr_pages = reading.pages if reading.status == OcrStatus.DONE else []
        fresh.ocr_notes = reading.notes
        fresh.ocr_seconds = reading.seconds
        fresh.ocr_at = timezone.now()
        fresh.ocr_sha256 = fresh.sha256
        fresh.save(update_fields=list(OCR_FIELDS))
    logger.info(
        "OCR of document %s: %s, %s pages in %.1f s",
        document.pk,
        reading.status,
        len(reading.pages),
        reading.seconds,
    )
    return reading.status


# ---- what the admin says -----------------------------------------------------------------


def joined(parts) -> str:
    """Phrases side by side: with ", " in English, with a space in Khmer (which has no
    commas; locale/km/GLOSSARY.md)."""
    return (" " if get_language() == "km" else ", ").join(str(part) for part in parts)


def page_list(pages: list[int]) -> str:
    """[1, 2, 3, 7] -> "1–3, 7", in the page's digits."""
    parts = []
    start = previous = None
    for number in sorted(set(pages)):
        if previous is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            parts.append(f"{start}–{previous}" if previous != start else str(start))
        start = previous = number
    if start is not None:
        parts.append(f"{start}–{previous}" if previous != start else str(start))
    return page_digits(joined(parts))


def describe(notes: list[dict]) -> list[str]:
    """The document's OCR notes as sentences in the active language."""
    sentences = []
    for note in notes or []:
        code = note.get("code")
        pages = note.get("pages", [])
        facts = {
            "pages": page_list(pages),
            "limit": page_digits(f"{note.get('limit', 0):,}"),
            "unread": page_digits(str(note.get("unread", 0))),
            "error": note.get("error", ""),
        }
        if code == "page_limit":
            sentences.append(
                ngettext(
                    "Page limit reached: only the first %(limit)s scanned pages were read "
                    "(OCR_MAX_PAGES); %(unread)s more page was not.",
                    "Page limit reached: only the first %(limit)s scanned pages were read "
                    "(OCR_MAX_PAGES); %(unread)s more pages were not.",
                    note.get("unread", 0),
                )
                % facts
            )
        elif code == "time_limit":
            sentences.append(
                ngettext(
                    "Time limit reached (%(limit)s seconds, OCR_MAX_SECONDS): "
                    "%(unread)s scanned page was not read.",
                    "Time limit reached (%(limit)s seconds, OCR_MAX_SECONDS): "
                    "%(unread)s scanned pages were not read.",
                    note.get("unread", 0),
                )
                % facts
            )
        elif code == "pixel_limit":
            sentences.append(
                ngettext(
                    "Pixel limit reached (%(limit)s pixels, OCR_MAX_PIXELS): page %(pages)s "
                    "was read at a lower resolution.",
                    "Pixel limit reached (%(limit)s pixels, OCR_MAX_PIXELS): pages %(pages)s "
                    "were read at a lower resolution.",
                    len(pages),
                )
                % facts
            )
        elif code == "page_unreadable":
            sentences.append(
                ngettext(
                    "Page %(pages)s could not be read (damaged) and was skipped.",
                    "Pages %(pages)s could not be read (damaged) and were skipped.",
                    len(pages),
                )
                % facts
            )
        elif code == "text_limit":
            sentences.append(
                gettext("Only the first %(limit)s characters of the text were kept.") % facts
            )
        elif code == "file_unreadable":
            sentences.append(gettext("The file could not be opened: %(error)s") % facts)
        elif code == "file_missing":
            sentences.append(gettext("The stored file could not be read: %(error)s") % facts)
    return sentences
