"""Khmer typed into a field marked English is drawn with our Khmer web font, not boxes:
the Latin font list of the stylesheet ends in Noto Sans Khmer."""

import pytest
from playwright.sync_api import expect

from events.models import Event
from tests.e2e.checks import KHMER_FONT, rendering_fonts

pytestmark = pytest.mark.e2e


def test_khmer_in_an_english_field_is_drawn_with_the_khmer_web_font(open_page, site):
    event = Event.objects.get(number=37)
    event.title_en = "កម្ពុជា ២០២០"  # a clerk typed the Khmer subtitle into the English field
    event.save()
    page = open_page("en")
    page.goto("/en/events/assa-board-meeting/cambodia-2020/")
    subtitle = page.locator("main .event-subtitle")
    expect(subtitle).to_have_text("កម្ពុជា ២០២០")
    # Shown as the English page's own text: the Latin font list applies to it.
    assert subtitle.evaluate("e => e.closest('[lang]').lang") == "en"
    family = subtitle.evaluate("e => getComputedStyle(e).fontFamily")
    assert family.startswith(f'"{KHMER_FONT}"')
    page.evaluate("document.fonts.ready")
    fonts = {font["familyName"]: font for font in rendering_fonts(page, "main .event-subtitle")}
    used = fonts.get(KHMER_FONT)
    assert used and used["isCustomFont"] and used["glyphCount"], fonts
