"""The base of every app's sitemap: each page in both languages, with hreflang alternates,
cut in pages of ``BilingualSitemap.limit`` entries (?p=2...) so no answer grows with the content.
"""

from functools import cached_property

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q, QuerySet
from django.urls import NoReverseMatch
from django.utils import translation

from core import links


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

    # The field ``lastmod(item)`` reads, when items() is a QuerySet: the index then asks
    # the database for the newest date rather than loading every row.
    lastmod_field: str | None = None

    @cached_property
    def paginator(self):
        """Made once per request: the index and the section read it more than once.

        Its entries are loaded only when a page of them is asked for: the index needs
        only their number and their newest date (``_facts``, one query).
        """
        return Paginator(_Entries(self), self.limit)

    def get_latest_lastmod(self):
        """The newest ``lastmod`` of the section (None if an entry has none)."""
        if not callable(getattr(self, "lastmod", None)):
            return super().get_latest_lastmod()
        facts = self._facts()
        if facts is not None and "latest" in facts:
            return None if facts.get("undated") else facts["latest"]
        dates = [self.lastmod(item) for item, _language in self.paginator.object_list]
        return max(dates, default=None) if None not in dates else None

    def _facts(self) -> dict | None:
        """The number of items (and their newest and missing dates), in one query; None
        when the items are not a QuerySet or an item may have fewer languages."""
        if "_index_facts" not in self.__dict__:
            items = self.items()
            same_languages = type(self).get_languages_for_item is Sitemap.get_languages_for_item
            facts = None
            if isinstance(items, QuerySet) and same_languages:
                aggregates = {"n": Count("pk")}
                if self.lastmod_field:
                    aggregates["latest"] = Max(self.lastmod_field)
                    if items.model._meta.get_field(self.lastmod_field).null:
                        aggregates["undated"] = Count(
                            "pk", filter=Q(**{f"{self.lastmod_field}__isnull": True})
                        )
                facts = items.order_by().aggregate(**aggregates)
            self.__dict__["_index_facts"] = facts
        return self.__dict__["_index_facts"]

    def _urls(self, page, protocol, domain):
        """Django's entries, with each page's address reversed once per language.

        Django switches the language twice per entry and alternate (one reverse each):
        thousands of switches for a section. Here each language is switched to once.
        """
        self.paginator.object_list.load()  # its page is shown: count the loaded entries
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


class _Entries:
    """A section's (item, language) entries, counted without loading them when it can be."""

    def __init__(self, sitemap: BilingualSitemap):
        self.sitemap = sitemap

    @cached_property
    def _all(self) -> list:
        return self.sitemap._items()

    def load(self) -> None:
        self._all  # noqa: B018 (loads and keeps them)

    def count(self) -> int:
        if "_all" not in self.__dict__:
            facts = self.sitemap._facts()
            if facts is not None:
                return facts["n"] * len(self.sitemap._languages())
        return len(self._all)

    def __len__(self) -> int:
        return len(self._all)

    def __iter__(self):
        return iter(self._all)

    def __getitem__(self, index):
        return self._all[index]


def route_exists(name: str, **kwargs) -> bool:
    """False while an app's pages have not landed yet, so the sitemap leaves them out."""
    try:
        links.reverse(name, **kwargs)
    except NoReverseMatch:
        return False
    return True
