"""Back up the whole site, and restore it.

A backup is a *set* of two files in the backup storage (``STORAGES["dbbackup"]``,
``BACKUP_DIR`` by default) with one timestamp in their names:

- the database, written by django-dbbackup's ``dbbackup`` command (``pg_dump`` in its
  custom format on PostgreSQL, SQLite's own backup on SQLite), gzip-compressed;
- the files: one ``.tar.gz`` with two top-level folders, ``public/`` (the ``default``
  storage: logos, news images, published previews) and ``private/`` (documents, earlier
  versions, every preview). It is read and written through the storage API only, so it
  works as well when either storage is an S3 bucket.

With ``BACKUP_GPG_RECIPIENT`` set, both are encrypted to that GPG public key (``.gpg``).
Only the ``BACKUP_KEEP`` newest of each kind are kept.
"""

from __future__ import annotations

import logging
import os
import posixpath
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

import gnupg
from dbbackup import settings as dbbackup_settings
from dbbackup import utils as dbbackup_utils
from dbbackup.storage import Storage, get_storage
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import Storage as DjangoStorage
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from backups.models import MaintenanceRun
from core.caching import bump_content_version
from core.storage import private_storage, public_storage
from documents.models import Document
from events.models import Event
from members.models import MemberInstitution
from news.models import Article

logger = logging.getLogger(__name__)

# The archive's top-level folders, one per storage alias.
ARCHIVE_FOLDERS = {"public": public_storage, "private": private_storage}


@contextmanager
def recorded_run(kind: str) -> Iterator[MaintenanceRun]:
    """Record a run when it ends: failed if it raised (the error is its summary).

    The caller fills in the run's size, counts and summary; ``succeeded`` is True unless
    the caller set it to False.
    """
    run = MaintenanceRun(kind=kind, started_at=timezone.now(), succeeded=True)
    try:
        yield run
    except BaseException as error:
        run.succeeded = False
        run.summary = (f"{type(error).__name__}: {error}")[:500]
        run.finished_at = timezone.now()
        try:
            run.save()
        except Exception:  # the database itself may be what failed: keep the first error
            logger.exception("Could not record the failed %s", kind)
        raise
    run.finished_at = timezone.now()
    run.save()


class RestoreRefused(Exception):
    """The site already holds content or files, and the restore was not forced."""


@dataclass(frozen=True)
class BackupSet:
    database: str
    files: str
    size: int = 0

    @property
    def stamp(self) -> str:
        return dbbackup_utils.filename_to_datestring(self.database)

    @property
    def encrypted(self) -> bool:
        return self.database.endswith(".gpg")


def backup_storage() -> Storage:
    return get_storage()


def walk(storage: DjangoStorage, path: str = "") -> Iterator[str]:
    """Every file's name in a storage (or under ``path``), through the storage API only."""
    try:
        folders, files = storage.listdir(path)
    except FileNotFoundError:  # a local storage whose folder was never made
        return
    for name in sorted(files):
        yield posixpath.join(path, name) if path else name
    for folder in sorted(folders):
        yield from walk(storage, posixpath.join(path, folder) if path else folder)


