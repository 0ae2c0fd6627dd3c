"""Khmer script helpers: digits, spelling normalisation and word segmentation for search.

Khmer is written without spaces between words; spaces mark phrases or sentences. To
find a word inside ``បេឡាជាតិរបបសន្តិសុខសង្គម`` the text is cut into words with
khmer-nltk's CRF model, run by khmercut (python-crfsuite only) (``segment``). Search does this once when it indexes a text and
once per query; nothing else needs it.

The same word can be typed in more than one way. ``canonical_order`` puts the characters
of each syllable in the order SIL's Khmer character specification defines (what a
keyboard produces depends on the order the writer pressed the keys; the screen shows
the same thing). ``fold_lookalikes`` goes further, for matching only: letters that look
the same on screen count as one (see LOOKALIKES).
"""

import logging
import re
from functools import lru_cache

import khmercut
from django.utils.translation import get_language, gettext_noop, ngettext_lazy, pgettext_lazy
from khmerspell.khnormal import khnormal

KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
ASCII_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")

# Letters, vowels and signs of the Khmer blocks: what a Khmer word is made of. Left out:
# punctuation (។ ៕ ៖ ៗ ៘ ៙ ៚ ៛) and digits (០-៩), which end a word like a space does.
KHMER_LETTERS = "\u1780-\u17d3\u17d7\u17dc\u17dd\u19e0-\u19ff"
KHMER_RUN = re.compile(f"[{KHMER_LETTERS}]+")
# The invisible word separator of Khmer typesetting: a line may break there.
WORD_SEPARATOR = "\u200b"

logger = logging.getLogger(__name__)

# --- Spelling: one form for what looks the same -------------------------------------------

# Characters Unicode deprecates, written the recommended way: U+17A3 and U+17A4 (use អ and
# អា), and the invisible inherent vowels U+17B4 and U+17B5, which only get in the way.
DEPRECATED = {"\u17a3": "\u17a2", "\u17a4": "\u17a2\u17b6", "\u17b4": None, "\u17b5": None}
DEPRECATED_TABLE = str.maketrans(DEPRECATED)

# A syllable as SIL's khnormal sees it: a base (consonant or independent vowel) with the
# signs that follow it; a base after COENG (U+17D2) or ZWJ is a subscript of the syllable.
_BASE = "\u1780-\u17a2\u17a5-\u17b3"
SYLLABLE = re.compile(
    f"(?<![\u17d2\u200d])[{_BASE}](?:[\u17b6-\u17d1\u17d3\u17dd\u200c]|[\u17d2\u200d]+[{_BASE}]?)*"
)


@lru_cache(maxsize=20_000)
def _canonical_syllable(syllable: str) -> str:
    return khnormal(syllable)


def canonical_order(text: str) -> str:
    """``text`` with every Khmer syllable in canonical character order (SIL's khnormal).

    Vowel and sign order typed differently (ក + េ + ី or ក + ើ, ស្រ្តី or ស្ត្រី) comes out
    the same; khnormal also writes COENG DA as COENG TA (see LOOKALIKES). It is applied
    syllable by syllable, each one remembered, because khnormal itself takes about 0.1 ms
    a syllable; the result is the same as khnormal on the whole text (a test checks it).
    """
    text = (text or "").translate(DEPRECATED_TABLE)
    return SYLLABLE.sub(lambda match: _canonical_syllable(match.group()), text)


# Letters a reader cannot tell apart, folded into one for matching (never for display).
# Each fold keeps the length, so a position in the folded text is one in the original.
LOOKALIKES = {
    # ឲ (QOO TYPE TWO) is a variant form of ឱ (QOO TYPE ONE): ឲ្យ and ឱ្យ are one word.
    "\u17b2": "\u17b1",
    # ៍ (TOANDAKHIAT) and ័ (SAMYOK SANNYA), two small marks above a letter: Tesseract reads
    # ស្ថាប័ន ("institution") as ស្ថាប៍ន in most scans (documents.ocr). They tell no two
    # words apart: ័ sits inside a word (ស្ថាប័ន, ជ័យ), ៍ on its last letter (របាយការណ៍).
    "\u17cd": "\u17d0",
}
# Subscript DA (្ដ) and subscript TA (្ត) are drawn alike in modern fonts and used
# interchangeably (ICANN's Khmer label rules list them as variants; khnormal writes ្ត).
COENG_DA = re.compile("\u17d2\u178a")
LOOKALIKE_TABLE = {**str.maketrans(LOOKALIKES), **ASCII_DIGITS}


