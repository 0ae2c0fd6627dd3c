import pytest
from dbbackup import settings as dbbackup_settings


@pytest.fixture(autouse=True)
def backup_dir(settings, tmp_path, monkeypatch):
    """Each test's backups go to its own folder, never to var/backups.

    django-dbbackup reads its storage's options once, at import: they are changed there.
    """
    folder = tmp_path / "backups"
    settings.BACKUP_DIR = folder
    monkeypatch.setattr(dbbackup_settings, "STORAGE_OPTIONS", {"location": str(folder)})
    # Seconds are too coarse for several backups in one test.
    monkeypatch.setattr(dbbackup_settings, "DATE_FORMAT", "%Y-%m-%d-%H%M%S%f")
    return folder
