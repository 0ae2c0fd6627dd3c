"""How well OCR reads Khmer and English here: the character error rate (CER) on generated
scans, and the time per page.

Pages are drawn by ``documents.scans`` (the site's Khmer web font; the same family's Latin
letters), full A4 pages of known sentences at two font sizes, saved as image-only PDFs at
``--scan-dpi``, and read one by one through the site's own path (``documents.ocr.read_file``:
PDFium draws the page at ``OCR_DPI``, Tesseract reads it with ``OCR_LANGUAGES``).

CER is the edit distance (insertions, deletions, substitutions of characters) between
what was read and the known text, divided by the known text's length. Both are compared
in one spelling: Unicode NFC, Khmer syllables in canonical order (as search does), runs
of spaces and line breaks as one space. "CER without spaces" ignores spaces altogether:
Khmer writes no spaces between words, and where Tesseract puts some is of no consequence
for reading or for search.
"""

from __future__ import annotations

import random
import time
import unicodedata

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from core.khmer import canonical_order
from documents import ocr, scans
from documents.models import OcrStatus

KHMER_SENTENCES = [
    "របបសន្តិសុខសង្គមការពារកម្មករ និងក្រុមគ្រួសាររបស់ពួកគេ។",
    "បេឡាជាតិបានចុះបញ្ជីសហគ្រាសថ្មីនៅគ្រប់ខេត្ត។",
    "អត្ថប្រយោជន៍ថែទាំសុខភាពត្រូវបានពង្រីកដល់មន្ត្រីរាជការ។",
    "កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាលលើកទី៣៧ ធ្វើឡើងនៅភ្នំពេញ។",
    "និយោជកត្រូវបង់ភាគទានជារៀងរាល់ខែ។",
    "ពលករចំណាកស្រុកមានសិទ្ធិទទួលបានកិច្ចគាំពារសង្គម។",
    "របបហានិភ័យការងារធានាការព្យាបាល និងប្រាក់បំណាច់។",
    "ការវាយតម្លៃគណិតសាស្ត្រធានារ៉ាប់រងនៃរបបសោធននិវត្តន៍។",
    "ស្ត្រីមានផ្ទៃពោះទទួលបានប្រាក់ឧបត្ថម្ភមាតុភាព។",
    "សមាជិកអាស៊ានចែករំលែកបទពិសោធន៍ល្អៗជាមួយគ្នា។",
    "ការចុះឈ្មោះតាមប្រព័ន្ធអនឡាញកាន់តែងាយស្រួល។",
    "របាយការណ៍ប្រចាំឆ្នាំត្រូវបានអនុម័តដោយក្រុមប្រឹក្សា។",
]
ENGLISH_SENTENCES = [
    "Social security schemes protect workers and their families.",
    "The fund registered new enterprises in every province.",
    "Health care benefits were extended to civil servants.",
    "The 37th Board Meeting was held in Phnom Penh.",
    "Employers pay contributions to the fund every month.",
    "Migrant workers have a right to social protection.",
    "Employment injury insurance covers treatment and allowances.",
    "An actuarial valuation of the pension scheme was made.",
    "Pregnant workers receive a maternity allowance.",
    "ASEAN members share good practices with each other.",
    "Registering online has become easier for employers.",
    "The annual report was approved by the Board.",
]
SETS = {"Khmer": KHMER_SENTENCES, "English": ENGLISH_SENTENCES}
A4 = (595, 842)
MARGIN_PT = 54


