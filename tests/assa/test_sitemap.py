from xml.etree import ElementTree

import pytest

from tests.factories import ArticleFactory, EventFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client) -> ElementTree.Element:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def entries(root) -> dict[str, dict[str, str]]:
    """Each <loc> with its alternates by hreflang."""
    found = {}
    for url in root.findall("s:url", NS):
        loc = url.find("s:loc", NS).text
        found[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
    return found


def test_sitemap_lists_pages_in_both_languages_with_hreflang_alternates(client):
    article = ArticleFactory(slug="forum")
    found = entries(sitemap(client))
    for lang in ("en", "km"):
        loc = f"http://testserver/{lang}/news/forum/"
        assert loc in found
        assert found[loc] == {
            "en": "http://testserver/en/news/forum/",
            "km": "http://testserver/km/news/forum/",
            "x-default": "http://testserver/en/news/forum/",
        }
    assert "http://testserver/en/" in found and "http://testserver/km/" in found
    assert "http://testserver/km/news/" in found
    assert article.get_absolute_url()


def test_sitemap_leaves_out_drafts_and_scheduled_articles(client, now=None):
    import datetime

    from django.utils import timezone

    ArticleFactory(slug="draft", status="draft")
    ArticleFactory(slug="later", published_at=timezone.now() + datetime.timedelta(days=2))
    found = entries(sitemap(client))
    assert not any("/news/draft/" in loc or "/news/later/" in loc for loc in found)


def test_sitemap_lists_published_events_only(client):
    shown = EventFactory(slug="shown-meeting")
    EventFactory(slug="hidden-meeting", is_published=False)
    found = entries(sitemap(client))
    assert f"http://testserver{shown.get_absolute_url()}" in found
    assert not any("hidden-meeting" in loc for loc in found)


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
