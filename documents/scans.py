"""Generated scans: lines of Khmer and English drawn with Pillow on white pages, saved as a
PDF of page images with no text layer, as a scanner makes them.

For the demo's scanned document, ``manage.py ocr_accuracy`` and the tests. Khmer is drawn
with the site's own Khmer web font (``static/fonts``, Khmer letters only) shaped by
Pillow's Raqm layout (subscripts and vowels in place); Latin letters with the TTF of the
same family that the web font is made from (``fontpkg-noto-sans-khmer``).
"""

from __future__ import annotations

import io
from functools import lru_cache

import fontpkg_noto_sans_khmer
from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

from core.khmer import has_khmer

KHMER_FONT = settings.BASE_DIR / "static" / "fonts" / "NotoSansKhmer-Khmer.woff2"
LATIN_FONT = fontpkg_noto_sans_khmer.ROOT / "files" / "NotoSansKhmer[wdth,wght].ttf"
POINTS_PER_INCH = 72


@lru_cache(maxsize=32)
def font(size_px: int, khmer: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(KHMER_FONT if khmer else LATIN_FONT), size_px)


def draw_page(
    lines: list[str],
    *,
    width_pt: float = 595,
    height_pt: float = 842,
    font_pt: float = 12,
    dpi: int = 200,
    margin_pt: float = 54,
) -> Image.Image:
    """A white page ``width_pt`` × ``height_pt`` points, at ``dpi``, with ``lines`` drawn
    from the top left in black, each in its script's font at ``font_pt`` points."""
    scale = dpi / POINTS_PER_INCH
    page = Image.new("L", (round(width_pt * scale), round(height_pt * scale)), 255)
    draw = ImageDraw.Draw(page)
    size = round(font_pt * scale)
    x = y = round(margin_pt * scale)
    for line in lines:
        khmer = has_khmer(line)
        if line:
            if x + draw.textlength(line, font=font(size, khmer)) > page.width - x:
                raise ValueError(f"This line is too long for the page: {line}")
            draw.text((x, y), line, font=font(size, khmer), fill=0)
        # Khmer stacks subscripts and vowels above and below: it needs more room.
        y += round(size * (2.0 if khmer else 1.5))
    return page


def scan_pdf(pages: list[Image.Image], dpi: int = 200) -> bytes:
    """The page images as a PDF, one image per page, no text layer."""
    buffer = io.BytesIO()
    first, *others = [page.convert("L") for page in pages]
    first.save(buffer, format="PDF", resolution=float(dpi), save_all=True, append_images=others)
    return buffer.getvalue()


def scan_png(page: Image.Image, dpi: int = 200) -> bytes:
    """A page as a PNG, as a photographed or scanned image sent as a document."""
    buffer = io.BytesIO()
    page.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()
