"""Khmer script helpers: digits, and word segmentation for search.

Khmer is written without spaces between words; spaces mark phrases or sentences. To
find a word inside ``បេឡាជាតិរបបសន្តិសុខសង្គម`` the text is cut into words with
khmer-nltk's CRF model (``segment``). Search does this once when it indexes a text and
once per query; nothing else needs it.
"""

import logging
import re
from functools import lru_cache

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
ASCII_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")

# Letters, vowels and signs of the Khmer blocks: what a Khmer word is made of. Left out:
# punctuation (។ ៕ ៖ ៗ ៘ ៙ ៚ ៛) and digits (០-៩), which end a word like a space does.
KHMER_LETTERS = "\u1780-\u17d3\u17d7\u17dc\u17dd\u19e0-\u19ff"
KHMER_RUN = re.compile(f"[{KHMER_LETTERS}]+")
# The invisible word separator of Khmer typesetting: a line may break there.
WORD_SEPARATOR = "\u200b"

logger = logging.getLogger(__name__)


def to_khmer_digits(text: str) -> str:
    """Write the ASCII digits of ``text`` as Khmer digits (០១២៣៤៥៦៧៨៩)."""
    return str(text).translate(KHMER_DIGITS)


def to_ascii_digits(text: str) -> str:
    """Write the Khmer digits of ``text`` as ASCII digits (for parsing what people type)."""
    return str(text).translate(ASCII_DIGITS)


def has_khmer(text: str) -> bool:
    return bool(KHMER_RUN.search(text or ""))


@lru_cache(maxsize=1)
def _tokenizer():
    # Imported on first use: it brings in scikit-learn and loads a model (about a second),
    # which pages without Khmer search never need.
    from khmernltk import word_tokenize

    # It announces loading its model at INFO level through a handler of its own.
    logging.getLogger("khmer-nltk").setLevel(logging.WARNING)
    return word_tokenize


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
