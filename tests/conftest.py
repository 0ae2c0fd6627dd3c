import pytest


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


@pytest.fixture(autouse=True)
def jobs_run_at_once(settings):
    """The worker's jobs run at once, in the test's process, even if the environment names
    a broker (CELERY_BROKER_URL); the text of PDFs is read inside the save, as without one.
    Tests of the queued path turn SEARCH_FILE_TEXT_IN_WORKER on themselves."""
    from assa.celery import app

    app.conf.task_always_eager = True
    settings.SEARCH_FILE_TEXT_IN_WORKER = False
