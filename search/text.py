"""How text becomes search terms, the same way when indexing and when querying.

* Khmer runs are cut into words (``core.khmer.segment``). Each word is a term, and so is
  each pair of neighbouring words joined back together: if the model cut ``សន្តិសុខ``
  into two pieces in one sentence, the query ``សន្តិសុខ`` still finds it there.
* Other words (Latin script, digits) are lower-cased; English words are stemmed with
  the Snowball English stemmer, the one PostgreSQL's ``english`` configuration uses, so
  "meetings" finds "meeting". Khmer digits count as ASCII digits: ២០២០ finds 2020.

* Before that, one spelling for what looks the same: Khmer syllables in canonical
  character order (``core.khmer.canonical_order``, for the stored text too), then, for
  the terms only, look-alike letters folded (``core.khmer.fold_lookalikes``: ្ដ as ្ត,
  ឲ as ឱ). The stored text keeps the writer's letters; the highlighter folds it the same
  way (the fold keeps positions) to find the words.
* A query word also matches the words it starts (``QueryGroup.prefix``): "សន្តិ" finds
  "សន្តិសុខ", "secur" finds "security".

The terms are made here, in Python, for both databases: PostgreSQL gets them as a
ready-made ``tsvector`` (so its parser and the database's locale play no part), SQLite
as a space-separated list. Both therefore match exactly the same words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from core.khmer import (
    KHMER_LETTERS,
    WORD_SEPARATOR,
    canonical_order,
    fold_lookalikes,
    segment,
    to_ascii_digits,
)

KHMER_DIGIT_CHARS = "\u17e0-\u17e9"
# A Khmer run, or a word of any other script (letters and digits, Khmer digits included).
TOKEN = re.compile(
    f"(?P<khmer>[{KHMER_LETTERS}]+)"
    f"|(?P<word>(?:[^\\W_\u1780-\u17ff\u19e0-\u19ff]|[{KHMER_DIGIT_CHARS}])+)"
)
ASCII_WORD = re.compile(r"[a-z]+")
ASCII_LETTER = re.compile(r"[a-z]")
# Invisible characters inside words (joiners, soft hyphens) are dropped. The zero-width
# space stays: Khmer writers use it between words, and so do we (see Analysed).
INVISIBLE = dict.fromkeys(map(ord, "\u200c\u200d\u2060\ufeff\u00ad"))
# Longer "words" are noise (a URL, a hash); PostgreSQL refuses lexemes over 2 KB anyway.
MAX_TERM_LENGTH = 60
# A query word this long or longer also finds the words it starts (shorter ones would
# find too much: "ក" starts thousands of words). Numbers are never prefixes: 20 is not 2020.
MIN_PREFIX_LENGTH = 3
# Words kept in the vocabulary that "did you mean" suggestions come from.
MIN_VOCABULARY_LENGTH = 2
ALPHABETIC = re.compile(r"[^\W\d_]+")

# Words too common to narrow a query. They are indexed like any word (so a query made only
# of them still works); a query drops them when it has other words.
ENGLISH_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
    ]
)

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Snowball English stem of a lower-case ASCII word (meetings -> meet)."""
    return _stemmer.stemWord(word)


def normalise(text: str) -> str:
    """NFC without invisible joiners, Khmer in canonical order: the form both indexing
    and queries start from (and the text excerpts are cut from)."""
    return canonical_order(unicodedata.normalize("NFC", text or "").translate(INVISIBLE))


def khmer_term(word: str) -> str:
    """The term of a Khmer word: look-alike letters folded (្ដ as ្ត, ឲ as ឱ)."""
    return fold_lookalikes(word)


def word_term(word: str) -> str:
    """The term of a non-Khmer word: ASCII digits, lower case, English stem."""
    word = to_ascii_digits(word).lower()
    return stem(word) if ASCII_WORD.fullmatch(word) else word


def vocabulary_word(word: str, khmer: bool) -> str:
    """How a word is kept in the vocabulary for suggestions ("" if it is not kept):
    Khmer words folded, other words in lower case as written (not stemmed: a
    suggestion is shown to people). Numbers are not kept."""
    if khmer:
        return khmer_term(word) if MIN_VOCABULARY_LENGTH <= len(word) <= MAX_TERM_LENGTH else ""
    word = word.lower()
    if ALPHABETIC.fullmatch(word) and MIN_VOCABULARY_LENGTH < len(word) <= MAX_TERM_LENGTH:
        return word
    return ""


