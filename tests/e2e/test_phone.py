"""The public face on a phone and at 1280 px: a compact header, no sideways scrolling,
filters folded behind "Filter", the footer at the bottom of short pages, the event page
using the width, and the charts and tile map. Screenshots of each in both languages."""

import pytest

from tests.e2e.checks import AXE, describe_violations, require_axe, serious_violations
from tests.e2e.support import DESKTOP, LANGUAGES, PHONE

pytestmark = pytest.mark.e2e

PHONE_PAGES = {
    "home": "/",
    "events": "/events/",
    "event": "/events/assa-board-meeting/cambodia-2020/",
    "library": "/documents/",
    "members": "/members/",
    "institution": "/members/nssf-cambodia/",
    "about": "/about/",
    "contact": "/contact/",
}

LAYOUT_JS = """
() => ({
  header: document.querySelector(".site-header").getBoundingClientRect().height,
  scrollWidth: document.documentElement.scrollWidth,
  width: window.innerWidth,
})
"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PHONE_PAGES)
def test_phone_layout(open_page, site, shoot, name, language):
    page = open_page(language, viewport=PHONE)
    response = page.goto(f"/{language}{PHONE_PAGES[name]}")
    assert response.status == 200, page.url
    layout = page.evaluate(LAYOUT_JS)
    problems = []
    if layout["header"] > 120:
        problems.append(f"the header is {layout['header']:.0f} px high at 375 px (at most 120)")
    if layout["scrollWidth"] > layout["width"]:
        problems.append(f"the page is {layout['scrollWidth']} px wide at {layout['width']} px")
    for panel in page.locator("details.filter-panel").all():
        if panel.get_attribute("open") is not None:
            problems.append("the filters are not folded behind their Filter button")
    if AXE.is_file():
        violations = serious_violations(page)
        if violations:
            problems.append(describe_violations(violations, page.url))
    shoot(page, f"{name}-{language}")
    assert not problems, f"{page.url}:\n" + "\n".join(problems)
    require_axe()


def test_filter_button_opens_the_filters_on_a_phone(open_page, site):
    page = open_page("en", viewport=PHONE)
    page.goto("/en/documents/")
    form = page.locator("details.filter-panel form")
    assert not form.is_visible()
    page.locator("details.filter-panel > summary").click()
    assert form.is_visible()
    page.set_viewport_size(DESKTOP)
    page.goto("/en/documents/")
    assert form.is_visible()  # wide screens: always open, no button
    assert not page.locator("details.filter-panel > summary").is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_footer_sits_at_the_bottom_of_a_short_page(open_page, site, language):
    page = open_page(language)
    page.goto(f"/{language}/privacy/")
    bottom = page.evaluate(
        "() => document.querySelector('.site-footer').getBoundingClientRect().bottom"
    )
    assert bottom >= DESKTOP["height"] - 1


def test_event_page_puts_its_facts_beside_the_text_at_1280(open_page, site):
    page = open_page("en")
    page.goto("/en/events/assa-board-meeting/cambodia-2020/")
    aside = page.locator(".event-aside").bounding_box()
    main = page.locator(".event-main").bounding_box()
    assert aside["x"] > main["x"] + main["width"] - 1  # beside, on the right
    assert main["width"] + aside["width"] > 900  # the width is used
