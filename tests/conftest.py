import pytest


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
