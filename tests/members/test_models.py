import pytest

from members.models import MemberInstitution
from tests.factories import KeyFigureFactory, MemberInstitutionFactory


@pytest.mark.parametrize(
    ("contact", "href"),
    [
        ("1286", "tel:1286"),
        ("+855 23 222 000", "tel:+85523222000"),
        ("(02) 8917-8000", "tel:0289178000"),
        ("info@nssf.gov.kh", "mailto:info@nssf.gov.kh"),
        ("Call 1286 from any phone", ""),
        ("", ""),
    ],
)
def test_contact_links_to_a_phone_or_an_email(contact, href):
    assert MemberInstitution(contact=contact).contact_href == href


def test_website_is_shown_without_its_scheme():
    assert (
        MemberInstitution(website="https://www.nssf.gov.kh/").website_display == "www.nssf.gov.kh"
    )


def test_acronym_is_name_when_they_read_the_same():
    assert MemberInstitution(acronym="BPJS Kesehatan", name_en="BPJS Kesehatan").acronym_is_name
    assert not MemberInstitution(
        acronym="NSSF", name_en="National Social Security Fund"
    ).acronym_is_name


@pytest.mark.django_db
def test_directory_order_and_country_counts():
    MemberInstitutionFactory(acronym="SSS", country="PH", order=2)
    MemberInstitutionFactory(acronym="PhilHealth", country="PH", order=1)
    MemberInstitutionFactory(acronym="NSSF", country="KH")
    MemberInstitutionFactory(acronym="OLD", country="LA", is_active=False)
    assert [i.acronym for i in MemberInstitution.objects.for_directory()] == [
        "NSSF",
        "PhilHealth",
        "SSS",
    ]
    assert MemberInstitution.objects.country_counts() == {"KH": 1, "PH": 2}


@pytest.mark.django_db
def test_key_figures_come_in_their_order():
    institution = MemberInstitutionFactory()
    KeyFigureFactory(institution=institution, label_en="Second", order=2)
    KeyFigureFactory(institution=institution, label_en="First", order=1)
    fetched = MemberInstitution.objects.with_key_figures().get(pk=institution.pk)
    assert [f.label_en for f in fetched.key_figures.all()] == ["First", "Second"]
