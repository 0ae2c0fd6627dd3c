import datetime
import random

from django.template import Context, Template
from django.utils import translation
from khmerspell.khnormal import khnormal

from core.khmer import canonical_order, fold_lookalikes, to_ascii_digits, to_khmer_digits


def render(source: str, **context) -> str:
    return Template("{% load assa %}" + source).render(Context(context))


def test_digits_round_trip():
    assert to_khmer_digits("2020-12-09") == "២០២០-១២-០៩"
    assert to_ascii_digits("៣,១២០,២០៨") == "3,120,208"


def test_numbers_are_grouped_and_written_in_khmer_digits_on_khmer_pages():
    with translation.override("km"):
        assert render("{{ n|number }}", n=3120208) == "៣,១២០,២០៨"
    with translation.override("en"):
        assert render("{{ n|number }}", n=3120208) == "3,120,208"


def test_dates_use_khmer_month_names_and_digits():
    day = datetime.date(2020, 12, 9)
    with translation.override("km"):
        assert render("{{ d|ldate }}", d=day) == "៩ ខែ ធ្នូ ឆ្នាំ ២០២០"
    with translation.override("en"):
        assert render("{{ d|ldate }}", d=day) == "9 December 2020"


def test_march_has_its_usual_khmer_spelling():
    # Django's own catalogue writes "មិនា"; the project's catalogue corrects it.
    with translation.override("km"):
        assert render("{{ d|ldate }}", d=datetime.date(2022, 3, 1)) == "១ ខែ មីនា ឆ្នាំ ២០២២"


def test_small_file_sizes_are_in_khmer_too():
    with translation.override("km"):
        assert render("{{ n|filesizeformat|digits }}", n=669) == "៦៦៩\xa0បៃ"


def test_canonical_order_gives_what_khnormal_gives_for_the_whole_text():
    # It works syllable by syllable (and remembers each one) for speed: same result.
    rng = random.Random(15)
    alphabet = [chr(c) for c in range(0x1780, 0x17DE) if c not in (0x17A3, 0x17A4, 0x17B4, 0x17B5)]
    alphabet += ["\u200c", "\u200d", " ", "a"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        assert canonical_order(text) == khnormal(text), repr(text)


def test_canonical_order_of_what_typists_type():
    assert canonical_order("កេី") == "កើ"  # េ + ី typed for ើ
    assert canonical_order("ស្រ្តី") == "ស្ត្រី"  # subscript RO typed first
    assert canonical_order("\u17a4\u179f\u17b4") == "អាស"  # deprecated letters


def test_lookalikes_are_folded_for_matching_keeping_the_length():
    assert fold_lookalikes("សន្ដិសុខ") == fold_lookalikes("សន្តិសុខ") == "សន្តិសុខ"
    assert fold_lookalikes("ឲ្យ") == "ឱ្យ"
    assert fold_lookalikes("លើកទី៣៧") == "លើកទី37"
    # Different letters stay different: ឪ (as in ឪពុក) is not ឱ្យ; ឬ ("or") is not ឫ.
    assert fold_lookalikes("ឪ") == "ឪ"
    assert fold_lookalikes("ឫ") != fold_lookalikes("ឬ")
