"""The public library and a document's page."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from documents.models import DocumentStatus
from tests.conftest import SITE_CHROME_QUERIES
from tests.factories import DocumentFactory, EventFactory, MemberInstitutionFactory

pytestmark = pytest.mark.django_db


def library(language="en"):
    with translation.override(language):
        return reverse("documents:list")


def test_library_urls_are_the_designed_ones():
    assert library() == "/en/documents/"
    assert library("km") == "/km/documents/"
    with translation.override("en"):
        assert reverse("documents:detail", kwargs={"pk": 7}) == "/en/documents/7/"
        assert reverse("documents:portal_dashboard") == "/en/portal/"


def test_a_row_shows_thumbnail_type_size_pages_and_language(client, make_pdf_document, nssf):
    document = make_pdf_document(pages=12, institution=nssf, title_en="Coverage expansion")
    html = client.get(library()).content.decode()
    assert "Coverage expansion" in html
    assert f'src="/media/{document.preview.name}"' in html
    assert "PDF," in html and "12 pages" in html
    assert "NSSF" in html and "English" in html
    assert document.get_download_url() in html


@pytest.fixture
def catalogue(nssf, sso, meeting):
    later = EventFactory(number=38, slug="indonesia-2021", starts_on=datetime.date(2021, 11, 26))
    return {
        "minutes": DocumentFactory(
            title_en="Minutes of the board", kind="minutes", institution=nssf, event=meeting
        ),
        "khmer": DocumentFactory(
            title_en="Key figures", title_km="តួលេខសំខាន់ៗ", language="km", institution=nssf
        ),
        "sso": DocumentFactory(title_en="Efficiency communication", institution=sso, event=later),
        "hidden": DocumentFactory(title_en="Hidden draft", institution=nssf, status="submitted"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"minutes", "khmer", "sso"}),
        ({"kind": "minutes"}, {"minutes"}),
        ({"institution": "sso-thailand"}, {"sso"}),
        ({"language": "km"}, {"khmer"}),
        ({"year": "2021"}, {"sso"}),
        ({"year": "2020"}, {"minutes"}),
        ({"year": "2024"}, {"khmer"}),  # no event: the year it was published
        ({"q": "board"}, {"minutes"}),
        ({"q": "តួលេខ"}, {"khmer"}),
        ({"q": "draft"}, set()),
    ],
)
def test_filters_and_search(client, catalogue, query, expected):
    response = client.get(library(), query)
    shown = {key for key, doc in catalogue.items() if doc in response.context["documents"]}
    assert shown == expected


def test_filter_by_event_includes_files_of_its_programme(client, catalogue, meeting):
    from tests.factories import PresentationFactory

    paper = DocumentFactory(title_en="Programme paper")
    PresentationFactory(event=meeting, document=paper)
    response = client.get(library(), {"event": meeting.pk})
    assert set(response.context["documents"]) == {catalogue["minutes"], paper}


def test_filters_offer_only_what_has_published_documents(client, catalogue):
    MemberInstitutionFactory(slug="no-documents", acronym="NONE")
    form = client.get(library()).context["filter"].form
    institutions = [choice[1] for choice in form.fields["institution"].widget.choices]
    assert "NSSF (Cambodia)" in institutions
    assert "NONE (Cambodia)" not in institutions
    years = [value for value, _ in form.fields["year"].choices if value]
    assert years == ["2024", "2021", "2020"]


def test_an_institution_without_published_documents_cannot_be_chosen(client, catalogue):
    MemberInstitutionFactory(slug="no-documents", acronym="NONE")
    response = client.get(library(), {"institution": "no-documents"})
    assert "institution" in response.context["filter"].form.errors
    chosen = client.get(library(), {"institution": catalogue["sso"].institution.slug})
    assert not chosen.context["filter"].form.errors


def test_years_in_khmer_digits(client, catalogue):
    html = client.get(library("km")).content.decode()
    assert "២០២១" in html


def test_library_is_paginated(client, nssf):
    for _ in range(23):
        DocumentFactory(institution=nssf)
    first = client.get(library())
    assert len(first.context["documents"]) == 20
    second = client.get(library(), {"page": 2})
    assert len(second.context["documents"]) == 3


def test_library_makes_as_many_queries_whatever_its_size(query_budget, meeting):
    institutions = [MemberInstitutionFactory() for _ in range(3)]

    def add(count):
        for index in range(count):
            DocumentFactory(
                institution=institutions[index % 3], event=meeting if index % 2 else None
            )

    add(3)
    # count, page, and the institution, event and year choices of the filters
    response = query_budget(
        library(), lambda: add(27), at_most=5 + SITE_CHROME_QUERIES, params={"kind": "paper"}
    )
    assert len(response.context["documents"]) == 20


def test_document_page_makes_as_many_queries_whatever_its_presentations(query_budget, meeting):
    from tests.factories import PresentationFactory

    document = DocumentFactory(event=meeting)
    PresentationFactory(event=meeting, document=document)
    query_budget(
        document.get_absolute_url(),
        lambda: PresentationFactory.create_batch(11, event=meeting, document=document),
        at_most=2 + SITE_CHROME_QUERIES,
    )


def test_document_page_in_both_languages(client, nssf, meeting):
    document = DocumentFactory(
        title_en="Key figures", title_km="តួលេខសំខាន់ៗ", institution=nssf, event=meeting, page_count=3
    )
    html = client.get(document.get_absolute_url()).content.decode()
    assert "<h1>Key figures</h1>" in html
    assert "National Social Security Fund" in html
    assert "37th ASSA Board Meeting" in html
    assert document.get_download_url() in html
    with translation.override("km"):
        html = client.get(document.get_absolute_url()).content.decode()
    assert "<h1>តួលេខសំខាន់ៗ</h1>" in html
    assert "បេឡាជាតិរបបសន្តិសុខសង្គម" in html


def test_owner_sees_the_status_and_reason_of_an_unpublished_document(client, member, nssf):
    document = DocumentFactory(
        institution=nssf,
        status=DocumentStatus.REJECTED,
        rejection_reason="Please send the final version.",
    )
    client.force_login(member)
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Not public: Rejected." in html
    assert "Please send the final version." in html
    assert 'name="robots" content="noindex"' in html


@pytest.mark.django_db
def test_khmer_meta_description_joins_kind_and_institution_without_a_comma(client):
    institution = MemberInstitutionFactory(acronym="NSSF")
    document = DocumentFactory(institution=institution, description_en="")
    english = client.get(f"/en/documents/{document.pk}/").content.decode()
    khmer = client.get(f"/km/documents/{document.pk}/").content.decode()
    assert '<meta name="description" content="Paper, NSSF">' in english
    assert re.search(r'<meta name="description" content="[^",]+ របស់ NSSF">', khmer)


# ---- the results kept between requests (the page cache off) ------------------------------


def test_a_page_of_results_is_read_once_until_content_changes(client, django_assert_num_queries):
    DocumentFactory(title_en="Actuarial valuation 2023", kind="report")
    DocumentFactory(title_en="Maternity benefits in Laos", kind="paper")
    first = client.get(library(), {"kind": "report"}).content.decode()
    assert "Actuarial valuation 2023" in first and "Maternity benefits" not in first
    with django_assert_num_queries(0):
        # Parameters that are not filters neither change the results nor make another entry.
        again = client.get(library(), {"kind": "report", "utm_source": "newsletter"})
    assert "Actuarial valuation 2023" in again.content.decode()
    assert "Maternity benefits" in client.get(library()).content.decode()


def test_a_new_document_appears_in_kept_results_at_once(client):
    DocumentFactory(title_en="Health insurance review")
    assert "Pension adequacy" not in client.get(library()).content.decode()
    pending = DocumentFactory(
        title_en="Pension adequacy", status=DocumentStatus.SUBMITTED, published_at=None
    )
    assert "Pension adequacy" not in client.get(library()).content.decode()
    pending.status = DocumentStatus.APPROVED
    pending.published_at = datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
    pending.save()
    assert "Pension adequacy" in client.get(library()).content.decode()


def test_a_logged_in_member_gets_the_kept_results(client, member):
    """The page cache never serves a logged-in member; the kept results do."""
    DocumentFactory(title_en="Employment injury statistics")
    client.get(library())  # an anonymous visitor's request keeps the results
    client.force_login(member)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(library()).content.decode()
    assert "Employment injury statistics" in html
    read = [query["sql"] for query in queries.captured_queries]
    assert read and not [sql for sql in read if "documents_document" in sql], read


def test_kept_page_links_are_those_of_each_address(client):
    for number in range(22):
        DocumentFactory(title_en=f"Country report {number}", kind="report")
    first = client.get(library(), {"kind": "report", "utm_source": "newsletter"}).content.decode()
    other = client.get(library(), {"kind": "report", "utm_source": "bulletin"}).content.decode()
    assert "utm_source=newsletter" in first and "utm_source=bulletin" not in first
    assert "utm_source=bulletin" in other and "utm_source=newsletter" not in other


def test_a_kept_list_shows_each_addresses_own_filter_errors(client):
    DocumentFactory(title_en="Disability benefits", kind="report")
    wrong = client.get(library(), {"kind": "leaflet"}).content.decode()
    assert "Select a valid choice" in wrong and "Disability benefits" not in wrong
    right = client.get(library(), {"kind": "report"}).content.decode()
    assert "Select a valid choice" not in right and "Disability benefits" in right
