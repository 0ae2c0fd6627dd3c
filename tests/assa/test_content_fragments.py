"""What pages keep between requests with the page cache off: fragments of pages (head,
header, navigation, footer, key-figure charts) and data (choices, the home page's lists,
the index of published events, the chairmanship terms), all under the content version.

A change to the content shows at once; nothing of one request (its address, its query
string, its user) shows in another's page; the version is read once per request.
"""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache

from core import caching
from members.models import KeyFigureValue
from tests.factories import (
    ArticleFactory,
    EventFactory,
    KeyFigureFactory,
    MemberInstitutionFactory,
    OfficeHolderFactory,
    PageFactory,
    SecretariatUserFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


def part(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def test_the_footer_shows_new_contact_details_at_once(client):
    contact = PageFactory(
        slug="contact", title_en="Contact", shows_contact_details=True, email="old@example.org"
    )
    footer = part(client.get("/en/").content.decode(), 'class="site-footer"', "</footer>")
    assert "old@example.org" in footer
    contact.email = "new@example.org"
    contact.save()
    for address in ("/en/", "/en/news/"):
        footer = part(client.get(address).content.decode(), 'class="site-footer"', "</footer>")
        assert "new@example.org" in footer and "old@example.org" not in footer


def test_the_navigation_shows_a_renamed_page_at_once_and_marks_the_current_entry(client):
    about = PageFactory(slug="about", title_en="About ASSA", placement="navigation")
    nav = part(client.get("/en/news/").content.decode(), 'class="site-nav"', "</nav>")
    assert "About ASSA" in nav
    assert '<a href="/en/news/" aria-current="page">' in nav
    about.title_en = "Who we are"
    about.save()
    nav = part(client.get("/en/about/").content.decode(), 'class="site-nav"', "</nav>")
    assert "Who we are" in nav and "About ASSA" not in nav
    assert '<a href="/en/about/" aria-current="page">' in nav
    assert '<a href="/en/news/">' in nav  # another page's current entry is not kept
    nav = part(client.get("/km/about/").content.decode(), 'class="site-nav"', "</nav>")
    assert 'href="/km/about/" aria-current="page"' in nav


def test_the_header_is_kept_per_language(client):
    english = client.get("/en/").content.decode()
    khmer = client.get("/km/").content.decode()
    assert 'rel="preload"' not in english and 'rel="preload"' in khmer
    assert 'action="/en/search/"' in english and 'action="/km/search/"' in khmer
    assert '<body class="lang-km">' in khmer


def test_nothing_of_one_request_shows_in_another(client):
    """The language links carry each request's own query string; the kept parts none."""
    first = client.get("/en/news/", {"category": "story"}).content.decode()
    second = client.get("/en/news/", {"category": "news"}).content.decode()
    assert 'href="/km/news/?category=story"' in first
    assert 'href="/km/news/?category=news"' in second and "category=story" not in second
    staff = SecretariatUserFactory(username="someone-special")
    client.force_login(staff)
    assert "someone-special" not in client.get("/en/news/").content.decode()
    client.logout()
    assert "someone-special" not in client.get("/en/news/").content.decode()


def test_a_key_figure_chart_shows_a_new_value_at_once(client):
    institution = MemberInstitutionFactory(slug="sso-test", acronym="SSOT")
    figure = KeyFigureFactory(institution=institution, label_en="Members", value=1000)
    KeyFigureValue.objects.create(figure=figure, value=900, as_of=datetime.date(2023, 12, 31))
    KeyFigureValue.objects.create(figure=figure, value=1000, as_of=datetime.date(2024, 12, 31))
    page = client.get("/en/members/sso-test/").content.decode()
    assert "<td>1,000</td>" in page and "1,234,567" not in page
    KeyFigureValue.objects.create(figure=figure, value=1234567, as_of=datetime.date(2025, 6, 30))
    page = client.get("/en/members/sso-test/").content.decode()
    assert "<td>1,234,567</td>" in page


def test_an_event_page_shows_changed_neighbours_minutes_and_terms_at_once(client):
    meeting_37 = EventFactory(number=37, slug="m37", starts_on=datetime.date(2020, 12, 9))
    address = meeting_37.get_absolute_url()
    page = client.get(address).content.decode()
    assert "neighbour-next" not in page and "Chairmanship handed over" not in page
    meeting_38 = EventFactory(number=38, slug="m38", starts_on=datetime.date(2021, 11, 26))
    meeting_37.minutes_approved_at = meeting_38
    meeting_37.save()
    term = TermFactory(number=38, handover_event=meeting_37)
    holder = OfficeHolderFactory(term=term, person_name="First Person")
    page = client.get(address).content.decode()
    assert 'href="/en/events/assa-board-meeting/m38/" rel="next"' in page
    assert "The minutes of this meeting were approved at:" in page
    assert "First Person" in page
    holder.person_name = "Second Person"
    holder.save()
    meeting_38.is_published = False
    meeting_38.save()
    page = client.get(address).content.decode()
    assert "Second Person" in page and "First Person" not in page
    assert "m38" not in page  # an unpublished meeting is linked from nowhere


def test_the_version_is_read_once_per_request(client, settings):
    ArticleFactory()
    PageFactory(slug="about", title_en="About", placement="navigation")
    client.get("/en/news/")  # fills what is kept
    for page_cache in (False, True):
        settings.PAGE_CACHE = page_cache
        with mock.patch.object(caching, "_read_version", wraps=caching._read_version) as read:
            client.get("/en/news/", {"year": "2024"})
        assert read.call_count == (0 if page_cache else 1)


def test_a_bump_from_another_server_reaches_the_kept_copies(client):
    """Another server changes content: it bumps the shared number; the copies this process
    holds in memory are not used again."""
    contact = PageFactory(
        slug="contact", title_en="Contact", shows_contact_details=True, email="old@example.org"
    )
    assert "old@example.org" in client.get("/en/").content.decode()
    # As another server would: the row changes, the shared number goes up, no signal here.
    type(contact).objects.filter(pk=contact.pk).update(email="new@example.org")
    assert "old@example.org" in client.get("/en/").content.decode()  # nothing said yet
    cache.incr(caching.VERSION_KEY)
    assert "new@example.org" in client.get("/en/").content.decode()


def test_kept_things_expire_after_page_cache_seconds(client, settings, monkeypatch):
    contact = PageFactory(
        slug="contact", title_en="Contact", shows_contact_details=True, email="old@example.org"
    )
    assert "old@example.org" in client.get("/en/").content.decode()
    type(contact).objects.filter(pk=contact.pk).update(email="new@example.org")
    later = caching.time.time() + settings.PAGE_CACHE_SECONDS + 1
    monkeypatch.setattr(caching.time, "time", lambda: later)
    assert "new@example.org" in client.get("/en/").content.decode()


def test_a_fragment_is_never_shared_between_languages(client):
    PageFactory(slug="about", title_en="About", title_km="អំពី", placement="navigation")
    assert "អំពី" not in part(client.get("/en/").content.decode(), 'class="site-nav"', "</nav>")
    assert "អំពី" in part(client.get("/km/").content.decode(), 'class="site-nav"', "</nav>")
    assert "អំពី" not in part(client.get("/en/").content.decode(), 'class="site-nav"', "</nav>")
