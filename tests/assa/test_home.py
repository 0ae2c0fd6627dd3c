import datetime

import pytest
from django.utils import timezone

from tests.conftest import SITE_CHROME_QUERIES
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    EventFactory,
    KeyFigureFactory,
    MemberInstitutionFactory,
    OfficeHolderFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_content():
    today = timezone.localdate()
    nssf = MemberInstitutionFactory(slug="nssf-cambodia", acronym="NSSF", name_en="NSSF Cambodia")
    EventFactory(
        number=40,
        title_en="Next meeting",
        slug="next",
        starts_on=today + datetime.timedelta(days=30),
        status="planned",
    )
    EventFactory(
        number=37, title_en="Held meeting", slug="held", starts_on=datetime.date(2020, 12, 9)
    )
    EventFactory(
        number=41, title_en="Hidden meeting", slug="hidden", starts_on=today, is_published=False
    )
    ArticleFactory(
        title_en="Published news", published_at=timezone.now() - datetime.timedelta(hours=1)
    )
    ArticleFactory(title_en="Draft news", status="draft")
    KeyFigureFactory(institution=nssf, label_en="Members", label_km="សមាជិក", value=3120208)
    term = TermFactory(number=38, starts_year=2021, ends_year=2022)
    OfficeHolderFactory(term=term, office="chairman", institution=nssf)
    return {"nssf": nssf, "term": term}


def test_home_shows_events_news_figures_and_chairmanship(client, site_content):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "40th ASSA Board Meeting" in html  # next planned
    assert "37th ASSA Board Meeting" in html  # latest held
    assert "41st" not in html
    assert "Published news" in html and "Draft news" not in html
    assert "3,120,208" in html
    assert "ASSA 38" in html and "Chairman" in html
    assert 'type="application/rss+xml"' in html


def test_home_in_khmer_has_khmer_digits(client, site_content):
    html = client.get("/km/").content.decode()
    assert "៣,១២០,២០៨" in html
    assert "សមាជិក" in html
    assert "ASSA ៣៨" in html


def test_home_shows_latest_published_documents(client, site_content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.models import Document

    common = {
        "file": SimpleUploadedFile("paper.pdf", b"%PDF-1.4 placeholder"),
        "original_name": "paper.pdf",
        "content_type": "application/pdf",
        "size": 20,
        "sha256": "0" * 64,
    }
    Document.objects.create(title_en="Published paper", status="approved", **common)
    Document.objects.create(title_en="Submitted paper", status="submitted", **common)
    html = client.get("/en/").content.decode()
    assert "Published paper" in html
    assert "Submitted paper" not in html


def _populate(count: int) -> None:
    for number in range(count):
        institution = MemberInstitutionFactory()
        EventFactory(host=institution, starts_on=datetime.date(2015 + number, 1, 1))
        EventFactory(
            host=institution,
            status="planned",
            starts_on=timezone.localdate() + datetime.timedelta(days=10 + number),
        )
        article = ArticleFactory(source_institution=institution)
        ArticleImageFactory(article=article)
        KeyFigureFactory(institution=institution)
        term = TermFactory()
        for office in ("chairman", "vice-chairman", "secretary-general"):
            OfficeHolderFactory(term=term, office=office, institution=institution)


@pytest.mark.parametrize("lang", ["en", "km"])
def test_home_makes_as_many_queries_whatever_the_data_size(query_budget, lang):
    _populate(2)
    query_budget(f"/{lang}/", lambda: _populate(10), at_most=8 + SITE_CHROME_QUERIES)


def test_the_kept_home_page_follows_the_content(client, django_assert_num_queries):
    """The home page's content is rendered once per language until content changes."""
    ArticleFactory(title_en="Forum on informal workers", title_km="វេទិកាកម្មករក្រៅប្រព័ន្ធ")
    first = client.get("/en/").content.decode()
    assert "Forum on informal workers" in first
    with django_assert_num_queries(0):
        assert client.get("/en/").content.decode() == first
    assert "វេទិកាកម្មករក្រៅប្រព័ន្ធ" in client.get("/km/").content.decode()
    ArticleFactory(title_en="New pension calculator")
    assert "New pension calculator" in client.get("/en/").content.decode()
