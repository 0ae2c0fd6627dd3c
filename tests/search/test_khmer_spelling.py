"""Search that forgives how Khmer is typed, through the results page, on either database.

Run on SQLite by default and on PostgreSQL with DATABASE_URL=postgres://...: the terms
are made in Python, so both must find the same rows.
"""

import pytest
from django.core.management import call_command

from search.models import SearchWord
from tests.factories import ArticleFactory, EventFactory

pytestmark = pytest.mark.django_db

# "Social security" with subscript TA (្ត) and with subscript DA (្ដ): they look the same.
WITH_TA = "សន្តិសុខ"
WITH_DA = "សន្ដិសុខ"


def found(response) -> list:
    return [result.obj for result in response.context["outcome"].results]


def test_subscript_da_and_ta_spellings_find_the_same_results(search):
    ta = ArticleFactory(title_en="TA", body_km=f"<p>បេឡាជាតិរបប{WITH_TA}សង្គម។</p>")
    da = ArticleFactory(title_en="DA", body_km=f"<p>បេឡាជាតិរបប{WITH_DA}សង្គម។</p>")
    assert WITH_TA != WITH_DA
    by_ta = found(search(WITH_TA, "km"))
    by_da = found(search(WITH_DA, "km"))
    assert set(by_ta) == set(by_da) == {ta, da}


def test_both_spellings_of_qoo_find_the_same_results(search):
    # ឲ្យ and ឱ្យ ("to give"): two code points for one letter shape.
    first = ArticleFactory(title_en="One", body_km="<p>ឲ្យកម្មករទទួលបានប្រាក់។</p>")
    second = ArticleFactory(title_en="Two", body_km="<p>ឱ្យកម្មករទទួលបានប្រាក់។</p>")
    assert set(found(search("ឲ្យ", "km"))) == set(found(search("ឱ្យ", "km"))) == {first, second}


def test_samyok_sannya_read_as_toandakhiat_finds_the_same_results(search):
    # ស្ថាប័ន ("institution") as OCR often reads it, with ៍ for ័: the word is found, and
    # words that end in ៍ (របាយការណ៍) still find themselves and each other's spelling.
    typed = ArticleFactory(title_en="Typed", body_km="<p>ស្ថាប័នសមាជិកបានផ្ញើរបាយការណ៍។</p>")
    scanned = ArticleFactory(title_en="Scanned", body_km="<p>ស្ថាប៍នសមាជិកបានផ្ញើរបាយការណ៍។</p>")
    assert set(found(search("ស្ថាប័ន", "km"))) == set(found(search("ស្ថាប៍ន", "km")))
    assert set(found(search("ស្ថាប័ន", "km"))) == {typed, scanned}
    assert set(found(search("របាយការណ៍", "km"))) == {typed, scanned}
    html = search("ស្ថាប័ន", "km").content.decode()
    assert "<mark>ស្ថាប៍ន</mark>" in html and "<mark>ស្ថាប័ន</mark>" in html


def test_vowels_typed_in_another_order_find_the_same_results(search):
    # ើ typed as one vowel sign, or as េ followed by ី (the screen shows the same).
    article = ArticleFactory(title_en="Order", body_km="<p>ការអភិវឌ្ឍន៍ដើម្បីកម្មករ។</p>")
    assert found(search("ដេីម្បី", "km")) == [article]


def test_the_start_of_a_khmer_word_finds_it(search):
    article = ArticleFactory(title_en="Start", body_km="<p>បេឡាជាតិរបបសន្តិសុខសង្គម។</p>")
    ArticleFactory(title_en="Other", body_km="<p>សុខភាពរបស់កម្មករ។</p>")
    response = search("សន្តិ", "km")
    assert found(response) == [article]
    assert "<mark>សន្តិសុខ</mark>" in response.context["outcome"].results[0].excerpt.html