def _write_files_archive(storage: Storage, stamp: str, encrypt: bool) -> str:
    filename = dbbackup_utils.filename_generate("tar.gz", content_type="media", wildcard=stamp)
    archive = dbbackup_utils.create_spooled_temporary_file()
    # PAX (tarfile's default): UTF-8 names, so a logo's Khmer file name survives.
    with tarfile.open(fileobj=archive, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
        for folder, get_storage_ in ARCHIVE_FOLDERS.items():
            source = get_storage_()
            for name in walk(source):
                info = tarfile.TarInfo(f"{folder}/{name}")
                info.size = source.size(name)
                with suppress(NotImplementedError):
                    info.mtime = source.get_modified_time(name).timestamp()
                with source.open(name, "rb") as handle:
                    tar.addfile(info, handle)
    if encrypt:
        archive, filename = dbbackup_utils.encrypt_file(archive, filename)
    archive.seek(0)
    storage.write_file(archive, filename)
    archive.close()
    return filename


def back_up(*, encrypt: bool | None = None) -> BackupSet:
    """Write a backup set, then delete the sets beyond ``BACKUP_KEEP``."""
    encrypt = bool(settings.BACKUP_GPG_RECIPIENT) if encrypt is None else encrypt
    storage = backup_storage()
    call_command("dbbackup", compress=True, encrypt=encrypt, clean=True, verbosity=0)
    database = storage.get_latest_backup(content_type="db", encrypted=encrypt, compressed=True)
    stamp = dbbackup_utils.filename_to_datestring(database)
    files = _write_files_archive(storage, stamp, encrypt)
    storage.clean_old_backups(encrypted=encrypt, compressed=True, content_type="media")
    size = storage.storage.size(database) + storage.storage.size(files)
    return BackupSet(database=database, files=files, size=size)


def list_backup_sets() -> list[BackupSet]:
    """Every complete set in the backup storage, newest first."""
    storage = backup_storage()
    files_by_stamp = {
        dbbackup_utils.filename_to_datestring(name): name
        for name in storage.list_backups(content_type="media")
    }
    sets = []
    for database in storage.list_backups(content_type="db"):
        stamp = dbbackup_utils.filename_to_datestring(database)
        if stamp in files_by_stamp:
            size = storage.storage.size(database) + storage.storage.size(files_by_stamp[stamp])
            sets.append(BackupSet(database=database, files=files_by_stamp[stamp], size=size))
    return sorted(sets, key=lambda backup: dbbackup_utils.filename_to_date(backup.database))[::-1]


def find_backup_set(stamp: str | None = None) -> BackupSet:
    sets = list_backup_sets()
    if stamp:
        sets = [backup for backup in sets if backup.stamp == stamp]
    if not sets:
        raise LookupError(
            f"No backup {stamp} in the backup storage."
            if stamp
            else "No backup (database and files) in the backup storage."
        )
    return sets[0]


def what_is_there() -> dict[str, int]:
    """What a restore would replace: content rows and stored files (non-zero counts only)."""
    counts = {
        "users": get_user_model().objects.count(),
        "member institutions": MemberInstitution.objects.count(),
        "events": Event.objects.count(),
        "documents": Document.objects.count(),
        "articles": Article.objects.count(),
    }
    for folder, get_storage_ in ARCHIVE_FOLDERS.items():
        counts[f"{folder} files"] = sum(1 for _ in walk(get_storage_()))
    return {name: count for name, count in counts.items() if count}


def _decrypt(storage: Storage, name: str, passphrase: str | None, output: str) -> None:
    """Decrypt a backup file with the GPG keyring of the user running the restore.

    Without a passphrase gpg asks its agent (or needs none): never a prompt of ours, so
    a restore runs without a terminal too.
    """
    with storage.read_file(name) as encrypted:
        result = gnupg.GPG().decrypt_file(encrypted, passphrase=passphrase, output=output)
    if not result.ok:
        raise RuntimeError(f"Could not decrypt {name}: {result.status}")


def _restore_database(storage: Storage, backup: BackupSet, passphrase: str | None) -> None:
    options = {"uncompress": True, "interactive": False, "verbosity": 0}
    if not backup.encrypted:
        call_command("dbrestore", input_filename=backup.database, **options)
        return
    with tempfile.TemporaryDirectory(dir=dbbackup_settings.TMP_DIR) as folder:
        plain = os.path.join(folder, backup.database.removesuffix(".gpg"))
        _decrypt(storage, backup.database, passphrase, plain)
        call_command("dbrestore", input_path=plain, **options)


def _restore_files(storage: Storage, backup: BackupSet, passphrase: str | None) -> int:
    if backup.encrypted:
        with tempfile.TemporaryDirectory(dir=dbbackup_settings.TMP_DIR) as folder:
            plain = os.path.join(folder, "files.tar.gz")
            _decrypt(storage, backup.files, passphrase, plain)
            archive = dbbackup_utils.create_spooled_temporary_file(plain)
    else:
        archive = storage.read_file(backup.files)
    archive.seek(0)
    stores = {folder: get_storage_() for folder, get_storage_ in ARCHIVE_FOLDERS.items()}
    restored = 0
    with tarfile.open(fileobj=archive, mode="r:gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            folder, _, stored_name = member.name.partition("/")
            target = stores.get(folder)
            # Only the two storages' own names: nothing absolute, nothing climbing out.
            if (
                target is None
                or not stored_name
                or stored_name.startswith("/")
                or posixpath.normpath(stored_name) != stored_name
                or ".." in stored_name.split("/")
            ):
                logger.warning("Skipping %s: not a file of the site's storages", member.name)
                continue
            if target.exists(stored_name):
                target.delete(stored_name)
            saved = target.save(stored_name, tar.extractfile(member))
            if saved != stored_name:
                raise RuntimeError(f"{stored_name} was stored as {saved}")
            restored += 1
    archive.close()
    return restored


def restore(
    *, stamp: str | None = None, force: bool = False, passphrase: str | None = None
) -> tuple[BackupSet, int]:
    """Bring the site back to a backup set: the database, both storages, the search index.

    Refuses (RestoreRefused) when the database holds content or a storage holds files,
    unless ``force``: then the database is replaced as a whole, files of the backup
    replace files of the same name, and other files are left where they are.
    """
    backup = find_backup_set(stamp)
    present = what_is_there()
    if present and not force:
        raise RestoreRefused(", ".join(f"{count} {name}" for name, count in present.items()))
    storage = backup_storage()
    # No transaction of ours holds a lock that pg_restore's DROP TABLE would wait for.
    connection.close()
    _restore_database(storage, backup, passphrase)
    # The restored rows (and a PostgreSQL restore's new tables) are read afresh.
    connection.close()
    restored = _restore_files(storage, backup, passphrase)
    call_command("rebuild_search_index", no_progress=True, verbosity=0)
    bump_content_version()
    return backup, restored
