"""A scanned document's page with the text that OCR recognised (the demo's scanned notice,
read by Tesseract when the demo loaded), in both languages: the text is there under its
heading, the link to it works, axe-core finds no serious problem, it fits a phone, and its
Khmer is drawn with our Khmer web font."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.e2e.checks import (
    AXE,
    KHMER_FONT,
    describe_violations,
    rendering_fonts,
    serious_violations,
    text_overflows,
)
from tests.e2e.support import DESKTOP, LANGUAGES, PHONE

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("language", LANGUAGES)
def test_scanned_document_page_offers_its_recognised_text(open_page, site, shoot, language):
    page = open_page(language)
    response = page.goto(f"/{language}/documents/{site.ids['demo_scan']}/")
    assert response.status == 200
    with translation.override(language):
        heading = gettext("Text of this scan")
        link = gettext("Read the text of this scan")
    section = page.locator("#scan-text")
    expect(section.get_by_role("heading", level=2)).to_have_text(heading)
    # Words of the scan, English and Khmer, as Tesseract read them.
    expect(section).to_contain_text("member portal")
    expect(section).to_contain_text("ឯកសារស្កេន")
    page.get_by_role("link", name=link).click()
    expect(page).to_have_url(f"{site.url}/{language}/documents/{site.ids['demo_scan']}/#scan-text")
    shoot(page, f"scanned document {language}")

    problems = []
    fonts = {
        font["familyName"]: font for font in rendering_fonts(page, '#scan-text span[lang="km"]')
    }
    used = fonts.get(KHMER_FONT)
    if not used or not used["isCustomFont"] or not used["glyphCount"]:
        problems.append(f"the scan's Khmer text was drawn with {list(fonts.values())}")
    page.set_viewport_size(PHONE)
    problems += [f"At 375 px: {problem}" for problem in text_overflows(page)]
    page.set_viewport_size(DESKTOP)
    if AXE.is_file():
        violations = serious_violations(page)
        if violations:
            problems.append(describe_violations(violations, page.url))
    assert not problems, f"{page.url}:\n" + "\n".join(problems)
