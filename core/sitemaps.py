"""The base of every sitemap: each page in both languages (the index is assa.sitemaps)."""

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
