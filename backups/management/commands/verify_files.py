"""manage.py verify_files: is every stored file the database names there and whole?"""

from django.core.management.base import BaseCommand, CommandError

from backups.models import RunKind
from backups.services import recorded_run
from backups.verification import verify_files


class Command(BaseCommand):
    help = (
        "Check every stored file the database refers to (documents, earlier versions, "
        "previews, logos, news images): present, same size and SHA-256 where recorded, "
        "images readable. Lists files nothing refers to (without deleting them: "
        "sweep_document_files does that). Exits non-zero when any file is missing or damaged."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet",
            action="store_true",
            help="print only missing or damaged files (for cron: no output, no mail)",
        )

    def handle(self, *args, quiet=False, **options):
        with recorded_run(RunKind.VERIFY) as run:
            report = verify_files()
            run.files_checked = report.checked
            run.problems = len(report.problems)
            run.succeeded = report.is_whole
            lines = [str(problem) for problem in report.problems]
            run.summary = (
                f"{report.checked} files checked, {len(report.problems)} missing or damaged, "
                f"{len(report.unreferenced)} not referenced"
            )
            run.details = "\n".join(
                lines + [f"NOT REFERENCED: {alias} {name}" for alias, name in report.unreferenced]
            )
        for line in lines:
            self.stderr.write(line)
        if not quiet:
            if report.unreferenced:
                self.stdout.write(
                    "Stored files that nothing refers to (sweep_document_files deletes "
                    "unreferenced document files):"
                )
                for alias, name in report.unreferenced:
                    self.stdout.write(f"  {alias} {name}")
            if report.is_whole:
                self.stdout.write(self.style.SUCCESS(f"All {report.checked} files are whole."))
        if not report.is_whole:
            raise CommandError(
                f"{len(report.problems)} of {report.checked} stored files are missing or damaged."
            )
