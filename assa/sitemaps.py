"""The sitemap of the whole site: static pages here, each app's objects in its sitemaps.py."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse


class BilingualSitemap(Sitemap):
    """Each page in English and Khmer, every entry listing both with hreflang.

    The x-default alternate is the English page, as in each page's head. (Django's own
    x_default strips the language prefix, which suits sites whose default language has
    no prefix; ours has one, and only / chooses a language.)
    """

    i18n = True
    alternates = True
    x_default = False

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            default = next(
                (a for a in url["alternates"] if a["lang_code"] == settings.LANGUAGE_CODE),
                None,
            )
            if default is not None:
                url["alternates"].append(
                    {"location": default["location"], "lang_code": "x-default"}
                )
        return urls


def route_exists(name: str, **kwargs) -> bool:
    """False while an app's pages have not landed yet, so the sitemap leaves them out."""
    try:
        reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return False
    return True


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
        return reverse(item)

    def priority(self, item: str) -> float:
        return 1.0 if item == "home" else 0.8


def site_sitemaps() -> dict[str, type[Sitemap]]:
    """Every section of /sitemap.xml, by name."""
    # Imported here: the apps' sitemaps build on BilingualSitemap above.
    from documents.sitemaps import DocumentSitemap
    from events.sitemaps import EventKindSitemap, EventSitemap
    from members.sitemaps import MemberInstitutionSitemap
    from news.sitemaps import ArticleSitemap
    from pages.sitemaps import PageSitemap

    return {
        "pages": StaticPageSitemap,
        "members": MemberInstitutionSitemap,
        "event-kinds": EventKindSitemap,
        "events": EventSitemap,
        "news": ArticleSitemap,
        "documents": DocumentSitemap,
        "site-pages": PageSitemap,
    }
