"""The results page, through the client, on whichever database the tests run on."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from documents.services import create_document, reject_document
from search.models import SearchEntry
from tests.conftest import SITE_CHROME_QUERIES
from tests.factories import (
    ArticleFactory,
    DocumentFactory,
    EventFactory,
    MemberInstitutionFactory,
    PresentationFactory,
    SecretariatUserFactory,
)
from tests.search.pdfs import text_pdf

pytestmark = pytest.mark.django_db

UNSPACED = "ក្រុមការងារនៃបេឡាជាតិរបបសន្តិសុខសង្គមបានជួបប្រជុំគ្នានៅភ្នំពេញ។"


def found(response) -> list:
    return [result.obj for result in response.context["outcome"].results]


def test_khmer_word_inside_unspaced_text_is_found(search):
    article = ArticleFactory(title_km="ព័ត៌មានថ្មី", body_km=f"<p>{UNSPACED}</p>")
    assert found(search("សន្តិសុខ", "km")) == [article]
    assert found(search("សង្គម", "km")) == [article]


def test_khmer_word_not_in_the_text_finds_nothing(search):
    ArticleFactory(title_km="ព័ត៌មានថ្មី", body_km=f"<p>{UNSPACED}</p>")
    response = search("សុខភាព", "km")
    assert response.status_code == 200
    assert found(response) == []
    assert "Nothing found" in response.content.decode() or "រកមិនឃើញ" in response.content.decode()


def test_khmer_phrase_typed_without_spaces_is_found(search):
    article = ArticleFactory(body_km=f"<p>{UNSPACED}</p>")
    ArticleFactory(body_km="<p>សង្គមស៊ីវិលបានចូលរួម។</p>")
    assert found(search("សន្តិសុខសង្គម")) == [article]


def test_english_words_are_found_in_other_forms(search):
    event = EventFactory(title_en="Annual meeting of the board")
    assert found(search("meetings")) == [event]
    assert found(search("MEETING")) == [event]
    assert found(search("boards")) == [event]


def test_phrase_from_a_pdf_finds_the_document(search, nssf):
    document = create_document(
        SimpleUploadedFile(
            "portability.pdf",
            text_pdf("Portability of pension rights", "among ASEAN member states."),
        ),
        original_name="portability.pdf",
        title_en="Research paper",
        status="approved",
        institution=nssf,
    )
    response = search("pension rights portability")
    assert found(response) == [document]
    excerpt = response.context["outcome"].results[0].excerpt.html
    assert "<mark>Portability</mark>" in excerpt
    assert "<mark>pension rights</mark>" in excerpt


def test_mixed_khmer_and_english_query_needs_both(search):
    both = ArticleFactory(title_en="NSSF news", body_km=f"<p>{UNSPACED}</p>")
    ArticleFactory(title_en="Other news", body_km=f"<p>{UNSPACED}</p>")
    ArticleFactory(title_en="NSSF in English only")
    assert found(search("NSSF សន្តិសុខ")) == [both]


def test_unpublished_content_is_never_found(search):
    ArticleFactory(title_en="Draft payroll report", status="draft")
    EventFactory(title_en="Hidden payroll meeting", is_published=False)
    DocumentFactory(title_en="Submitted payroll paper", status="submitted")
    MemberInstitutionFactory(name_en="Payroll fund", is_active=False)
    assert found(search("payroll")) == []
    # Only the documents' (active) institutions made by the factories are in the index.
    assert set(SearchEntry.objects.values_list("kind", flat=True)) == {"member"}


def test_scheduled_news_waits_for_its_time(search, monkeypatch):
    later = timezone.now() + datetime.timedelta(days=2)
    article = ArticleFactory(title_en="Pension reform announced", published_at=later)
    assert found(search("pension")) == []
    # Nothing is reindexed when the time comes: the query compares with the clock.
    monkeypatch.setattr(timezone, "now", lambda: later + datetime.timedelta(minutes=1))
    assert found(search("pension")) == [article]


def test_index_follows_an_edit(search):
    article = ArticleFactory(title_en="Maternity benefits")
    article.title_en = "Unemployment insurance"
    article.save()
    assert found(search("maternity")) == []
    assert found(search("unemployment")) == [article]


def test_unpublishing_removes_from_the_index(search):
    event = EventFactory(title_en="Pension seminar")
    assert found(search("pension")) == [event]
    event.is_published = False
    event.save()
    assert found(search("pension")) == []
    assert not SearchEntry.objects.filter(kind="event").exists()


def test_rejected_document_is_removed(search, nssf):
    document = DocumentFactory(title_en="Actuarial valuation", institution=nssf)
    assert found(search("actuarial")) == [document]
    reject_document(document, SecretariatUserFactory(), "Wrong file")
    assert found(search("actuarial")) == []


def test_deleting_removes_from_the_index(search, nssf):
    document = DocumentFactory(title_en="Actuarial valuation", institution=nssf)
    member = MemberInstitutionFactory(name_en="Actuarial office")
    document.delete()
    member.delete()
    assert found(search("actuarial")) == []
    assert not SearchEntry.objects.filter(kind="document").exists()
    assert not SearchEntry.objects.filter(object_id=member.pk, kind="member").exists()


def test_an_event_is_found_by_its_programme(search):
    event = EventFactory(title_en="Cambodia 2020")
    presentation = PresentationFactory(
        event=event, title_en="Covid-19 and coverage", speaker_name="Jens Schremmer"
    )
    assert found(search("Schremmer")) == [event]
    presentation.delete()
    assert found(search("Schremmer")) == []


def test_member_institution_is_found_by_khmer_name_and_acronym(search, nssf):
    assert found(search("សន្តិសុខ", "km")) == [nssf]
    assert found(search("nssf")) == [nssf]


def test_excerpt_marks_the_words_and_escapes_everything_else(search):
    ArticleFactory(
        title_en="Board news",
        body_en="<p>Tom &amp; Jerry wrote &lt;script&gt;alert(1)&lt;/script&gt; before the meetings.</p>",
    )
    response = search("meeting")
    html = response.content.decode()
    assert "<mark>meetings</mark>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_khmer_excerpt_marks_whole_words_only(search):
    ArticleFactory(body_km=f"<p>{UNSPACED}</p>")
    excerpt = search("សន្តិសុខ", "km").context["outcome"].results[0].excerpt
    assert excerpt.language == "km"
    assert "របប<mark>សន្តិសុខ</mark>សង្គម" in excerpt.html
    assert "\u200b" not in excerpt.html


def test_title_in_the_page_language_with_fallback(search):
    ArticleFactory(title_en="Pension news", title_km="ព័ត៌មានសោធន", body_en="<p>pension</p>")
    ArticleFactory(title_en="Pension only in English", title_km="", body_en="<p>pension</p>")
    html = search("pension", "km").content.decode()
    assert "ព័ត៌មានសោធន" in html
    assert '<span lang="en">Pension only in English</span>' in html


def test_filters_by_type_and_year(search):
    article = ArticleFactory(
        title_en="Pension news",
        published_at=datetime.datetime(2023, 5, 1, tzinfo=datetime.UTC),
    )
    event = EventFactory(title_en="Pension forum", starts_on=datetime.date(2021, 3, 1))
    response = search("pension")
    outcome = response.context["outcome"]
    assert outcome.kind_counts == {"article": 1, "event": 1}
    assert outcome.year_counts == [(2023, 1), (2021, 1)]
    assert found(search("pension", type="event")) == [event]
    assert found(search("pension", year="2023")) == [article]
    assert found(search("pension", year="២០២៣")) == [article]
    assert found(search("pension", type="event", year="2023")) == []
    # A filter that makes no sense is ignored rather than an error.
    assert len(found(search("pension", type="nonsense", year="soon"))) == 2


def test_results_are_paginated(search):
    for n in range(23):
        ArticleFactory(title_en=f"Pension update {n}")
    first = search("pension")
    assert len(found(first)) == 20
    assert first.context["outcome"].total == 23
    second = search("pension", page="2")
    assert len(found(second)) == 3
    assert "q=pension&amp;page=1" in second.content.decode()


@pytest.mark.parametrize("q", ["", "   ", "?!...", "។ ៕"])
def test_empty_or_punctuation_query_gets_a_helpful_page(search, q):
    response = search(q)
    assert response.status_code == 200
    assert response.context["outcome"].results == []
    assert "Khmer words are found" in response.content.decode()


def test_khmer_page_of_results(search):
    ArticleFactory(title_km="ព័ត៌មាន", body_km=f"<p>{UNSPACED}</p>")
    response = search("សន្តិសុខ", "km")
    assert response.status_code == 200
    assert '<html lang="km">' in response.content.decode()


def test_header_has_a_search_box(client):
    html = client.get("/en/").content.decode()
    assert 'action="/en/search/"' in html
    assert 'name="q"' in html


# Counts per kind and year, the page of rows with their texts, one query per kind shown;
# on PostgreSQL inside a transaction (begin, SET LOCAL, commit: see search.results).
QUERIES_PER_PAGE = (9 if connection.vendor == "postgresql" else 6) + SITE_CHROME_QUERIES


def make_content(count: int, nssf) -> None:
    """``count`` of each kind with "meeting" in its text, plus one institution."""
    nssf.name_en = "Meeting Fund"
    nssf.save()
    for n in range(count):
        ArticleFactory(title_en=f"Meeting report {n}", source_institution=nssf)
        event = EventFactory(title_en=f"Forum {n}", summary_en="A meeting.", host=nssf)
        PresentationFactory(event=event, title_en="Minutes of the meeting")
        DocumentFactory(title_en=f"Meeting paper {n}", institution=nssf)


@pytest.mark.parametrize("count", [2, 12])
def test_results_page_makes_a_fixed_number_of_queries(
    search, nssf, django_assert_num_queries, monkeypatch, count
):
    make_content(count, nssf)
    # A page long enough to hold every kind at both sizes: 7 rows or 37, same queries.
    monkeypatch.setattr("search.results.PER_PAGE", 50)
    with django_assert_num_queries(QUERIES_PER_PAGE):
        response = search("meeting")
    outcome = response.context["outcome"]
    assert outcome.total == len(outcome.results) == 3 * count + 1
    assert {result.kind for result in outcome.results} == {"article", "event", "document", "member"}


@pytest.mark.parametrize("count", [2, 12])
def test_results_page_of_twenty_stays_within_the_budget(
    search, nssf, django_assert_max_num_queries, count
):
    make_content(count, nssf)
    with django_assert_max_num_queries(QUERIES_PER_PAGE):
        response = search("meeting", language="km")
    assert len(response.context["outcome"].results) == min(20, 3 * count + 1)
