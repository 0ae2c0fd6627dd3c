"""Delete stored document files and previews that no row refers to.

``documents.services`` deletes what it stored when its own save fails. A caller's outer
transaction rolled back after the service returned (say, an import aborted half way)
can still leave files that no row names; this command finds and removes them. Files
younger than ``--min-age`` minutes are left alone, so an upload in progress is safe.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from documents.models import Document, DocumentVersion

FOLDERS = ("private/documents", "previews")


class Command(BaseCommand):
    help = "Delete stored document files and previews that no document or version refers to."

    def add_arguments(self, parser):
        parser.add_argument("--min-age", type=int, default=60, help="minutes (default 60)")
        parser.add_argument("--dry-run", action="store_true", help="only list what would go")

    def handle(self, *args, min_age: int, dry_run: bool, **options):
        storage = Document._meta.get_field("file").storage
        referenced = set(Document.objects.values_list("file", flat=True))
        referenced |= set(Document.objects.exclude(preview="").values_list("preview", flat=True))
        referenced |= set(DocumentVersion.objects.values_list("file", flat=True))
        cutoff = timezone.now() - datetime.timedelta(minutes=min_age)
        removed = 0
        for folder in FOLDERS:
            if not storage.exists(folder):
                continue
            _, names = storage.listdir(folder)
            for filename in names:
                name = f"{folder}/{filename}"
                if name in referenced or storage.get_modified_time(name) > cutoff:
                    continue
                self.stdout.write(f"{'Would delete' if dry_run else 'Deleting'} {name}")
                if not dry_run:
                    storage.delete(name)
                removed += 1
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"{removed} unreferenced files {verb}.")
