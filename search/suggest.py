""" "Did you mean": for a query that found nothing, the nearest words of the index's own
vocabulary (``SearchWord``), offered only if they find something.

For each thing typed (a Khmer run or an English word): if the vocabulary has it, it
stays; otherwise the closest word by edit distance (one change for words of up to four
letters, two for longer ones; swapping two neighbours counts as one change) among the
words with the same first letter and a length within that distance. A Khmer run that no
word is close to is tried word by word. The candidates come from the same index on both
databases; PostgreSQL with pg_trgm reads the most similar ``MAX_CANDIDATES`` of them
(trigram similarity), SQLite all of them, and the choice is made here, in Python, the
same way for both. A typo in the first letter gets no suggestion.
"""

from __future__ import annotations

from functools import lru_cache

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection

from search.models import SearchEntry, SearchWord
from search.text import ParsedQuery, parse_query

MAX_CANDIDATES = 200
# Suggestions for longer queries would cost a query per word.
MAX_SUGGESTION_GROUPS = 4


def allowed_distance(word: str) -> int:
    return 1 if len(word) <= 4 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, or ``limit + 1`` as soon as it is over ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@lru_cache(maxsize=1)
def _has_trigram() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def nearest_word(word: str) -> str | None:
    """``word`` if the vocabulary has it, else its nearest neighbour, else None."""
    if not word:
        return None
    limit = allowed_distance(word)
    candidates = SearchWord.objects.filter(
        first=word[0], length__gte=len(word) - limit, length__lte=len(word) + limit
    )
    if connection.vendor == "postgresql" and _has_trigram():
        candidates = candidates.annotate(similarity=TrigramSimilarity("word", word)).order_by(
            "-similarity"
        )[:MAX_CANDIDATES]
    best: tuple[int, int, str] | None = None
    for candidate in candidates.values_list("word", flat=True):
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            key = (distance, abs(len(candidate) - len(word)), candidate)
            best = min(best, key) if best else key
    return best[2] if best else None


def suggest(query: ParsedQuery) -> str:
    """A query that finds something, made of the nearest known words, or ""."""
    if not query or len(query.groups) > MAX_SUGGESTION_GROUPS:
        return ""
    pieces = []
    for group in query.groups:
        nearest = nearest_word(group.text)
        if nearest is None and len(group.terms) > 1:
            # A Khmer run of several words: mend the words one by one.
            nearest = "".join(nearest_word(term) or term for term in group.terms)
        pieces.append(nearest or group.text)
    suggestion = " ".join(pieces)
    if suggestion == " ".join(group.text for group in query.groups):
        return ""
    if not SearchEntry.objects.visible().matching(parse_query(suggestion)).exists():
        return ""
    return suggestion
