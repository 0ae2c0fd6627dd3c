from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from legacy.importer import import_pages, page_files


class Command(BaseCommand):
    help = (
        "Import pages of the old Isomer/Jekyll site (Markdown with front matter) as events, "
        "with their presentations and the files they link to. PATH is a page or a folder of "
        "pages; --files-dir is the folder holding the old site's /files/ tree. Running it "
        "again updates in place; --dry-run saves nothing and prints what it would do."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--files-dir",
            type=Path,
            required=True,
            metavar="DIR",
            help="The folder that holds the old site's /files/ tree (what /files/ pointed to).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Change nothing (no rows, no stored files); print what would be done.",
        )

    def handle(self, *args, paths, files_dir, dry_run, **options):
        for path in paths:
            if not path.exists():
                raise CommandError(f"{path} does not exist.")
        if not files_dir.is_dir():
            raise CommandError(f"--files-dir {files_dir} is not a folder.")
        if not page_files(paths):
            raise CommandError("No pages (.md, .markdown) found in the paths given.")
        # The old site was in English; the report shows the English addresses.
        with translation.override("en"):
            report = import_pages(paths, files_dir, dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(line)
