from datetime import datetime
from xml.etree import ElementTree

import pytest

from tests.conftest import SITE_CHROME_QUERIES
from tests.factories import (
    ArticleFactory,
    DocumentFactory,
    EventFactory,
    MemberInstitutionFactory,
    PageFactory,
)

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sections(client) -> list[str]:
    """The section pages /sitemap.xml lists (its index)."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    return [loc.text for loc in root.findall("s:sitemap/s:loc", NS)]


def sitemap(client) -> ElementTree.Element:
    """Every section page's entries, in one <urlset>."""
    merged = ElementTree.Element(f"{{{NS['s']}}}urlset")
    for address in sections(client):
        response = client.get(address.removeprefix("http://testserver"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/xml"
        merged.extend(ElementTree.fromstring(response.content).findall("s:url", NS))
    return merged


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


def test_sitemap_is_an_index_of_sections(client):
    ArticleFactory(slug="forum")
    found = sections(client)
    assert "http://testserver/sitemap-pages.xml" in found
    assert "http://testserver/sitemap-news.xml" in found
    assert "http://testserver/sitemap-documents.xml" in found
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_long_section_is_cut_in_pages(client, monkeypatch):
    from news.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 4)  # entries: two articles a page
    for number in range(5):
        ArticleFactory(slug=f"article-{number}")
    found = sections(client)
    assert [a for a in found if "sitemap-news" in a] == [
        "http://testserver/sitemap-news.xml",
        "http://testserver/sitemap-news.xml?p=2",
        "http://testserver/sitemap-news.xml?p=3",
    ]
    locs = set()
    for page in ("", "?p=2", "?p=3"):
        root = ElementTree.fromstring(client.get(f"/sitemap-news.xml{page}").content)
        locs |= set(entries(root))
    assert {f"http://testserver/en/news/article-{n}/" for n in range(5)} <= locs
    assert client.get("/sitemap-news.xml?p=4").status_code == 404


def test_section_xml_is_djangos(client, rf):
    """The tag-written entries are byte for byte what Django's sitemap.xml gives."""
    from django.template.loader import render_to_string

    from assa.sitemaps import site_sitemaps

    ArticleFactory(slug="forum")
    EventFactory(slug="shown-meeting")
    MemberInstitutionFactory(slug="nssf")
    DocumentFactory()
    PageFactory(slug="about")
    request = rf.get("/sitemap-news.xml")
    for section in site_sitemaps():
        response = client.get(f"/sitemap-{section}.xml")
        urls = response.context_data["urlset"]
        assert urls, section
        django_xml = render_to_string("sitemap.xml", {"urlset": urls}, request=request)
        assert response.content.decode() == django_xml, section


def test_the_index_gives_each_sections_newest_date_without_loading_its_rows(
    client, django_assert_num_queries
):
    """Counted and dated in one query per section (not every row), the same dates."""
    from django.db.models import Max

    from documents.models import Document
    from news.models import Article

    for number in range(3):
        ArticleFactory(slug=f"dated-{number}")
        DocumentFactory()
    # Members, events, news, documents, pages; and the site's pages for the context.
    with django_assert_num_queries(5 + SITE_CHROME_QUERIES):
        response = client.get("/sitemap.xml")
    root = ElementTree.fromstring(response.content)
    dates = {
        item.find("s:loc", NS).text: item.find("s:lastmod", NS)
        for item in root.findall("s:sitemap", NS)
    }
    newest_article = Article.objects.aggregate(newest=Max("updated_at"))["newest"]
    newest_document = Document.objects.aggregate(newest=Max("updated_at"))["newest"]
    shown = {loc: datetime.fromisoformat(d.text) for loc, d in dates.items() if d is not None}
    assert shown["http://testserver/sitemap-news.xml"] == newest_article
    assert shown["http://testserver/sitemap-documents.xml"] == newest_document
    assert dates["http://testserver/sitemap-pages.xml"] is None  # the lists have no date
