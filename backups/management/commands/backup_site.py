"""manage.py backup_site: the database and both storages, into the backup storage."""

from dbbackup.utils import bytes_to_str
from django.core.management.base import BaseCommand

from backups.models import RunKind
from backups.services import back_up, recorded_run


class Command(BaseCommand):
    help = (
        "Back up the database and both file storages (public and private) into the "
        "backup storage (BACKUP_DIR), compressed, encrypted with GPG when "
        "BACKUP_GPG_RECIPIENT is set; keep the BACKUP_KEEP newest backups."
    )

    def handle(self, *args, verbosity=1, **options):
        with recorded_run(RunKind.BACKUP) as run:
            backup = back_up()
            run.size = backup.size
            run.summary = f"{backup.database}, {backup.files}"
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backup {backup.stamp} written ({bytes_to_str(backup.size)} in all): "
                    f"{backup.database}, {backup.files}"
                )
            )
