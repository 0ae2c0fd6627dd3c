"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

- One Chromium for the whole session (``browser``); each test opens pages in contexts of
  its own (``open_page``), closed when it ends.
- The site is pytest-django's ``live_server``: static files are served from the finders,
  so the stylesheet and the Khmer font load as they do on the real site. Each test gets
  a fresh copy of the demo content (``site``): ``manage.py load_demo`` runs once per
  session (tests/demo.py), its rows are kept as JSON, and every test starts from them
  again (a tenth of a second) in the otherwise empty database that ``live_server``
  leaves after each test. Uploaded files live in one folder for the session.

Without /usr/bin/chromium the tests skip, saying why; with CI=true they fail instead.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from tests.demo import Snapshot, restore, take_snapshot
from tests.e2e.support import (
    CHROMIUM,
    DESKTOP,
    LAUNCH_ARGS,
    PASSWORD,
    SCREENSHOTS,
    SCREENSHOTS_MARKER,
    TIMEOUT_MS,
    Screenshots,
    unavailable,
)

# ---- the browser --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        unavailable(f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, so Django would take every
    # ORM call of the tests (and of the session's set-up) for one made from async code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
    except Exception as error:
        playwright.stop()
        unavailable(f"Chromium at {CHROMIUM} did not start: {error}")
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# ---- the site -----------------------------------------------------------------------------


def _add_upcoming_event():
    from django.utils import timezone

    from members.models import MemberInstitution
    from tests.factories import EventFactory

    # The portal offers recent and upcoming events only: besides the demo's next board
    # meeting, a seminar (another kind, with no number).
    return EventFactory(
        kind="seminar-workshop",
        number=None,
        title_en="Regional seminar on social protection for informal workers",
        title_km="សិក្ខាសាលាថ្នាក់តំបន់ស្តីពីកិច្ចគាំពារសង្គមសម្រាប់កម្មករក្រៅប្រព័ន្ធ",
        slug="informal-workers-seminar",
        starts_on=timezone.localdate() + datetime.timedelta(days=30),
        format="in-person",
        status="planned",
        host=MemberInstitution.objects.get(slug="nssf-cambodia"),
        country="KH",
        city_en="Phnom Penh",
        city_km="ភ្នំពេញ",
    )


@pytest.fixture(scope="session")
def site_snapshot(browser, django_db_setup, django_db_blocker, tmp_path_factory) -> Snapshot:
    """The demo content of a production site (no demo logins), loaded once, with an upcoming
    event for the portal's form."""
    from documents.demo import SCAN_TITLE
    from documents.models import Document

    def prepare() -> dict:
        return {
            "upcoming_event": _add_upcoming_event().pk,
            "nssf_paper": Document.objects.get(
                title_en="Coverage Expansion and Progress of NSSF", status="approved"
            ).pk,
            # Read by OCR while the demo loaded (its job runs at once: no broker).
            "demo_scan": Document.objects.get(title_en=SCAN_TITLE).pk,
        }

    return take_snapshot(
        django_db_blocker, tmp_path_factory.mktemp("e2e"), debug=False, prepare=prepare
    )


@dataclass
class Site:
    url: str
    ids: dict
    users: dict = field(default_factory=dict)

    def __call__(self, path: str) -> str:
        return self.url + path


@pytest.fixture
def site(live_server, transactional_db, site_snapshot, settings) -> Site:
    """The live server with the demo content, a secretariat clerk and an NSSF staff member."""
    from tests.factories import MembershipFactory, SecretariatUserFactory

    # The demo's files were made once, in the session's folder.
    settings.MEDIA_ROOT = site_snapshot.media_root
    settings.PRIVATE_MEDIA_ROOT = site_snapshot.private_media_root
    restore(site_snapshot)
    found = Site(url=live_server.url, ids=dict(site_snapshot.ids))
    found.users["clerk"] = SecretariatUserFactory(
        username="clerk", first_name="Dara", last_name="Sok", password=PASSWORD
    )
    found.users["member"] = MembershipFactory(
        user__username="nssf-staff",
        user__first_name="Sokha",
        user__last_name="Chan",
        user__password=PASSWORD,
        institution__slug="nssf-cambodia",
    ).user
    return found


# ---- pages --------------------------------------------------------------------------------


# Reports each `securitypolicyviolation` event to the test (an init script runs before the
# page's own scripts, and is not itself subject to the page's policy).
CSP_LISTENER_JS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline code"}` +
      ` on ${event.documentURI}` +
      (event.sourceFile ? ` (${event.sourceFile}:${event.lineNumber})` : "") +
      (event.sample ? `: ${event.sample}` : "")
  );
});
"""


@pytest.fixture
def csp_violations():
    """Every Content-Security-Policy violation of the test's pages; none allowed.

    ``open_page`` feeds it from two sources: the page's `securitypolicyviolation` events
    and Chromium's console ("Refused to ... Content Security Policy"). The test fails at
    teardown if either reported anything.
    """
    found: list[str] = []
    yield found
    if found:
        unique = list(dict.fromkeys(found))
        pytest.fail(
            f"{len(unique)} Content-Security-Policy violation(s):\n" + "\n".join(unique),
            pytrace=False,
        )


def watch_for_csp_violations(context, found: list[str]) -> None:
    """Send the context's CSP violations (every page and popup it opens) to ``found``."""

    def on_console(message):
        if "Content Security Policy" in message.text:
            found.append(f"console: {message.text}")

    context.expose_binding(
        "__reportCspViolation", lambda source, report: found.append(f"event: {report}")
    )
    context.add_init_script(CSP_LISTENER_JS)
    context.on("page", lambda page: page.on("console", on_console))


@pytest.fixture
def open_page(browser, site, csp_violations):
    """A new page in a context of its own: ``open_page("km", user=clerk)``.

    The language cookie makes /admin/ and / speak that language; a user is logged in
    through a session cookie (the journeys that test logging in use the forms). Any
    Content-Security-Policy violation on its pages fails the test (``csp_violations``).
    """
    contexts = []

    def open_(language: str = "en", user=None, viewport=DESKTOP):
        from django.test import Client

        context = browser.new_context(
            base_url=site.url,
            viewport=viewport,
            locale="km-KH" if language == "km" else "en-GB",
            accept_downloads=True,
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site.url}]
        if user is not None:
            client = Client()
            client.force_login(user)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies.append(
                {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site.url}
            )
        context.add_cookies(cookies)
        watch_for_csp_violations(context, csp_violations)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def screenshots_folder(browser) -> Path:
    """var/screenshots/, rid once per session of the folders an earlier run of these tests
    made (they hold a marker file), so that they show this run only."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for marker in SCREENSHOTS.glob(f"*/{SCREENSHOTS_MARKER}"):
        shutil.rmtree(marker.parent)
    return SCREENSHOTS


@pytest.fixture
def shoot(request, screenshots_folder):
    """``shoot(page, "event page")`` saves var/screenshots/<test>/NN-event-page-1280.png and -375.png."""
    test = request.node.name
    folder = re.sub(r"[^A-Za-z0-9_.-]+", "-", test.removeprefix("test_")).strip("-")
    return Screenshots(screenshots_folder / folder)