def normalise(text: str, *, spaces: bool = True) -> str:
    text = canonical_order(unicodedata.normalize("NFC", text)).replace("\u200b", "")
    return " ".join(text.split()) if spaces else "".join(text.split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (one row at a time)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def page_lines(sentences: list[str], font_pt: float, khmer: bool, seed: int) -> list[str]:
    """As many of the sentences (shuffled, again and again) as fill an A4 page."""
    line_height = font_pt * (2.0 if khmer else 1.5)
    count = int((A4[1] - 2 * MARGIN_PT) // line_height)
    order: list[str] = []
    chooser = random.Random(seed)
    while len(order) < count:
        batch = list(sentences)
        chooser.shuffle(batch)
        order += batch
    return order[:count]


class Command(BaseCommand):
    help = (
        "Measure OCR here: the character error rate on generated Khmer and English scans "
        "(two font sizes), and the time per page."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=2, help="pages per set (default 2)")
        parser.add_argument(
            "--sizes", default="11,16", help="font sizes in points, comma-separated (11,16)"
        )
        parser.add_argument(
            "--scan-dpi", type=int, default=200, help="resolution of the generated scans (200)"
        )
        parser.add_argument("--dpi", type=int, help="OCR_DPI for this run")
        parser.add_argument("--languages", help="OCR_LANGUAGES for this run, e.g. khm+eng")
        parser.add_argument(
            "--page-segmentation", type=int, help="OCR_PAGE_SEGMENTATION for this run, e.g. 3"
        )

    def handle(self, *args, pages, sizes, scan_dpi, dpi, languages, page_segmentation, **options):
        overrides = {"OCR_MAX_SECONDS": 3600}
        if dpi:
            overrides["OCR_DPI"] = dpi
        if languages:
            overrides["OCR_LANGUAGES"] = languages
        if page_segmentation is not None:
            overrides["OCR_PAGE_SEGMENTATION"] = page_segmentation
        with override_settings(**overrides):
            self.measure(pages, [float(size) for size in sizes.split(",")], scan_dpi)

    def measure(self, pages: int, sizes: list[float], scan_dpi: int) -> None:
        from django.conf import settings

        state = ocr.availability()
        if not state.available:
            raise CommandError(state.message())
        self.stdout.write(
            f"Tesseract {settings.OCR_LANGUAGES}, --psm {settings.OCR_PAGE_SEGMENTATION}, at "
            f"{settings.OCR_DPI} dpi; scans made at {scan_dpi} dpi, A4, {pages} pages per set."
        )
        header = f"{'set':<16}{'pages':>6}{'chars':>8}{'CER':>8}{'CER w/o spaces':>16}{'s/page':>8}"
        self.stdout.write(header)
        totals = {"chars": 0, "errors": 0, "errors_nospace": 0, "chars_nospace": 0}
        all_seconds: list[float] = []
        for name, sentences in SETS.items():
            khmer = name == "Khmer"
            for size in sizes:
                chars = errors = chars_nospace = errors_nospace = 0
                seconds: list[float] = []
                for number in range(pages):
                    lines = page_lines(sentences, size, khmer, seed=number)
                    image = scans.draw_page(
                        lines, width_pt=A4[0], height_pt=A4[1], font_pt=size, dpi=scan_dpi
                    )
                    pdf = ContentFile(scans.scan_pdf([image], dpi=scan_dpi), name="scan.pdf")
                    started = time.monotonic()
                    reading = ocr.read_file(pdf, "application/pdf")
                    seconds.append(time.monotonic() - started)
                    if reading.status != OcrStatus.DONE:
                        raise CommandError(f"{name} {size} pt: {ocr.describe(reading.notes)}")
                    truth = "\n".join(lines)
                    for spaces in (True, False):
                        expected = normalise(truth, spaces=spaces)
                        found = normalise(reading.text, spaces=spaces)
                        distance = edit_distance(found, expected)
                        if spaces:
                            chars += len(expected)
                            errors += distance
                        else:
                            chars_nospace += len(expected)
                            errors_nospace += distance
                all_seconds += seconds
                totals["chars"] += chars
                totals["errors"] += errors
                totals["chars_nospace"] += chars_nospace
                totals["errors_nospace"] += errors_nospace
                self.stdout.write(
                    f"{f'{name} {size:g} pt':<16}{pages:>6}{chars:>8}"
                    f"{errors / chars:>8.2%}{errors_nospace / chars_nospace:>16.2%}"
                    f"{sum(seconds) / len(seconds):>8.1f}"
                )
        self.stdout.write(
            f"{'all':<16}{len(all_seconds):>6}{totals['chars']:>8}"
            f"{totals['errors'] / totals['chars']:>8.2%}"
            f"{totals['errors_nospace'] / totals['chars_nospace']:>16.2%}"
            f"{sum(all_seconds) / len(all_seconds):>8.1f}"
        )
