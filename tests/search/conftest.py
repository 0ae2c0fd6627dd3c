import pytest

from tests.factories import MemberInstitutionFactory


@pytest.fixture
def nssf():
    return MemberInstitutionFactory(
        slug="nssf-cambodia",
        name_en="National Social Security Fund",
        name_km="បេឡាជាតិរបបសន្តិសុខសង្គម",
        acronym="NSSF",
        description_en="Cambodia's social security institution for workers.",
    )


@pytest.fixture
def search(client):
    """GET the results page; returns the response."""

    def get(q: str = "", language: str = "en", **params):
        return client.get(f"/{language}/search/", {"q": q, **params})

    return get
