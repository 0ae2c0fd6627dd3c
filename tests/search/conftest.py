import pytest


@pytest.fixture
def search(client):
    """GET the results page; returns the response."""

    def get(q: str = "", language: str = "en", **params):
        return client.get(f"/{language}/search/", {"q": q, **params})

    return get
