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
