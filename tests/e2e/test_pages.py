"""Each kind of public page and the portal's forms, in both languages: no serious
accessibility problem (axe-core), text that fits a 375 px phone, and on Khmer pages the
Khmer heading drawn with our own Khmer web font. Screenshots at 1280 and 375 px."""

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from tests.e2e.checks import (
    AXE,
    KHMER_FONT,
    describe_violations,
    khmer_font_state,
    rendering_fonts,
    require_axe,
    serious_violations,
    text_overflows,
)
from tests.e2e.support import DESKTOP, LANGUAGES, PHONE

pytestmark = pytest.mark.e2e

# name -> (address after the language prefix, who is logged in)
PAGES = {
    "home": ("/", None),
    "event": ("/events/assa-board-meeting/cambodia-2020/", None),
    "news": ("/news/", None),
    "article": ("/news/nssf-oxfam-regional-forum-svay-rieng-2023/", None),
    "library": ("/documents/?kind=paper", None),
    "document": ("/documents/{nssf_paper}/", None),
    "members": ("/members/", None),
    "institution": ("/members/nssf-cambodia/", None),
    "portal-login": ("/portal/login/", None),
    "portal-upload": ("/portal/upload/", "member"),
    "portal-submissions": ("/portal/", "member"),
    "portal-versions": ("/portal/documents/{nssf_paper}/", "member"),
    "portal-new-version": ("/portal/documents/{nssf_paper}/new-version/", "member"),
    # Search: the start of a word (with excerpts and marks), and a typo ("did you mean").
    "search": ("/search/?q=សន្តិ", None),
    "search-typo": ("/search/?q=សន្តិសុក", None),
}


def khmer_font_problems(page) -> list[str]:
    state = khmer_font_state(page)
    problems = []
    if state["faces"] != ["loaded"]:
        problems.append(f"the Noto Sans Khmer font face is {state['faces'] or 'missing'}")
    if not state["check"]:
        problems.append('document.fonts.check(\'16px "Noto Sans Khmer"\', "ក") is false')
    # Which font Chromium really drew the page's Khmer heading with.
    fonts = {font["familyName"]: font for font in rendering_fonts(page, "main h1")}
    used = fonts.get(KHMER_FONT)
    if not used or not used["isCustomFont"] or not used["glyphCount"]:
        problems.append(f"main h1 was drawn with {list(fonts.values())}, not our {KHMER_FONT}")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_page(open_page, site, shoot, name, language):
    path, who = PAGES[name]
    page = open_page(language, user=site.users[who] if who else None)
    response = page.goto(f"/{language}{path.format(**site.ids)}")
    assert response.status == 200, f"{page.url} answered {response.status}"
    assert page.locator("html").get_attribute("lang") == language
    with translation.override(language):
        expect(page.locator(".brand-name")).to_have_text(str(settings.SITE_NAME))
    shoot(page, f"{name}-{language}")

    problems = []
    if language == "km":
        problems += [f"Khmer font: {problem}" for problem in khmer_font_problems(page)]
    page.set_viewport_size(PHONE)
    problems += [f"At 375 px: {problem}" for problem in text_overflows(page)]
    page.set_viewport_size(DESKTOP)
    if AXE.is_file():
        violations = serious_violations(page)
        if violations:
            problems.append(describe_violations(violations, page.url))
    assert not problems, f"{page.url}:\n" + "\n".join(problems)
    require_axe()  # the other checks passed; without axe-core this one is skipped


def test_live_server_serves_the_stylesheet_and_the_khmer_font(open_page, site):
    """pytest-django's live server serves static files from the finders, as runserver does."""
    page = open_page("km")
    static = {}
    page.on("response", lambda r: static.update({r.url: r}) if "/static/" in r.url else None)
    page.goto("/km/")
    page.evaluate("document.fonts.ready")
    by_name = {url.rsplit("/", 1)[-1]: response for url, response in static.items()}
    css = by_name["site.css"]
    assert (css.status, css.headers["content-type"].split(";")[0]) == (200, "text/css")
    [font] = [r for name, r in by_name.items() if name.startswith("NotoSansKhmer-Khmer")]
    assert font.status == 200 and font.headers["content-type"] == "font/woff2"
    # The Khmer subset (about 42 KB), not the package's whole 360 KB font.
    assert 20_000 < len(font.body()) < 100_000
    # The stylesheet is applied: the header has the site's navy.
    colour = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(18, 60, 105)"
