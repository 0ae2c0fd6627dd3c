"""The base of every app's sitemap: each page in both languages, with hreflang alternates,
cut in pages of ``BilingualSitemap.limit`` entries (?p=2...) so no answer grows with the content.
"""

from functools import cached_property

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.urls import NoReverseMatch, reverse
from django.utils import translation


class BilingualSitemap(Sitemap):
    """Each page in English and Khmer, every entry listing both with hreflang.

    The x-default alternate is the English page, as in each page's head. (Django's own
    x_default strips the language prefix, which suits sites whose default language has
    no prefix; ours has one, and only / chooses a language.)
    """

    i18n = True
    alternates = True
    x_default = False
    # Entries (one per page and language) in one page of a section: 500 pages in two
    # languages, about 250 KB.
    limit = 1000

    @cached_property
    def paginator(self):
        """Made once per request: the index and the section read it more than once."""
        return Paginator(self._items(), self.limit)

    def get_latest_lastmod(self):
        """The newest ``lastmod`` of the section, from the rows already loaded."""
        if not callable(getattr(self, "lastmod", None)):
            return super().get_latest_lastmod()
        dates = [self.lastmod(item) for item, _language in self.paginator.object_list]
        return max(dates, default=None) if None not in dates else None

    def _urls(self, page, protocol, domain):
        """Django's entries, with each page's address reversed once per language.

        Django switches the language twice per entry and alternate (one reverse each):
        thousands of switches for a section. Here each language is switched to once.
        """
        pairs = self.paginator.page(page).object_list
        items = list({id(item): item for item, _language in pairs}.values())
        addresses = {}
        alternates = {}
        for code in self._languages():
            with translation.override(code):
                for item in items:
                    addresses[id(item), code] = f"{protocol}://{domain}{self.location(item)}"
        for item in items:
            links = [
                {"location": addresses[id(item), code], "lang_code": code}
                for code in self.get_languages_for_item(item)
            ]
            # x-default: the English page, as in each page's head.
            default = addresses.get((id(item), settings.LANGUAGE_CODE))
            if default is not None:
                links.append({"location": default, "lang_code": "x-default"})
            alternates[id(item)] = links
        lastmod = getattr(self, "lastmod", None)
        priority = getattr(self, "priority", None)
        changefreq = getattr(self, "changefreq", None)
        urls = []
        latest_lastmod = None
        all_items_lastmod = True
        for pair in pairs:
            item, code = pair
            item_lastmod = lastmod(item) if callable(lastmod) else lastmod
            if all_items_lastmod:
                all_items_lastmod = item_lastmod is not None
                if all_items_lastmod and (latest_lastmod is None or item_lastmod > latest_lastmod):
                    latest_lastmod = item_lastmod
            item_priority = priority(item) if callable(priority) else priority
            urls.append(
                {
                    "item": pair,
                    "location": addresses[id(item), code],
                    "lastmod": item_lastmod,
                    "changefreq": changefreq(item) if callable(changefreq) else changefreq,
                    "priority": str(item_priority if item_priority is not None else ""),
                    "alternates": alternates[id(item)],
                }
            )
        if all_items_lastmod and latest_lastmod:
            self.latest_lastmod = latest_lastmod
        return urls


def route_exists(name: str, **kwargs) -> bool:
    """False while an app's pages have not landed yet, so the sitemap leaves them out."""
    try:
        reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return False
    return True