@dataclass
class Analysed:
    """A text made ready for the index.

    ``display`` is the text with a zero-width space between Khmer words (invisible on
    screen, and where a Khmer line may break anyway); excerpts are cut from it.
    ``positions`` holds, for each word in order, the terms found at that place: the
    word's own term and, for Khmer, the term of the word joined with the next one.
    """

    display: str
    positions: list[tuple[str, ...]] = field(default_factory=list)
    # The words as ``vocabulary_word`` keeps them, for "did you mean" suggestions.
    words: set[str] = field(default_factory=set)


def analyse(text: str) -> Analysed:
    text = normalise(text)
    display: list[str] = []
    positions: list[tuple[str, ...]] = []
    words_seen: set[str] = set()
    last = 0
    for match in TOKEN.finditer(text):
        display.append(text[last : match.start()])
        last = match.end()
        if match.lastgroup == "khmer":
            words = segment(match.group())
            display.append(WORD_SEPARATOR.join(words))
            folded = [khmer_term(word) for word in words]
            for index, word in enumerate(folded):
                terms = [word]
                if index + 1 < len(folded):
                    terms.append(word + folded[index + 1])
                positions.append(tuple(t for t in terms if len(t) <= MAX_TERM_LENGTH))
                words_seen.add(vocabulary_word(words[index], khmer=True))
        else:
            display.append(match.group())
            term = word_term(match.group())
            if len(term) <= MAX_TERM_LENGTH:
                positions.append((term,))
            words_seen.add(vocabulary_word(match.group(), khmer=False))
    display.append(text[last:])
    words_seen.discard("")
    return Analysed("".join(display), [p for p in positions if p], words_seen)


@dataclass(frozen=True)
class QueryGroup:
    """One thing the user typed: an English word, or a Khmer run cut into words.

    A result must contain every group. A group of several Khmer words matches when the
    text has all of its words, or has the whole run as one word, or a word that starts
    with ``prefix`` (the run, or the English word's stem).
    ``text`` is what was typed (folded, lower case), for suggestions.
    """

    terms: tuple[str, ...]
    joined: str = ""
    prefix: str = ""
    text: str = ""

    @property
    def all_terms(self) -> tuple[str, ...]:
        return self.terms + ((self.joined,) if self.joined else ())


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    groups: tuple[QueryGroup, ...]

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def terms(self) -> frozenset[str]:
        """Every term the highlighter should mark."""
        return frozenset(term for group in self.groups for term in group.all_terms)

    @property
    def prefixes(self) -> frozenset[str]:
        """Every prefix: the highlighter marks the words that start with one."""
        return frozenset(group.prefix for group in self.groups if group.prefix)


MAX_QUERY_LENGTH = 200
MAX_QUERY_GROUPS = 12


def parse_query(text: str) -> ParsedQuery:
    """What the user typed, as groups of terms. Punctuation alone gives an empty query."""
    text = normalise(text)[:MAX_QUERY_LENGTH].strip()
    groups: list[QueryGroup] = []
    seen: set[QueryGroup] = set()
    for match in TOKEN.finditer(text):
        if match.lastgroup == "khmer":
            run = khmer_term(match.group())
            words = tuple(
                khmer_term(w) for w in segment(match.group()) if len(w) <= MAX_TERM_LENGTH
            )
            group = QueryGroup(
                words,
                joined=run if len(words) > 1 else "",
                prefix=run if MIN_PREFIX_LENGTH <= len(run) <= MAX_TERM_LENGTH else "",
                text=run,
            )
        else:
            term = word_term(match.group())
            if len(term) > MAX_TERM_LENGTH:
                continue
            prefixable = (
                ALPHABETIC.fullmatch(term)
                and len(term) >= MIN_PREFIX_LENGTH
                and term not in ENGLISH_STOP_WORDS
            )
            group = QueryGroup(
                (term,), prefix=term if prefixable else "", text=match.group().lower()
            )
        if group.terms and group not in seen:
            seen.add(group)
            groups.append(group)
    # "the", "of", or the "s" of "NSSF's": too common to require when other words remain.
    meaningful = [
        g
        for g in groups
        if not (
            len(g.terms) == 1
            and not g.joined
            and (g.terms[0] in ENGLISH_STOP_WORDS or ASCII_LETTER.fullmatch(g.terms[0]))
        )
    ]
    return ParsedQuery(text, tuple((meaningful or groups)[:MAX_QUERY_GROUPS]))
