import pytest

from tests.factories import MemberInstitutionFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its uploads to its own folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def private_media_root(settings, tmp_path):
    """Private files (documents, versions, unpublished previews) too, apart from media."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PRIVATE_MEDIA_ROOT.mkdir()
    return settings.PRIVATE_MEDIA_ROOT


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
def empty_cache(settings):
    """Each test starts with an empty cache (no page, choice list or password-reset counter
    left by another), and with the page cache off.

    The cache outlives the rolled-back database of a test: a page or a list of choices
    kept by one test must not show up in the next. Tests of the page cache turn it on
    (``page_cache`` in tests/assa/test_page_cache.py).
    """
    from django.core.cache import cache

    settings.PAGE_CACHE = False
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
