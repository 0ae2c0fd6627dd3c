"""manage.py backup_site: what it writes, what it keeps, how a run is recorded."""

import gzip
import hashlib
import subprocess
import tarfile

import pytest
from dbbackup import settings as dbbackup_settings
from django.core.files.base import ContentFile
from django.core.management import call_command

from backups import services
from backups.models import MaintenanceRun, RunKind
from core.storage import private_storage, public_storage
from documents.models import Document
from tests.documents.files import pdf_bytes
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_is_the_database_and_one_archive_of_both_storages(backup_dir):
    document = DocumentFactory(title_en="Minutes")
    public_storage().save("logos/ស្លាកសញ្ញា.png", ContentFile(b"logo"))

    call_command("backup_site", verbosity=0)

    (backup,) = services.list_backup_sets()
    assert backup.database.endswith(".gz") and backup.files.endswith(".tar.gz")
    with tarfile.open(backup_dir / backup.files) as archive:
        names = archive.getnames()
        assert archive.extractfile("public/logos/ស្លាកសញ្ញា.png").read() == b"logo"
    assert f"private/{document.file.name}" in names
    with gzip.open(backup_dir / backup.database) as dump:
        assert dump.read(16)  # a real, non-empty dump
    run = MaintenanceRun.objects.of_kind(RunKind.BACKUP).last()
    assert run.succeeded
    assert (
        run.size
        == backup.size
        == sum((backup_dir / name).stat().st_size for name in (backup.database, backup.files))
    )


def test_only_the_newest_backups_are_kept(backup_dir, monkeypatch):
    monkeypatch.setattr(dbbackup_settings, "CLEANUP_KEEP", 2)
    monkeypatch.setattr(dbbackup_settings, "CLEANUP_KEEP_MEDIA", 2)
    for _ in range(3):
        call_command("backup_site", verbosity=0)

    assert len(services.list_backup_sets()) == 2
    assert len(list(backup_dir.glob("*.tar.gz"))) == 2


def test_a_failed_backup_is_recorded_as_failed(monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(services, "_write_files_archive", broken)

    with pytest.raises(OSError):
        call_command("backup_site", verbosity=0)

    run = MaintenanceRun.objects.of_kind(RunKind.BACKUP).last()
    assert not run.succeeded
    assert "No space left on device" in run.summary


@pytest.fixture
def gpg_key(tmp_path, monkeypatch, settings):
    """A throwaway GPG key in a keyring of the test's own; backups are encrypted to it."""
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("GNUPGHOME", str(home))
    subprocess.run(
        ["gpg", "--batch", "--passphrase", "", "--quick-gen-key",
         "ASSA backups <backups@example.org>", "default", "default", "never"],
        check=True, capture_output=True,
    )  # fmt: skip
    settings.BACKUP_GPG_RECIPIENT = "backups@example.org"
    monkeypatch.setattr(dbbackup_settings, "GPG_RECIPIENT", "backups@example.org")
    monkeypatch.setattr(dbbackup_settings, "GPG_ALWAYS_TRUST", True)


def test_an_encrypted_backup_is_restored_with_the_key(gpg_key, backup_dir, private_media_root):
    pdf = pdf_bytes(1)
    document = DocumentFactory(
        title_en="Minutes", file__data=pdf, size=len(pdf), sha256=hashlib.sha256(pdf).hexdigest()
    )
    stored = private_storage().open(document.file.name).read()

    call_command("backup_site", verbosity=0)

    (backup,) = services.list_backup_sets()
    assert backup.encrypted and backup.files.endswith(".tar.gz.gpg")
    assert not tarfile.is_tarfile(backup_dir / backup.files)
    call_command("flush", interactive=False, verbosity=0)
    private_storage().delete(document.file.name)

    call_command("restore_site", verbosity=0)

    assert Document.objects.get().title_en == "Minutes"
    assert private_storage().open(document.file.name).read() == stored
