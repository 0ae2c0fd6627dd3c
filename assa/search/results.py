"""One page of search results, in a fixed number of queries whatever the data size.

1. matches per kind (for the type filter, and the total),
2. matches per year (for the year filter),
3. the page of index rows (ranked: only small columns, so ranking stays cheap),
4. the beginning of the stored texts of those rows only, for the excerpts,
5-8. the objects themselves, one query per kind on the page, through each app's own
   "public" QuerySet: a row whose object is no longer public is left out even if the
   index has not caught up yet.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.db.models.functions import Left
from django.utils.translation import get_language

from assa.khmer import has_khmer
from assa.models import SearchEntry, SearchKind
from assa.search.query import Excerpt, Highlighter, best_excerpt
from assa.search.sources import SOURCES
from assa.search.text import ParsedQuery

PER_PAGE = 20
# How much stored text is read per result to find an excerpt.
EXCERPT_SOURCE_LENGTH = 20_000
FILE_EXCERPT_SOURCE_LENGTH = 60_000


class CountedPaginator(Paginator):
    """A paginator told its count (already known from the per-kind counts)."""

    def __init__(self, object_list, per_page, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count


@dataclass
class Result:
    kind: str
    obj: object
    date: datetime.date | None
    excerpt: Excerpt | None

    @property
    def kind_label(self) -> str:
        return SearchKind(self.kind).label

    @property
    def template(self) -> str:
        return f"assa/search/result_{self.kind}.html"


@dataclass
class SearchResults:
    query: ParsedQuery
    kind: str = ""
    year: int | None = None
    kind_counts: dict[str, int] = field(default_factory=dict)
    year_counts: list[tuple[int, int]] = field(default_factory=list)
    page: Page | None = None
    results: list[Result] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.page.paginator.count if self.page else 0

    @property
    def total_all_kinds(self) -> int:
        return sum(self.kind_counts.values())


def search(query: ParsedQuery, *, kind: str = "", year: int | None = None, page=1):
    outcome = SearchResults(query=query, kind=kind, year=year)
    if not query:
        return outcome
    base = SearchEntry.objects.visible().matching(query)

    in_year = base.in_year(year) if year else base
    outcome.kind_counts = {
        row["kind"]: row["n"]
        for row in in_year.order_by().values("kind").annotate(n=Count("pk"))
        if row["kind"] in SOURCES
    }
    of_kind = base.of_kind(kind) if kind else base
    outcome.year_counts = sorted(
        (
            (row["year"], row["n"])
            for row in of_kind.order_by()
            .filter(year__isnull=False)
            .values("year")
            .annotate(n=Count("pk"))
        ),
        reverse=True,
    )
    total = outcome.kind_counts.get(kind, 0) if kind else outcome.total_all_kinds

    rows = (
        (in_year.of_kind(kind) if kind else in_year).ranked(query).only("kind", "object_id", "date")
    )
    paginator = CountedPaginator(rows, PER_PAGE, count=total)
    outcome.page = paginator.get_page(page)
    entries = list(outcome.page.object_list) if total else []
    outcome.results = _results(entries, query)
    return outcome


def _texts(entries: list[SearchEntry]) -> dict[int, dict[str, str]]:
    """The start of each row's texts, read for these rows only (not while ranking)."""
    if not entries:
        return {}
    rows = (
        SearchEntry.objects.filter(pk__in=[entry.pk for entry in entries])
        .annotate(
            excerpt_en=Left("text_en", EXCERPT_SOURCE_LENGTH),
            excerpt_km=Left("text_km", EXCERPT_SOURCE_LENGTH),
            excerpt_file=Left("file_text", FILE_EXCERPT_SOURCE_LENGTH),
        )
        .values("pk", "excerpt_en", "excerpt_km", "excerpt_file")
    )
    return {
        row["pk"]: {"en": row["excerpt_en"], "km": row["excerpt_km"], "file": row["excerpt_file"]}
        for row in rows
    }


def _results(entries: list[SearchEntry], query: ParsedQuery) -> list[Result]:
    wanted: dict[str, list[int]] = {}
    for entry in entries:
        wanted.setdefault(entry.kind, []).append(entry.object_id)
    objects = {kind: SOURCES[kind].public().in_bulk(ids) for kind, ids in wanted.items()}
    texts = _texts(entries)
    language = get_language() or "en"
    other = "en" if language == "km" else "km"
    highlighter = Highlighter(query)
    results = []
    for entry in entries:
        obj = objects.get(entry.kind, {}).get(entry.object_id)
        if obj is None:  # no longer public; the index will catch up
            continue
        text = texts.get(entry.pk, {})
        file_text = text.get("file", "")
        excerpt = best_excerpt(
            highlighter,
            [
                (language, text.get(language, "")),
                (other, text.get(other, "")),
                ("km" if has_khmer(file_text[:2000]) else "en", file_text),
            ],
        )
        results.append(Result(entry.kind, obj, entry.date, excerpt))
    return results
