"""Finding, ranking and presenting index rows for a parsed query.

PostgreSQL: the query becomes a ``tsquery`` made from our own terms (cast directly, so
neither the text-search parser nor the database's locale touches Khmer), matched with
``@@`` against ``search_vector`` through its GIN index. Ranking uses ``ts_rank`` on
``rank_vector``, the title's terms only: small enough that ranking 20,000 matches does
not mean unpacking 20,000 large vectors, and a title match is what people expect first.
Equal ranks go newest first.

SQLite: every term is looked for as `` term `` in the space-padded ``terms`` column,
a prefix as `` prefix``; rows whose title has the words come first. Both find the same
rows: the terms are the same, only the ranking differs a little.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQueryField, SearchRank
from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, Func, Q, Value, When
from django.db.models.functions import Cast, Coalesce
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.khmer import KHMER_LETTERS, WORD_SEPARATOR, fold_lookalikes, has_khmer
from search.text import TOKEN, ParsedQuery, QueryGroup, word_term


class TsMatch(Func):
    """``vector @@ query``: a condition usable in ``filter()``."""

    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


def _quote(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _group_tsquery(group: QueryGroup) -> str:
    words = " & ".join(_quote(term) for term in group.terms)
    alternatives = [f"({words})" if len(group.terms) > 1 else words]
    if group.prefix:
        # The prefix covers the joined run and a single word: both start with it.
        alternatives = [f"({words})"] if len(group.terms) > 1 else []
        alternatives.append(f"{_quote(group.prefix)}:*")
    elif group.joined:
        alternatives = [f"({words})", _quote(group.joined)]
    if len(alternatives) == 1:
        return alternatives[0]
    return "(" + " | ".join(alternatives) + ")"


def tsquery_literal(query: ParsedQuery, joiner: str = " & ") -> str:
    return joiner.join(_group_tsquery(group) for group in query.groups)


def _contains(column: str, term: str) -> Q:
    return Q(**{f"{column}__contains": f" {term} "})


def _group_q(group: QueryGroup, column: str = "terms") -> Q:
    condition = Q()
    for term in group.terms:
        condition &= _contains(column, term)
    if group.prefix:
        if len(group.terms) > 1:
            return condition | Q(**{f"{column}__contains": f" {group.prefix}"})
        return Q(**{f"{column}__contains": f" {group.prefix}"})
    if group.joined:
        condition |= _contains(column, group.joined)
    return condition


def match_entries(queryset, query: ParsedQuery):
    """Rows that contain every group of ``query`` (no ranking: see ``rank_entries``)."""
    if not query:
        return queryset.none()
    if connection.vendor == "postgresql":
        return queryset.filter(TsMatch(F("search_vector"), _tsquery(query)))
    condition = Q()
    for group in query.groups:
        condition &= _group_q(group)
    return queryset.filter(condition)


def rank_entries(queryset, query: ParsedQuery):
    """Annotate ``rank`` and order best first, then newest first."""
    if connection.vendor == "postgresql":
        # Rows indexed before rank_vector existed rank last until rebuild_search_index.
        rank = Coalesce(
            SearchRank(F("rank_vector"), _tsquery(query, ranking=True)),
            Value(0.0),
            output_field=FloatField(),
        )
    else:
        title_hits = [
            Case(
                When(_group_q(group, "title_terms"), then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            for group in query.groups
        ]
        rank = title_hits[0]
        for hit in title_hits[1:]:
            rank = rank + hit
    return queryset.annotate(rank=rank).order_by("-rank", F("date").desc(nulls_last=True), "-pk")


def _tsquery(query: ParsedQuery, ranking: bool = False):
    # For ranking, any of the words counts: a title with one of them ranks above none.
    literal = tsquery_literal(query, joiner=" | " if ranking else " & ")
    return Cast(Value(literal), output_field=SearchQueryField())


# --- Excerpts -------------------------------------------------------------------------

EXCERPT_LENGTH = 260
EXCERPT_LEAD = 70
IS_KHMER_LETTER = re.compile(f"[{KHMER_LETTERS}]")
IS_WORD_CHAR = re.compile(r"(?:[^\W_\u1780-\u17ff\u19e0-\u19ff]|[\u17e0-\u17e9])")
# Where an excerpt may start or end: a space, or the invisible space between Khmer words.
BREAK = re.compile(r"[\s\u200b]+")
SPACES = re.compile(r"\s+")


class Highlighter:
    """Finds the query's words in stored text and marks them, escaping everything else.

    The text is the index's display text: Khmer words separated by U+200B. A word counts
    when its term (stem for English) is one of the query's terms or starts with one of
    its prefixes; for Khmer, also when it and the next word together do. The search runs
    on the text with look-alikes folded and Khmer digits as ASCII (``fold_lookalikes``
    keeps every character where it was), so ្ដ finds ្ត and 37 finds ៣៧; the marks go
    round the original letters. A fast regular expression finds candidates; each is
    checked with the same tokenizer that made the index.
    """

    def __init__(self, query: ParsedQuery):
        self.terms = query.terms
        self.prefixes = tuple(query.prefixes)
        hints = set()
        for term in self.terms | query.prefixes:
            if has_khmer(term):
                # A Khmer term may be stored as two words with a separator in between.
                hints.add(f"{WORD_SEPARATOR}?".join(map(re.escape, term)))
            else:
                hints.add(re.escape(term[:-1] if len(term) > 3 else term))
        pattern = "|".join(sorted(hints, key=len, reverse=True))
        self.candidates = re.compile(pattern, re.IGNORECASE) if pattern else None

    def _hit(self, term: str) -> bool:
        return term in self.terms or term.startswith(self.prefixes)

    def _word_at(self, text: str, start: int) -> tuple[int, int] | None:
        """The span to mark if a matching word starts at ``start`` of the folded text."""
        token = TOKEN.match(text, start)
        if token is None:
            return None
        # Only at the start of a word: not after a letter of the same kind of word
        # (a number right after Khmer letters, as in លើកទី៣៧, starts a word of its own).
        if start:
            before = IS_KHMER_LETTER if token.lastgroup == "khmer" else IS_WORD_CHAR
            if before.match(text, start - 1):
                return None
        if token.lastgroup == "word":
            return token.span() if self._hit(word_term(token.group())) else None
        if self._hit(token.group()):
            return token.span()
        if text.startswith(WORD_SEPARATOR, token.end()):
            following = TOKEN.match(text, token.end() + 1)
            if (
                following
                and following.lastgroup == "khmer"
                and self._hit(token.group() + following.group())
            ):
                return (token.start(), following.end())
        return None

    def matches(self, text: str, start: int = 0, end: int | None = None):
        if self.candidates is None:
            return
        text = fold_lookalikes(text)
        end = len(text) if end is None else end
        position = start
        while position < end:
            candidate = self.candidates.search(text, position, end)
            if candidate is None:
                return
            span = self._word_at(text, candidate.start())
            if span is None:
                position = candidate.start() + 1
                continue
            yield span
            position = span[1]

    def first_match(self, text: str) -> int | None:
        for start, _end in self.matches(text):
            return start
        return None

    def excerpt(self, text: str, at: int | None) -> SafeString:
        """About EXCERPT_LENGTH characters of ``text`` around ``at``, the words marked."""
        begin = 0
        if at is not None and at > EXCERPT_LEAD:
            gap = BREAK.search(text, at - EXCERPT_LEAD, at)
            begin = gap.end() if gap else at - EXCERPT_LEAD
        end = min(len(text), begin + EXCERPT_LENGTH)
        if end < len(text):
            gaps = list(BREAK.finditer(text, begin + EXCERPT_LENGTH // 2, end))
            end = gaps[-1].start() if gaps else end
        # Neighbouring words share one mark (Khmer words have only U+200B between them).
        spans: list[list[int]] = []
        for start, stop in self.matches(text, begin, end):
            if spans and not text[spans[-1][1] : start].replace(WORD_SEPARATOR, "").strip():
                spans[-1][1] = stop
            else:
                spans.append([start, stop])
        pieces = ["… " if begin else ""]
        cursor = begin
        for start, stop in spans:
            pieces.append(_clean(text[cursor:start]))
            pieces.append(f"<mark>{_clean(text[start:stop])}</mark>")
            cursor = stop
        pieces.append(_clean(text[cursor:end]))
        pieces.append(" …" if end < len(text) else "")
        return mark_safe("".join(pieces))


def _clean(text: str) -> str:
    """Escaped, without our invisible word separators, on one line."""
    return escape(SPACES.sub(" ", text.replace(WORD_SEPARATOR, "")))


@dataclass
class Excerpt:
    html: SafeString
    language: str


def best_excerpt(highlighter: Highlighter, texts: list[tuple[str, str]]) -> Excerpt | None:
    """From the first of ``texts`` ((language, text), in order of preference) that has a
    query word, the passage around it; else the start of the first non-empty text."""
    texts = [(language, text) for language, text in texts if text and text.strip()]
    for language, text in texts:
        at = highlighter.first_match(text)
        if at is not None:
            return Excerpt(highlighter.excerpt(text, at), language)
    if texts:
        language, text = texts[0]
        return Excerpt(highlighter.excerpt(text, None), language)
    return None
