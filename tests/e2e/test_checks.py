"""The page checks themselves catch what they are meant to: each must be able to fail."""

import pytest

from tests.e2e.checks import khmer_font_state, serious_violations, text_overflows
from tests.e2e.support import PHONE

pytestmark = pytest.mark.e2e


@pytest.fixture
def blank_page(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def test_axe_reports_missing_labels_and_poor_contrast(blank_page):
    blank_page.set_content(
        """<!DOCTYPE html><html lang="en"><head><title>Bad</title></head><body><main>
        <h1>Form</h1><p style="color:#bbb;background:#fff">Hard to read</p>
        <input type="text" name="q"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        </main></body></html>"""
    )
    found = {violation["id"] for violation in serious_violations(blank_page)}
    assert {"color-contrast", "label", "image-alt"} <= found


def test_axe_passes_a_plain_accessible_page(blank_page):
    blank_page.set_content(
        """<!DOCTYPE html><html lang="en"><head><title>Good</title></head><body><main>
        <h1>Form</h1><label for="q">Search</label><input id="q" type="text" name="q">
        </main></body></html>"""
    )
    assert serious_violations(blank_page) == []


def test_overflow_check_finds_text_wider_than_its_box(blank_page):
    blank_page.set_content(
        """<!DOCTYPE html><html lang="en"><body style="margin:0">
        <div class="card" style="width:200px;padding:10px">
          <p style="white-space:nowrap">A sentence that cannot wrap and runs out of its card</p>
        </div>
        <div class="clipped" style="width:150px;overflow:hidden">
          <span style="white-space:nowrap">Cut off by a box that hides what overflows it</span>
        </div>
        <p class="wide" style="width:600px">A paragraph set wider than the phone, so its lines run past the right edge</p>
        </body></html>"""
    )
    problems = "\n".join(text_overflows(blank_page))
    assert "runs out of its box" in problems and "div.card" in problems
    assert "div.clipped cuts its text off" in problems
    assert "runs out of the window" in problems and "p.wide" in problems
    assert "the page is 600px wide in a 375px window" in problems


def test_overflow_check_accepts_wrapped_text_and_hidden_labels(blank_page):
    blank_page.set_content(
        """<!DOCTYPE html><html lang="en"><head><style>
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
                           clip: rect(0 0 0 0); white-space: nowrap; }
        </style></head><body>
        <p>A long paragraph that wraps onto several lines on a narrow phone screen, as text does.</p>
        <span class="visually-hidden">A label only screen readers read, however long it is</span>
        <div style="overflow-x:auto"><table><tr><td style="white-space:nowrap">
          A wide table that scrolls sideways on purpose, inside its own scrolling box</td></tr></table></div>
        </body></html>"""
    )
    assert text_overflows(blank_page) == []


def test_font_check_notices_a_page_without_the_khmer_font(blank_page):
    blank_page.set_content('<html lang="km"><body><h1>សួស្តី</h1></body></html>')
    assert khmer_font_state(blank_page)["faces"] == []


def test_csp_watch_reports_what_the_sites_policy_blocks(browser, site):
    """The watch that fails every journey on a CSP violation (``csp_violations``) sees one:
    on a real page of the site, an inline script, an inline style and a foreign image."""
    from tests.e2e.conftest import watch_for_csp_violations

    found: list[str] = []
    context = browser.new_context(base_url=site.url)
    try:
        watch_for_csp_violations(context, found)
        page = context.new_page()
        page.goto("/en/")
        assert found == []
        # Markup parsed into the page, as an injection would be (scripts in innerHTML never
        # run, so the inline script is added as an element).
        page.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "window.ran = true";
                document.body.append(script);
                document.body.insertAdjacentHTML(
                    "beforeend",
                    '<p style="color: red">styled</p><img alt="" src="https://example.com/x.png">'
                );
            }"""
        )
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.ran === undefined")
        reports = "\n".join(found)
        assert "event: script-src-elem blocked inline" in reports
        assert "event: style-src-attr blocked inline" in reports
        assert "event: img-src blocked https://example.com/x.png" in reports
        assert "console: " in reports
    finally:
        context.close()
