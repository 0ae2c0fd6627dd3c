"""The committed Khmer web font is what build_khmer_font makes from the font package."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from fontTools.ttLib import TTFont

from assa.management.commands import build_khmer_font

COMMITTED = Path(settings.BASE_DIR) / "static" / "fonts" / "NotoSansKhmer-Khmer.woff2"


def test_committed_font_is_the_subset_of_the_installed_package(tmp_path, monkeypatch):
    monkeypatch.setattr(build_khmer_font, "TARGET", tmp_path / "font.woff2")
    call_command("build_khmer_font", stdout=None)
    # If this fails after upgrading fontpkg-noto-sans-khmer: run `make font` and commit.
    assert (tmp_path / "font.woff2").read_bytes() == COMMITTED.read_bytes()


def test_font_is_woff2_with_every_khmer_letter_and_digit_and_the_weights():
    font = TTFont(COMMITTED)
    assert font.flavor == "woff2"
    characters = font.getBestCmap()
    assert all(code in characters for code in range(0x1780, 0x17DE))  # letters, signs
    assert all(code in characters for code in range(0x17E0, 0x17EA))  # digits
    assert 0x25CC in characters and 0x200B in characters
    assert ord("A") not in characters  # Latin stays in the system font
    [weight] = font["fvar"].axes
    assert (weight.axisTag, weight.minValue, weight.maxValue) == ("wght", 100, 900)