def test_the_start_of_an_english_word_finds_it(search):
    event = EventFactory(title_en="Actuarial valuation workshop")
    assert found(search("actuar")) == [event]


def test_the_start_of_a_number_does_not_find_other_numbers(search):
    ArticleFactory(title_en="Report", body_en="<p>Figures for 2020.</p>")
    assert found(search("20")) == []


def test_khmer_excerpt_shows_on_khmer_pages_when_the_khmer_text_matches(search):
    article = ArticleFactory(
        title_en="Board meeting",
        title_km="កិច្ចប្រជុំ",
        body_en="<p>The board met online; social security was discussed.</p>",
        body_km=f"<p>ក្រុមប្រឹក្សាភិបាលបានពិភាក្សាអំពី{WITH_DA}សង្គម។</p>",
    )
    # Typed with the other subscript than the text: still the Khmer excerpt, marked
    # (the stored text is in canonical order, which writes subscript DA as TA).
    response = search(WITH_TA, "km")
    [result] = response.context["outcome"].results
    assert result.obj == article
    assert result.excerpt.language == "km"
    assert f"<mark>{WITH_TA}</mark>សង្គម" in result.excerpt.html
    assert 'lang="km"' in response.content.decode()


def test_khmer_digits_are_highlighted_with_the_word_before_them(search):
    ArticleFactory(
        title_en="37th board meeting",
        body_km="<p>កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាលលើកទី៣៧ធ្វើឡើងតាមអនឡាញ។</p>",
    )
    excerpt = search("លើកទី៣៧", "km").context["outcome"].results[0].excerpt.html
    assert "<mark>លើកទី៣៧</mark>" in excerpt


def test_latin_digits_in_a_query_highlight_khmer_digits(search):
    ArticleFactory(title_en="Meeting", body_km="<p>ឆ្នាំ២០២០ និងឆ្នាំ២០២១។</p>")
    excerpt = search("2020", "km").context["outcome"].results[0].excerpt.html
    assert "<mark>២០២០</mark>" in excerpt
    assert "<mark>២០២១</mark>" not in excerpt


def test_a_one_letter_khmer_typo_gets_a_suggestion_that_finds_it(search):
    article = ArticleFactory(title_en="Typo", body_km="<p>បេឡាជាតិរបបសន្តិសុខសង្គម។</p>")
    response = search("សន្តិសុក", "km")  # ក for ខ
    outcome = response.context["outcome"]
    assert found(response) == []
    assert outcome.suggestion == WITH_TA
    html = response.content.decode()
    assert f">{WITH_TA}</a>" in html
    assert found(search(outcome.suggestion, "km")) == [article]


def test_a_one_letter_english_typo_gets_a_suggestion(search):
    event = EventFactory(title_en="Actuarial valuation workshop")
    response = search("valuatoin workshop")  # two letters swapped count as one change
    assert response.context["outcome"].suggestion == "valuation workshop"
    assert found(search("valuation workshop")) == [event]


def test_no_suggestion_for_words_far_from_the_vocabulary(search):
    ArticleFactory(title_en="Pension reform")
    response = search("zebra")
    assert response.context["outcome"].suggestion == ""
    assert "search-suggestion" not in response.content.decode()


def test_no_suggestion_that_would_find_only_unpublished_content(search):
    ArticleFactory(title_en="Maternity benefits", status="draft")
    ArticleFactory(title_en="Pension reform")
    assert search("maternitx").context["outcome"].suggestion == ""


def test_a_full_rebuild_keeps_only_the_words_still_indexed():
    article = ArticleFactory(title_en="Actuarial valuation")
    article.title_en = "Pension reform"
    article.save()
    assert SearchWord.objects.filter(word="actuarial").exists()  # words are only added
    call_command("rebuild_search_index", "--no-progress", verbosity=0)
    assert not SearchWord.objects.filter(word="actuarial").exists()
    assert SearchWord.objects.filter(word="pension").exists()
