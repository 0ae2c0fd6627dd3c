import pytest

from tests.factories import MemberInstitutionFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its uploads to its own folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def site_url(settings):
    """Links made without a request (emails, feeds) name the test client's host."""
    settings.SITE_URL = "http://testserver"
    return settings.SITE_URL


@pytest.fixture(autouse=True)
def english_by_default():
    """Tests start in English, whatever an earlier test activated."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no counters (password-reset limits) left by another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def nssf(db):
    """Cambodia's National Social Security Fund, in both languages, as every app's tests know it."""
    return MemberInstitutionFactory(
        slug="nssf-cambodia",
        name_en="National Social Security Fund",
        name_km="បេឡាជាតិរបបសន្តិសុខសង្គម",
        acronym="NSSF",
        country="KH",
        website="https://www.nssf.gov.kh/",
        contact="1286",
        description_en="Runs employment injury, health care and pension schemes.",
        description_km="គ្រប់គ្រងរបបហានិភ័យការងារ របបថែទាំសុខភាព និងរបបសោធននិវត្តន៍។",
    )
