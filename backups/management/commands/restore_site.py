"""manage.py restore_site: bring the site back to a backup made by backup_site."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from backups.models import RunKind
from backups.services import RestoreRefused, list_backup_sets, recorded_run, restore


class Command(BaseCommand):
    help = (
        "Restore the database and both file storages from a backup (the newest, or "
        "--backup STAMP), then rebuild the search index, clear the page cache and check "
        "every file. Refuses when the site already holds content or files, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--backup", metavar="STAMP", help="the backup's time stamp, as --list shows it"
        )
        parser.add_argument("--list", action="store_true", help="list the backups and stop")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the database and same-named files even though the site is not empty",
        )
        parser.add_argument(
            "--passphrase", help="of the GPG key, for an encrypted backup (else gpg-agent asks)"
        )

    def handle(self, *args, backup=None, list=False, force=False, passphrase=None, **options):
        verbosity = options["verbosity"]
        if list:
            for found in list_backup_sets():
                self.stdout.write(
                    f"{found.stamp}  {found.size:>12} bytes  {found.database}  {found.files}"
                )
            return
        try:
            with recorded_run(RunKind.RESTORE) as run:
                restored, files = restore(stamp=backup, force=force, passphrase=passphrase)
                run.size = restored.size
                run.summary = f"{restored.database}, {restored.files}: {files} files"
        except RestoreRefused as refused:
            raise CommandError(
                f"This site is not empty ({refused}). A restore replaces the database as a "
                "whole and files of the same name: run again with --force to do that."
            ) from refused
        except LookupError as missing:
            raise CommandError(str(missing)) from missing
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Restored backup {restored.stamp}: the database and {files} files; "
                    "search index rebuilt, page cache cleared. Checking the files:"
                )
            )
        call_command("verify_files", quiet=verbosity == 0, stdout=self.stdout, stderr=self.stderr)
