"""The text of a stored PDF, for search. Read once per file (see search.index)."""

from __future__ import annotations

import logging

import pypdfium2 as pdfium

logger = logging.getLogger(__name__)

# Enough for any paper or set of minutes; a 2,000-page annex is searched by its start.
MAX_PAGES = 400
MAX_CHARACTERS = 400_000


def extract_text(field_file) -> str:
    """The text of the PDF in ``field_file`` (a FileField's file), page after page.

    A file that cannot be read gives "" and a warning in the log: a document is still
    found by its title and description.
    """
    if not field_file:
        return ""
    parts: list[str] = []
    length = 0
    try:
        with field_file.open("rb") as stream:
            pdf = pdfium.PdfDocument(stream)
            try:
                for index in range(min(len(pdf), MAX_PAGES)):
                    page = pdf[index]
                    try:
                        textpage = page.get_textpage()
                        try:
                            text = textpage.get_text_range()
                        finally:
                            textpage.close()
                    finally:
                        page.close()
                    # PDFium ends lines with \r\n; a page break is a paragraph break.
                    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
                    if text:
                        parts.append(text)
                        length += len(text)
                    if length >= MAX_CHARACTERS:
                        break
            finally:
                pdf.close()
    except (OSError, pdfium.PdfiumError, ValueError):
        logger.warning("Could not read the text of %s for search", field_file.name, exc_info=True)
        return ""
    return "\n\n".join(parts)[:MAX_CHARACTERS]
