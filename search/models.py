"""The site search index: one row per public thing that search can find.

Rows are written by ``search.index`` whenever news, events, documents or member
institutions are saved or deleted, and all at once by ``manage.py rebuild_search_index``.
Only public content has a row (an unpublished thing has its row deleted); news scheduled
for later has its row already, and ``SearchEntry.objects.visible()`` hides it until
``visible_from``.

PostgreSQL matches through ``search_vector`` (a ``tsvector`` with a GIN index, made in
migration 0001 for PostgreSQL only); SQLite through ``terms``, the same words as a
space-separated list. Both are made by ``search.text``, so both find the same words.
"""

import datetime

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ALWAYS_VISIBLE = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class SearchKind(models.TextChoices):
    ARTICLE = "article", _("News")
    EVENT = "event", _("Event")
    DOCUMENT = "document", _("Document")
    MEMBER = "member", _("Member institution")
    PAGE = "page", _("Page")


class SearchEntryQuerySet(models.QuerySet):
    def visible(self, now=None):
        """Rows the public may find now (scheduled news waits for its time)."""
        return self.filter(visible_from__lte=now or timezone.now())

    def of_kind(self, kind: str):
        return self.filter(kind=kind)

    def in_year(self, year: int):
        return self.filter(year=year)

    def matching(self, query):
        """Rows containing every group of the parsed query (see search.query)."""
        from search.query import match_entries

        return match_entries(self, query)

    def ranked(self, query):
        """Best matches first, then the newest."""
        from search.query import rank_entries

        return rank_entries(self, query)


class SearchEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=SearchKind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    # Text for excerpts: the fields of each language, Khmer words separated by U+200B.
    text_en = models.TextField(_("text in English"), blank=True)
    text_km = models.TextField(_("text in Khmer"), blank=True)
    # The text of the document's file (PDF), extracted once per file: file_sha256 says
    # which file it came from, so reindexing an unchanged document does not read it again.
    file_text = models.TextField(_("text of the file"), blank=True)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    # The text recognised in the document's scanned pages (OCR), kept apart from file_text:
    # it comes from the document's row (documents.ocr), not from reading the file here.
    scan_text = models.TextField(_("text of the scan"), blank=True)
    # SQLite: every term once, space-separated and space-padded (" meet សន្តិសុខ 2020 "),
    # matched as " term "; title_terms ranks title matches first. Empty on PostgreSQL.
    terms = models.TextField(_("terms"), blank=True)
    title_terms = models.TextField(_("title terms"), blank=True)
    # PostgreSQL: the same terms as a tsvector without positions, matched through a GIN
    # index; and the title's terms with positions, small enough to rank thousands of
    # matches quickly. Empty on SQLite.
    search_vector = SearchVectorField(null=True, blank=True)
    rank_vector = SearchVectorField(null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    # When the public may find it: the publication time of news, else ALWAYS_VISIBLE (a
    # plain "<= now" condition lets PostgreSQL keep to the GIN index).
    visible_from = models.DateTimeField(_("visible from"), default=ALWAYS_VISIBLE)
    indexed_at = models.DateTimeField(_("indexed"), default=timezone.now)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        # The table the site app made before search became an app of its own.
        db_table = "assa_searchentry"
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_unique_object")
        ]
        # Filters by kind and year narrow what the GIN index found; they need no index
        # of their own (a search never starts from them).

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}"


class SearchWord(models.Model):
    """A word of the index's own vocabulary, for "did you mean" when a search finds nothing.

    Khmer words as the segmenter cut them, look-alikes folded; other words in lower case as
    written (see ``search.text.vocabulary_word``). Added as content is indexed; a full
    ``rebuild_search_index`` starts it afresh. ``first`` and ``length`` narrow the
    candidates of a suggestion on both databases (see ``search.suggest``).
    """

    word = models.CharField(_("word"), max_length=60, unique=True)
    first = models.CharField(_("first letter"), max_length=1)
    length = models.PositiveSmallIntegerField(_("length"))

    class Meta:
        verbose_name = _("search vocabulary word")
        verbose_name_plural = _("search vocabulary words")
        ordering = ["word"]
        indexes = [models.Index(fields=["first", "length"], name="searchword_first_length")]

    def __str__(self) -> str:
        return self.word