def fold_lookalikes(text: str) -> str:
    """The form used for matching: look-alike letters folded, Khmer digits as ASCII.

    Same length as ``text``. Not folded, on purpose: ឪ (as in ឪពុក, father) is its own
    letter, not ឱ្យ; ឫ/ឬ and ឭ/ឮ differ in meaning (ឬ is "or"), and a one-letter slip
    between them gets a "did you mean" suggestion instead.
    """
    return COENG_DA.sub("\u17d2\u178f", text.translate(LOOKALIKE_TABLE))


def to_khmer_digits(text: str) -> str:
    """Write the ASCII digits of ``text`` as Khmer digits (០១២៣៤៥៦៧៨៩)."""
    return str(text).translate(KHMER_DIGITS)


def to_ascii_digits(text: str) -> str:
    """Write the Khmer digits of ``text`` as ASCII digits (for parsing what people type)."""
    return str(text).translate(ASCII_DIGITS)


def page_digits(text) -> str:
    """``text`` with Khmer digits when the active language is Khmer, else unchanged."""
    return to_khmer_digits(text) if get_language() == "km" else str(text)


def has_khmer(text: str) -> bool:
    return bool(KHMER_RUN.search(text or ""))


def written_in_khmer(text: str) -> bool:
    """Whether ``text`` is mostly Khmer: more Khmer characters than Latin letters.

    "ការពង្រីកសន្តិសុខសង្គម" and "សាររបស់ប្រធាន ASSA" are; "Cambodia 2020 (កម្ពុជា)" is not.
    Digits and punctuation count for neither.
    """
    text = text or ""
    khmer = sum(len(run) for run in KHMER_RUN.findall(text))
    latin = sum(1 for char in text if char.isascii() and char.isalpha())
    return khmer > latin


@lru_cache(maxsize=1)
def _tokenizer():
    # The model (8 MB) is opened on first use: pages without Khmer search never need it.
    khmercut.load()
    return khmercut.tokenize


def load_segmenter() -> None:
    """Load the word segmentation model now rather than on the first Khmer text.

    gunicorn calls it in its master process (gunicorn.conf.py), so the workers it forks
    share one copy of the model instead of each loading its own on a first Khmer search.
    """
    segment("សន្តិសុខសង្គម")


def segment(run: str) -> list[str]:
    """The words of ``run``, a stretch of Khmer letters without spaces, in order.

    ``segment("បេឡាជាតិរបបសន្តិសុខសង្គម")`` gives
    ``["បេឡា", "ជាតិ", "របប", "សន្តិសុខ", "សង្គម"]``. The words always join back to
    ``run``: if the model ever returned anything else, the run is kept as one word.
    """
    if not run:
        return []
    if len(run) == 1:
        return [run]
    try:
        words = [word for word in _tokenizer()(run) if word and not word.isspace()]
    except Exception:  # pragma: no cover - a broken model must not break saving or searching
        logger.exception("Khmer word segmentation failed; keeping the run whole")
        return [run]
    if "".join(words) != run:
        return [run]
    return words


def segment_text(text: str, separator: str = WORD_SEPARATOR) -> str:
    """``text`` with ``separator`` (an invisible zero-width space) between Khmer words.

    Everything else is left as it was, so removing the separators gives ``text`` back.
    """
    return KHMER_RUN.sub(lambda match: separator.join(segment(match.group())), text or "")


# Django's own Khmer catalogue spells March "មិនា"; the usual spelling is "មីនា". Marking the
# month here puts it in the project's catalogue (locale/km), which Django reads before its own.
MONTH_SPELLING_FIXES = (
    gettext_noop("March"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("abbrev. month", "March"),
)

# Django's Khmer catalogue leaves file sizes in bytes untranslated ("៦៦៩ bytes").
FILE_SIZE_WORDS = (ngettext_lazy("%(size)d byte", "%(size)d bytes", "size"),)
