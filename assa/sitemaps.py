"""The sitemap of the whole site: static pages here, each app's objects in its sitemaps.py.

/sitemap.xml is an index of sections, /sitemap-<section>.xml (``site_sitemaps()``), each
cut in pages of ``BilingualSitemap.limit`` entries (?p=2...), so no answer grows with the
content.
"""

from django.contrib.sitemaps import Sitemap

from core import links
from core.sitemaps import BilingualSitemap, route_exists
from documents.sitemaps import DocumentSitemap
from events.sitemaps import EventKindSitemap, EventSitemap
from members.sitemaps import MemberInstitutionSitemap
from news.sitemaps import ArticleSitemap
from pages.sitemaps import PageSitemap


class StaticPageSitemap(BilingualSitemap):
    """Pages that are not one object: the home page and the lists, in both languages."""

    changefreq = "weekly"

    NAMES = [
        "home",
        "members:list",
        "events:list",
        "events:chairmanship",
        "news:list",
        "documents:list",
    ]

    def items(self) -> list[str]:
        return [name for name in self.NAMES if route_exists(name)]

    def location(self, item: str) -> str:
        return links.reverse(item)

    def priority(self, item: str) -> float:
        return 1.0 if item == "home" else 0.8


def site_sitemaps() -> dict[str, type[Sitemap]]:
    """Every section of /sitemap.xml, by name."""
    return {
        "pages": StaticPageSitemap,
        "members": MemberInstitutionSitemap,
        "event-kinds": EventKindSitemap,
        "events": EventSitemap,
        "news": ArticleSitemap,
        "documents": DocumentSitemap,
        "site-pages": PageSitemap,
    }
