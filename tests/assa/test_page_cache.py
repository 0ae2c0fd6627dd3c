"""The page cache: anonymous visitors get stored pages, until the content changes."""

import datetime

import pytest

from documents.models import DocumentStatus
from documents.services import approve_document
from news.models import ArticleStatus
from tests.factories import (
    ArticleFactory,
    DocumentFactory,
    EventFactory,
    SecretariatUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_MAX_AGE = 60


def test_a_repeat_visit_is_served_from_the_cache_without_sql(
    client, page_cache, django_assert_num_queries
):
    ArticleFactory(title_en="Regional forum in Svay Rieng")
    first = client.get("/en/news/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/en/news/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_the_query_string_is_part_of_the_address(client, page_cache):
    ArticleFactory(title_en="A press release", category="press-release")
    ArticleFactory(title_en="A story", category="story")
    client.get("/en/news/", {"category": "story"})
    page = client.get("/en/news/", {"category": "press-release"}).content.decode()
    assert "A press release" in page and "A story" not in page


def test_publishing_an_article_shows_it_at_once(client, page_cache):
    article = ArticleFactory(title_en="Coordination meeting", status=ArticleStatus.DRAFT)
    assert "Coordination meeting" not in client.get("/en/news/").content.decode()
    assert client.get("/en/news/")["X-Page-Cache"] == "hit"
    article.status = ArticleStatus.PUBLISHED
    article.save()
    assert "Coordination meeting" in client.get("/en/news/").content.decode()


def test_publishing_from_the_admin_list_shows_it_at_once(client, page_cache):
    article = ArticleFactory(title_en="Bulk published", status=ArticleStatus.DRAFT)
    assert "Bulk published" not in client.get("/en/").content.decode()
    staff = SecretariatUserFactory(is_superuser=True)
    admin = client.__class__()
    admin.force_login(staff)
    admin.post(
        "/admin/news/article/",
        {"action": "publish", "_selected_action": [article.pk]},
    )
    assert "Bulk published" in client.get("/en/").content.decode()


def test_approving_a_document_shows_it_in_the_library(client, page_cache):
    document = DocumentFactory(
        title_en="Extending coverage to informal workers",
        status=DocumentStatus.SUBMITTED,
        published_at=None,
    )
    assert "Extending coverage" not in client.get("/en/documents/").content.decode()
    approve_document(document, SecretariatUserFactory())
    assert "Extending coverage" in client.get("/en/documents/").content.decode()


def test_editing_an_event_shows_the_change(client, page_cache):
    event = EventFactory(title_en="Board meeting in Vientiane")
    address = event.get_absolute_url()
    assert "Board meeting in Vientiane" in client.get(address).content.decode()
    assert client.get(address)["X-Page-Cache"] == "hit"
    event.title_en = "Board meeting in Vientiane, postponed"
    event.save()
    assert "postponed" in client.get(address).content.decode()


def test_the_filter_choices_follow_the_content(client):
    """Kept between requests (the page cache off), yet a new year shows at once."""
    ArticleFactory(published_at=datetime.datetime(2020, 3, 12, tzinfo=datetime.UTC))
    years = client.get("/en/news/").context["filter"].form.fields["year"].choices
    assert [value for value, _label in years if value] == [2020]
    ArticleFactory(published_at=datetime.datetime(2023, 10, 8, tzinfo=datetime.UTC))
    years = client.get("/en/news/").context["filter"].form.fields["year"].choices
    assert [value for value, _label in years if value] == [2023, 2020]


def test_a_logged_in_user_never_gets_the_anonymous_page(client, page_cache):
    ArticleFactory(title_en="Shared news")
    anonymous = client.get("/en/news/")
    assert client.get("/en/news/")["X-Page-Cache"] == "hit"
    client.force_login(UserFactory())
    response = client.get("/en/news/")
    assert "X-Page-Cache" not in response
    assert response.context is not None  # rendered for this user
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert "ETag" not in response
    assert anonymous["X-Page-Cache"] == "miss"


def test_a_logged_in_users_page_is_never_stored(client, page_cache):
    staff = SecretariatUserFactory(is_superuser=True)
    client.force_login(staff)
    client.get("/en/news/")
    client.logout()
    response = client.get("/en/news/")
    assert response["X-Page-Cache"] == "miss"


def test_the_cache_can_be_turned_off(client, settings):
    settings.PAGE_CACHE = False
    client.get("/en/news/")
    response = client.get("/en/news/")
    assert "X-Page-Cache" not in response
    assert response.context is not None
    # The headers for browsers and proxies stay.
    assert "public" in response["Cache-Control"] and "ETag" in response


@pytest.mark.parametrize("page_cache_on", [True, False])
def test_a_repeat_request_with_the_etag_gets_304(client, settings, page_cache_on):
    settings.PAGE_CACHE = page_cache_on
    ArticleFactory()
    first = client.get("/en/news/")
    etag = first["ETag"]
    again = client.get("/en/news/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    changed = client.get("/en/news/", headers={"if-none-match": '"something-else"'})
    assert changed.status_code == 200


def test_public_pages_may_be_kept_by_browsers_and_proxies(client, page_cache):
    pages = ("/en/", "/km/news/", "/en/documents/", "/en/events/")
    for address in (*pages, "/sitemap.xml", "/sitemap-pages.xml"):
        response = client.get(address)
        assert response.status_code == 200, address
        assert "public" in response["Cache-Control"], address
        assert "max-age=60" in response["Cache-Control"], address
        assert "Cookie" in response["Vary"], address


def test_by_default_browsers_ask_again_so_a_publication_shows_at_once(client, settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_MAX_AGE = 0
    response = client.get("/en/news/")
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "must-revalidate"} <= control
    ArticleFactory(title_en="Published a moment ago")
    again = client.get("/en/news/", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 200
    assert "Published a moment ago" in again.content.decode()


def test_robots_keeps_its_own_lifetime(client, page_cache):
    assert "max-age=86400" in client.get("/robots.txt")["Cache-Control"]


def test_portal_and_admin_are_private(client, page_cache):
    login = client.get("/en/portal/login/")
    assert "private" in login["Cache-Control"] and "no-store" in login["Cache-Control"]
    assert "X-Page-Cache" not in login
    admin = client.get("/admin/login/")
    assert "private" in admin["Cache-Control"]
    client.force_login(SecretariatUserFactory(is_superuser=True))
    dashboard = client.get("/admin/")
    assert "private" in dashboard["Cache-Control"] and "no-store" in dashboard["Cache-Control"]


def test_missing_pages_and_redirects_are_not_stored(client, page_cache):
    assert client.get("/en/news/no-such-article/").status_code == 404
    assert "X-Page-Cache" not in client.get("/en/news/no-such-article/")
    assert client.get("/").status_code == 302
    assert "X-Page-Cache" not in client.get("/")


def test_posts_are_never_answered_from_the_cache(client, page_cache):
    client.get("/en/news/")
    response = client.post("/en/news/")
    assert "X-Page-Cache" not in response


def test_a_page_with_a_message_is_neither_served_from_nor_put_in_the_cache(client, page_cache):
    client.get("/en/news/")
    client.cookies["messages"] = "anything"
    response = client.get("/en/news/")
    assert "X-Page-Cache" not in response
