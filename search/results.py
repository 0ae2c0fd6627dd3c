"""One page of search results, in a fixed number of queries whatever the data size.

1. matches per kind and year (for the type and year filters, and the total),
2. the page of index rows with the start of their texts, for the excerpts (ranking
   reads only small columns; the texts are read for the page's rows only),
3-6. the objects themselves, one query per kind on the page, through each app's own
   "public" QuerySet: a row whose object is no longer public is left out even if the
   index has not caught up yet.

When nothing is found, a "did you mean" suggestion costs a query per word typed (at most
four) and one to check that the suggestion finds something (``search.suggest``).

On PostgreSQL these run in one transaction that starts with ``SET LOCAL`` (see
``search``): three more statements, nine in all.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import Left
from django.utils.translation import get_language

from core.khmer import has_khmer
from search.models import SearchEntry, SearchKind
from search.query import Excerpt, Highlighter, best_excerpt
from search.sources import SOURCES
from search.suggest import suggest
from search.text import ParsedQuery

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


@dataclass
class SearchResults:
    query: ParsedQuery
    kind: str = ""
    year: int | None = None
    kind_counts: dict[str, int] = field(default_factory=dict)
    year_counts: list[tuple[int, int]] = field(default_factory=list)
    page: Page | None = None
    results: list[Result] = field(default_factory=list)
    # "Did you mean": a query that finds something, when this one found nothing.
    suggestion: str = ""

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
    if connection.vendor != "postgresql":
        _search(outcome, page)
        return outcome
    with transaction.atomic():
        # PostgreSQL's planner does not count the cost of unpacking each row's large
        # search vector, so for a common word it would read the whole table rather than
        # the GIN index. For this transaction only: use the index.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        _search(outcome, page)
    return outcome


def _search(outcome: SearchResults, page) -> None:
    query, kind, year = outcome.query, outcome.kind, outcome.year
    base = SearchEntry.objects.visible().matching(query)
    _count(outcome, base)
    total = outcome.kind_counts.get(kind, 0) if kind else outcome.total_all_kinds
    rows = base.of_kind(kind) if kind else base
    rows = rows.in_year(year) if year else rows
    paginator = CountedPaginator(RankedRows(rows, query), PER_PAGE, count=total)
    outcome.page = paginator.get_page(page)
    entries = list(outcome.page.object_list) if total else []
    outcome.results = _results(entries, query)
    if not outcome.total_all_kinds and not kind and not year:
        outcome.suggestion = suggest(query)


class RankedRows:
    """The ranked matches, read a page at a time with the start of their texts.

    Ranking reads only small columns of every match; the texts (for excerpts) are read
    for the page's rows only, in the same query: the page is chosen in a subquery.
    """

    def __init__(self, matches, query: ParsedQuery):
        self.matches = matches
        self.query = query

    def __getitem__(self, window: slice) -> list[SearchEntry]:
        chosen = self.matches.ranked(self.query).values("pk")[window]
        return list(
            SearchEntry.objects.filter(pk__in=chosen)
            .ranked(self.query)
            .only("kind", "object_id", "date")
            .annotate(
                excerpt_en=Left("text_en", EXCERPT_SOURCE_LENGTH),
                excerpt_km=Left("text_km", EXCERPT_SOURCE_LENGTH),
                excerpt_file=Left("file_text", FILE_EXCERPT_SOURCE_LENGTH),
                excerpt_scan=Left("scan_text", FILE_EXCERPT_SOURCE_LENGTH),
            )
        )

    def __len__(self) -> int:  # pragma: no cover - the paginator is told the count
        raise TypeError("RankedRows has no length of its own")


def _count(outcome: SearchResults, matches) -> None:
    """Matches per kind (within the chosen year) and per year (within the chosen kind),
    from one query of matches per kind and year."""
    kinds: dict[str, int] = {}
    years: dict[int, int] = {}
    for row in matches.order_by().values("kind", "year").annotate(n=Count("pk")):
        if row["kind"] not in SOURCES:
            continue
        if not outcome.year or row["year"] == outcome.year:
            kinds[row["kind"]] = kinds.get(row["kind"], 0) + row["n"]
        if row["year"] and (not outcome.kind or row["kind"] == outcome.kind):
            years[row["year"]] = years.get(row["year"], 0) + row["n"]
    outcome.kind_counts = kinds
    outcome.year_counts = sorted(years.items(), reverse=True)


def _results(entries: list[SearchEntry], query: ParsedQuery) -> list[Result]:
    wanted: dict[str, list[int]] = {}
    for entry in entries:
        wanted.setdefault(entry.kind, []).append(entry.object_id)
    objects = {kind: SOURCES[kind].shown().in_bulk(ids) for kind, ids in wanted.items()}
    language = get_language() or "en"
    other = "en" if language == "km" else "km"
    highlighter = Highlighter(query)
    results = []
    for entry in entries:
        obj = objects.get(entry.kind, {}).get(entry.object_id)
        if obj is None:  # no longer public; the index will catch up
            continue
        file_text = entry.excerpt_file or ""
        scan_text = entry.excerpt_scan or ""
        excerpt = best_excerpt(
            highlighter,
            [
                (language, getattr(entry, f"excerpt_{language}") or ""),
                (other, getattr(entry, f"excerpt_{other}") or ""),
                ("km" if has_khmer(file_text[:2000]) else "en", file_text),
                ("km" if has_khmer(scan_text[:2000]) else "en", scan_text),
            ],
        )
        results.append(Result(entry.kind, obj, entry.date, excerpt))
    return results
