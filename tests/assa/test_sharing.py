"""Open Graph and Twitter card tags, and canonical links, on every kind of public page."""

import datetime
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    DocumentFactory,
    EventFactory,
    MemberInstitutionWithLogoFactory,
    PageFactory,
)

pytestmark = pytest.mark.django_db

DEFAULT_IMAGE = "http://testserver/static/img/share-default.png"


class HeadTags(HTMLParser):
    """The <meta property/name> contents and <link rel=canonical> of a page's head."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])


def tags(client, url) -> HeadTags:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = HeadTags()
    parser.feed(response.content.decode())
    return parser


def assert_shareable(parsed: HeadTags, url: str, title: str, image: str = DEFAULT_IMAGE):
    meta = parsed.meta
    for key in ("og:title", "og:description", "og:url", "og:image", "og:type", "og:site_name"):
        assert len(meta.get(key, [])) == 1, f"{key} on {url}: {meta.get(key)}"
    for key in ("twitter:card", "twitter:title", "twitter:description", "twitter:image"):
        assert len(meta.get(key, [])) == 1, f"{key} on {url}"
    assert meta["og:title"] == [title]
    assert meta["og:description"][0].strip()
    assert meta["og:url"] == [f"http://testserver{url}"]
    assert parsed.canonical == [f"http://testserver{url}"]
    assert meta["og:image"] == [image]
    assert meta["twitter:image"] == [image]
    assert meta["twitter:card"] == ["summary_large_image"]


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/en/", "ASEAN Social Security Association"),
        ("/en/events/", "Events"),
        ("/en/news/", "News"),
        ("/en/documents/", "Document library"),
        ("/en/members/", "Member institutions"),
        ("/en/chairmanship/", "Chairmanship"),
    ],
)
def test_home_and_list_pages_have_sharing_tags_with_the_default_picture(client, url, title):
    assert_shareable(tags(client, url), url, title)


def test_event_page_has_sharing_tags(client):
    event = EventFactory(
        kind="forum", number=None, title_en="Regional forum", summary_en="A forum in 2023."
    )
    url = event.get_absolute_url()
    parsed = tags(client, url)
    assert_shareable(parsed, url, "Regional forum")
    assert parsed.meta["og:description"] == ["A forum in 2023."]


def test_institution_page_shares_its_logo(client):
    institution = MemberInstitutionWithLogoFactory(name_en="Employees Provident Fund")
    url = institution.get_absolute_url()
    parsed = tags(client, url)
    institution.refresh_from_db()
    logo = f"http://testserver{institution.logo_web.url}"
    assert_shareable(parsed, url, "Employees Provident Fund", image=logo)


def test_document_page_has_sharing_tags(client):
    document = DocumentFactory(title_en="Minutes of the 37th meeting")
    url = document.get_absolute_url()
    assert_shareable(tags(client, url), url, "Minutes of the 37th meeting")


def test_article_page_has_sharing_tags_once(client):
    article = ArticleFactory(
        title_en="Coordination meeting",
        summary_en="NSSF met on informal workers.",
        status="published",
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    url = article.get_absolute_url()
    parsed = tags(client, url)
    assert_shareable(parsed, url, "Coordination meeting")
    assert parsed.meta["og:type"] == ["article"]


def test_site_page_has_sharing_tags_in_khmer(client):
    PageFactory(slug="about", title_en="About", title_km="អំពី", summary_km="សេចក្តីសង្ខេប")
    parsed = tags(client, "/km/about/")
    assert_shareable(parsed, "/km/about/", "អំពី")
    assert parsed.meta["og:locale"] == ["km_KH"]
    assert parsed.meta["og:description"] == ["សេចក្តីសង្ខេប"]


def test_canonical_link_drops_filters_but_keeps_the_page_number(client):
    parsed = tags(client, "/en/news/?year=2024&page=1")
    assert parsed.canonical == ["http://testserver/en/news/"]


def test_default_picture_is_a_1200_by_630_png():
    from pathlib import Path

    from django.conf import settings
    from PIL import Image

    with Image.open(Path(settings.BASE_DIR) / "static/img/share-default.png") as image:
        assert image.format == "PNG"
        assert image.size == (1200, 630)
