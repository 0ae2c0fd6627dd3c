"""How text becomes terms: Khmer segmentation, English stems, digits, queries."""

from core.khmer import WORD_SEPARATOR, segment, segment_text
from search.index import tsvector_literal
from search.query import tsquery_literal
from search.text import analyse, parse_query


def terms_of(text: str) -> set[str]:
    return {term for position in analyse(text).positions for term in position}


def test_khmer_run_is_cut_into_words():
    assert segment("បេឡាជាតិរបបសន្តិសុខសង្គម") == ["បេឡា", "ជាតិ", "របប", "សន្តិសុខ", "សង្គម"]


def test_segmented_text_keeps_the_text_and_separates_words_invisibly():
    text = "NSSF គឺជាបេឡាជាតិរបបសន្តិសុខសង្គម។"
    segmented = segment_text(text)
    assert segmented.replace(WORD_SEPARATOR, "") == text
    assert f"{WORD_SEPARATOR}សន្តិសុខ{WORD_SEPARATOR}" in segmented


def test_khmer_words_and_neighbouring_pairs_are_terms():
    terms = terms_of("បេឡាជាតិរបបសន្តិសុខសង្គម")
    assert {"សន្តិសុខ", "សង្គម", "សន្តិសុខសង្គម"} <= terms
    assert "បេឡាជាតិរបបសន្តិសុខសង្គម" not in terms


def test_english_words_are_stemmed_like_postgresql_english():
    assert terms_of("Meetings of the policies") == {"meet", "of", "the", "polici"}


def test_khmer_digits_are_the_same_terms_as_ascii_digits():
    assert terms_of("ឆ្នាំ២០២០") >= {"2020"}
    assert parse_query("២០២០").terms == {"2020"}


def test_query_of_punctuation_only_is_empty():
    assert not parse_query(" ?!… ។ -- ")
    assert not parse_query("")


def test_query_groups_khmer_run_with_its_joined_form():
    query = parse_query("សន្តិសុខសង្គម meetings")
    assert [group.terms for group in query.groups] == [("សន្តិសុខ", "សង្គម"), ("meet",)]
    assert query.groups[0].joined == "សន្តិសុខសង្គម"
    assert query.groups[0].prefix == "សន្តិសុខសង្គម"
    assert tsquery_literal(query) == "(('សន្តិសុខ' & 'សង្គម') | 'សន្តិសុខសង្គម':*) & 'meet':*"


def test_common_words_are_dropped_from_a_query_with_other_words():
    assert parse_query("minutes of the meeting").terms == {"minut", "meet"}
    assert parse_query("the").terms == {"the"}
    assert parse_query("NSSF's members").terms == {"nssf", "member"}


def test_tsvector_literal_has_positions_weights_and_quotes():
    literal = tsvector_literal({"meet": [(1, "A"), (5, "D")], "o'neil": [(2, "C")]})
    assert literal == "'meet':1A,5 'o''neil':2C"
