"""The sitemap of the whole site: static pages here, each app's objects in its sitemaps.py."""

from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse


class StaticPageSitemap(Sitemap):
    """Pages that are not one object: the home page and the lists, in both languages."""

    changefreq = "weekly"
    i18n = True
    alternates = True
    x_default = True

    NAMES = [
        "home",
        "members:list",
        "events:list",
        "events:chairmanship",
        "news:list",
        "documents:list",
    ]

    def items(self) -> list[str]:
        # An app whose pages have not landed yet has no URL to list.
        available = []
        for name in self.NAMES:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            available.append(name)
        return available

    def location(self, item: str) -> str:
        return reverse(item)

    def priority(self, item: str) -> float:
        return 1.0 if item == "home" else 0.8


def site_sitemaps() -> dict[str, type[Sitemap]]:
    """Every sitemap section, by name; apps without a sitemaps module are skipped."""
    import importlib

    sections: dict[str, type[Sitemap]] = {"pages": StaticPageSitemap}
    for module_name, section, class_name in [
        ("members.sitemaps", "members", "MemberInstitutionSitemap"),
        ("events.sitemaps", "events", "EventSitemap"),
        ("news.sitemaps", "news", "ArticleSitemap"),
        ("documents.sitemaps", "documents", "DocumentSitemap"),
    ]:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        sections[section] = getattr(module, class_name)
    return sections
