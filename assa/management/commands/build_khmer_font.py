"""Make the site's Khmer web font: Noto Sans Khmer as a WOFF2 subset, into static/.

    python manage.py build_khmer_font

Reads the TTF of the ``fontpkg-noto-sans-khmer`` package (the variable font, 360 KB) and
writes ``static/fonts/NotoSansKhmer-Khmer.woff2``: only the Khmer characters (the
Khmer and Khmer Symbols blocks, the zero-width space and joiners, the dotted circle that
shows a lone vowel sign, the spaces), every OpenType feature Khmer shaping needs, the
weight axis kept (the site uses 400 to 700) and the width axis fixed at normal (it uses
none other). The stylesheets' ``unicode-range`` matches it: Latin text stays in the
system font. The result is committed; run this again after upgrading the font package
(it needs fonttools with brotli, a development dependency).
"""

import logging
from pathlib import Path

import fontpkg_noto_sans_khmer
from django.conf import settings
from django.core.management.base import BaseCommand
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

SOURCE = fontpkg_noto_sans_khmer.ROOT / "files" / "NotoSansKhmer[wdth,wght].ttf"
TARGET = Path(settings.BASE_DIR) / "static" / "fonts" / "NotoSansKhmer-Khmer.woff2"
# The same ranges as the @font-face unicode-range in static/css/site.css and admin.css,
# plus the spaces that sit inside Khmer text.
UNICODES = [
    *range(0x1780, 0x1800),  # Khmer
    *range(0x19E0, 0x1A00),  # Khmer Symbols (lunar dates)
    *range(0x200B, 0x200E),  # zero-width space, non-joiner, joiner
    0x25CC,  # dotted circle
    0x0020,
    0x00A0,
]


class Command(BaseCommand):
    help = "Write static/fonts/NotoSansKhmer-Khmer.woff2 from the fontpkg-noto-sans-khmer TTF."

    def handle(self, *args, **options):
        logging.getLogger("fontTools").setLevel(logging.WARNING)
        font = TTFont(SOURCE, recalcTimestamp=False)  # the same bytes on every run
        choices = subset.Options()
        choices.layout_features = ["*"]  # Khmer needs its shaping features, all of them
        choices.name_IDs = ["*"]
        choices.notdef_outline = True
        subsetter = subset.Subsetter(choices)
        subsetter.populate(unicodes=UNICODES)
        subsetter.subset(font)
        font = instancer.instantiateVariableFont(font, {"wdth": 100})
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        font.flavor = "woff2"
        font.save(TARGET)
        self.stdout.write(
            f"Wrote {TARGET}: {TARGET.stat().st_size // 1024} KB "
            f"(from {SOURCE.stat().st_size // 1024} KB)"
        )
