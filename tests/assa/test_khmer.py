import datetime

from django.template import Context, Template
from django.utils import translation

from core.khmer import to_ascii_digits, to_khmer_digits


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
