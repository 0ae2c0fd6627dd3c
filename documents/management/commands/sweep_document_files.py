"""Delete stored document files and previews that no row refers to; mend public previews.

``documents.services`` deletes what it stored when its own save fails. A caller's outer
transaction rolled back after the service returned (say, an import aborted half way)
can still leave files that no row names; this command finds and removes them. Files
younger than ``--min-age`` minutes are left alone, so an upload in progress is safe.

It also keeps the public copies of previews (see ``documents.services``) in step with
publication: a public copy whose document is not public (not published, or its event is a
draft) is deleted, and a public document whose public copy is missing gets it back.

And it deletes expired resumable uploads (as ``remove_expired_uploads`` does) and stored
pieces that no upload lists any more (left by a request that failed half way).
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.storage import private_storage, public_storage
from documents import resumable
from documents.models import (
    DOCUMENTS_FOLDER,
    PREVIEWS_FOLDER,
    UPLOADS_FOLDER,
    Document,
    DocumentVersion,
    PartialUpload,
    Revision,
)
from documents.services import publish_preview


class Command(BaseCommand):
    help = (
        "Delete stored document files and previews that no document, version or new version "
        "refers to; keep public previews for public documents only (published, and their "
        "event published)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--min-age", type=int, default=60, help="minutes (default 60)")
        parser.add_argument("--dry-run", action="store_true", help="only list what would go")

    def handle(self, *args, min_age: int, dry_run: bool, **options):
        self.cutoff = timezone.now() - datetime.timedelta(minutes=min_age)
        self.dry_run = dry_run
        previews = set(Document.objects.exclude(preview="").values_list("preview", flat=True))
        referenced = set(Document.objects.values_list("file", flat=True)) | previews
        referenced |= set(DocumentVersion.objects.values_list("file", flat=True))
        # New versions, waiting or decided (an approved one names the same file as its
        # document or an earlier version).
        for file_name, preview_name in Revision.objects.values_list("file", "preview"):
            referenced |= {file_name, preview_name} - {""}
        published = set(
            Document.objects.published().exclude(preview="").values_list("preview", flat=True)
        )
        expired_uploads = PartialUpload.objects.expired()
        expired = expired_uploads.count() if dry_run else resumable.remove_expired()
        # The pieces of uploads that have not expired; the others go with their uploads.
        referenced |= resumable.referenced_pieces(PartialUpload.objects.current())
        removed = self.sweep(
            private_storage(), (DOCUMENTS_FOLDER, PREVIEWS_FOLDER, UPLOADS_FOLDER), referenced
        )
        removed += self.sweep(public_storage(), (PREVIEWS_FOLDER,), published)
        restored = 0
        public = public_storage()
        for name in sorted(published):
            if not public.exists(name) and private_storage().exists(name):
                self.stdout.write(f"{'Would restore' if dry_run else 'Restoring'} public {name}")
                if not dry_run:
                    publish_preview(name)
                restored += 1
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{removed} unreferenced files {verb} deleted, "
            f"{restored} public previews {verb} restored, "
            f"{expired} expired uploads {verb} deleted."
        )

    def sweep(self, storage, folders, keep: set[str]) -> int:
        removed = 0
        for folder in folders:
            if not storage.exists(folder):
                continue
            _, names = storage.listdir(folder)
            for filename in names:
                name = f"{folder}/{filename}"
                if name in keep or storage.get_modified_time(name) > self.cutoff:
                    continue
                self.stdout.write(f"{'Would delete' if self.dry_run else 'Deleting'} {name}")
                if not self.dry_run:
                    storage.delete(name)
                removed += 1
        return removed
