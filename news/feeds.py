"""RSS and Atom feeds of the news, one per language (/en/news/feed/, /km/news/feed/).

Items in the page's language where the article has it, else in its own language:
the feed says which, item by item, only through the text itself (RSS has no
per-item language), so a Khmer reader sees an English-only article in English.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.i18n import translated_value
from news.models import Article

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    # Django gives the feed the active language (en or km) when no language is set.

    def title(self):
        return _("ASSA news")

    def description(self):
        return _("News of the ASEAN Social Security Association and its member institutions.")

    def link(self):
        return reverse("news:list")

    def feed_url(self):
        return reverse("news:feed")

    def items(self):
        return Article.objects.published().for_feed()[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return translated_value(item, "title")[0]

    def item_description(self, item: Article) -> str:
        # Readers take the description as HTML: give them the summary as escaped text.
        summary = translated_value(item, "summary")[0]
        if not summary:
            # No summary: the start of the body as plain text.
            summary = Truncator(strip_tags(translated_value(item, "body")[0])).words(60)
        return escape(summary)

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.source_institution.acronym if item.source_institution else ""

    def item_categories(self, item: Article):
        return [str(item.get_category_display())]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

    def feed_url(self):
        return reverse("news:feed_atom")
