import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import SITE_CHROME_QUERIES
from tests.factories import (
    KeyFigureFactory,
    MemberInstitutionFactory,
    MemberInstitutionWithLogoFactory,
)

pytestmark = pytest.mark.django_db


def directory_url(language="en"):
    with translation.override(language):
        return reverse("members:list")


def detail_url(institution, language="en"):
    with translation.override(language):
        return reverse("members:detail", kwargs={"slug": institution.slug})


def test_urls_are_the_designed_ones(nssf):
    assert directory_url("en") == "/en/members/"
    assert directory_url("km") == "/km/members/"
    assert detail_url(nssf, "en") == "/en/members/nssf-cambodia/"
    assert nssf.get_absolute_url() == "/en/members/nssf-cambodia/"


# ---- the directory -----------------------------------------------------------------------


def test_directory_in_english_groups_institutions_by_country(client, nssf, epf):
    MemberInstitutionFactory(
        slug="socso-malaysia", name_en="Social Security Organisation", acronym="SOCSO", country="MY"
    )
    response = client.get(directory_url("en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Member institutions</h1>" in html
    assert '<h2 id="country-KH">Cambodia</h2>' in html
    assert '<h2 id="country-MY">Malaysia</h2>' in html
    # Countries in the list's order (Cambodia before Malaysia), institutions under theirs.
    assert (
        html.index("country-KH")
        < html.index("National Social Security Fund")
        < html.index("country-MY")
    )
    assert html.index("country-MY") < html.index("Employees Provident Fund")
    assert html.index("country-MY") < html.index("Social Security Organisation")
    assert f'href="{detail_url(nssf)}"' in html
    assert f'href="{detail_url(epf)}"' in html
    groups = response.context["groups"]
    assert [group["code"] for group in groups] == ["KH", "MY"]
    assert [i.acronym for i in groups[1]["institutions"]] == ["EPF", "SOCSO"]


def test_directory_in_khmer_shows_khmer_names_where_given(client, nssf, epf):
    response = client.get(directory_url("km"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="km">' in html
    assert "បេឡាជាតិរបបសន្តិសុខសង្គម" in html
    assert "National Social Security Fund" not in html
    # EPF has no Khmer name: its English name, marked as English.
    assert '<span lang="en">Employees Provident Fund</span>' in html
    assert f'href="{detail_url(nssf, "km")}"' in html
    # Country names and the counts in Khmer.
    assert "កម្ពុជា" in html
    assert "ម៉ាឡេស៊ី" in html
    assert '<span class="member-count">២</span>' in html  # all countries: 2 institutions


def test_directory_shows_the_web_logo(client):
    institution = MemberInstitutionWithLogoFactory(acronym="SSO", country="TH")
    html = client.get(directory_url()).content.decode()
    assert institution.logo_web.url in html
    assert f'width="{institution.logo_web_width}" height="{institution.logo_web_height}"' in html
    # The original upload is not what the page loads.
    assert institution.logo.url not in html


def test_institution_without_a_logo_shows_its_acronym(client, epf):
    html = client.get(directory_url()).content.decode()
    assert '<span class="member-monogram" aria-hidden="true">EPF</span>' in html


def test_directory_filters_by_country(client, nssf, epf):
    response = client.get(directory_url(), {"country": "MY"})
    html = response.content.decode()
    assert "Employees Provident Fund" in html
    assert "National Social Security Fund" not in html
    assert '<a href="?country=MY" aria-current="page">' in html
    # Every country with members stays offered, with its count.
    assert '<a href="?country=KH">Cambodia <strong>1</strong>' in html  # the tile map
    assert "Member institutions in Malaysia" in html  # the page title


def test_directory_with_an_unknown_country_lists_everyone(client, nssf, epf):
    response = client.get(directory_url(), {"country": "XX"})
    assert response.status_code == 200
    assert [i.acronym for i in response.context["institutions"]] == ["NSSF", "EPF"]


def test_directory_for_a_country_without_members_says_so(client, nssf):
    html = client.get(directory_url(), {"country": "SG"}).content.decode()
    assert "No member institution from this country is listed." in html


def test_inactive_institutions_are_not_listed(client, nssf, epf):
    MemberInstitutionFactory(
        slug="old-fund",
        name_en="A Former Member Fund",
        acronym="AFMF",
        country="LA",
        is_active=False,
    )
    for language in ("en", "km"):
        response = client.get(directory_url(language))
        html = response.content.decode()
        assert "A Former Member Fund" not in html
        assert "country-LA" not in html
        assert '?country=LA"' not in html
    assert response.context["total"] == 2


# ---- one institution ---------------------------------------------------------------------


def test_institution_page_in_english(client, nssf, nssf_members):
    KeyFigureFactory(
        institution=nssf,
        label_en="Registered enterprises",
        value=21_430,
        as_of=datetime.date(2020, 3, 12),
        order=0,
    )
    response = client.get(detail_url(nssf))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>National Social Security Fund</h1>" in html
    assert "<title>NSSF: National Social Security Fund · ASSA</title>" in html
    assert "Runs employment injury, health care and pension schemes." in html
    assert '<a href="https://www.nssf.gov.kh/" rel="noopener" lang="en">www.nssf.gov.kh</a>' in html
    assert '<a href="tel:1286">1286</a>' in html
    assert '<span class="member-figure-value">3,120,208</span>' in html
    assert '<span class="member-figure-value">21,430</span>' in html
    assert "as of 12 March 2020" in html
    # Figures in their display order.
    assert html.index("21,430") < html.index("3,120,208")
    assert f'href="{directory_url()}?country=KH"' in html


def test_institution_page_in_khmer_uses_khmer_digits_and_names(client, nssf, nssf_members):
    response = client.get(detail_url(nssf, "km"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="km">' in html
    assert "<h1>បេឡាជាតិរបបសន្តិសុខសង្គម</h1>" in html
    # The English name is still given, marked as English.
    assert '<span lang="en">National Social Security Fund</span>' in html
    assert "គ្រប់គ្រងរបបហានិភ័យការងារ" in html
    assert '<span class="member-figure-value">៣,១២០,២០៨</span>' in html
    assert "សមាជិកសរុប" in html
    # Month names come from the site's Khmer catalogue.
    assert "១២ ខែ មីនា ឆ្នាំ ២០២០" in html
    assert '<a href="tel:1286">១២៨៦</a>' in html
    assert "3,120,208" not in html


def test_khmer_page_falls_back_to_english_text_with_one_notice(client, epf):
    KeyFigureFactory(institution=epf, label_en="Members", value=16_000_000)
    html = client.get(detail_url(epf, "km")).content.decode()
    assert '<span lang="en">Employees Provident Fund</span>' in html
    assert '<div class="fallback" lang="en">' in html
    assert "Keeps the retirement savings of private-sector employees." in html
    assert '<span lang="en">Members</span>' in html
    assert "lang-label" not in html
    assert html.count('class="fallback-note') == 1
    assert "១៦,០០០,០០០" in html


def test_inactive_institution_page_is_404(client):
    institution = MemberInstitutionFactory(slug="old-fund", is_active=False)
    assert client.get(detail_url(institution, "en")).status_code == 404
    assert client.get(detail_url(institution, "km")).status_code == 404


def test_unknown_institution_is_404(client):
    assert client.get("/en/members/no-such-fund/").status_code == 404


def test_institution_page_links_its_twin_in_the_other_language(client, nssf):
    html = client.get(detail_url(nssf)).content.decode()
    assert 'hreflang="km" href="http://testserver/km/members/nssf-cambodia/"' in html


# ---- query budgets -----------------------------------------------------------------------

COUNTRIES = ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN"]


def make_institutions(count: int) -> None:
    for n in range(count):
        institution = MemberInstitutionFactory(country=COUNTRIES[n % len(COUNTRIES)])
        KeyFigureFactory.create_batch(2, institution=institution)


def test_directory_makes_two_queries_whatever_its_size(query_budget):
    make_institutions(3)
    MemberInstitutionWithLogoFactory()
    response = query_budget(
        directory_url("km"), lambda: make_institutions(27), at_most=2 + SITE_CHROME_QUERIES
    )
    assert len(response.context["institutions"]) == 31


def test_filtered_directory_makes_two_queries_whatever_its_size(query_budget):
    make_institutions(3)
    query_budget(
        directory_url(),
        lambda: make_institutions(27),
        at_most=2 + SITE_CHROME_QUERIES,
        params={"country": "KH"},
    )


def test_institution_page_makes_three_queries_whatever_its_figures(query_budget, nssf):
    KeyFigureFactory.create_batch(1, institution=nssf)
    make_institutions(5)
    # The institution, its key figures, their values over time.
    response = query_budget(
        detail_url(nssf, "km"),
        lambda: KeyFigureFactory.create_batch(24, institution=nssf),
        at_most=3 + SITE_CHROME_QUERIES,
    )
    assert response.content.decode().count('class="member-figure"') == 25
