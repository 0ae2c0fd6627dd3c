"""Delete the resumable uploads that expired, and their stored pieces.

A file sent in pieces (``documents.tus``) is kept ``UPLOAD_EXPIRY_HOURS`` after its last
piece arrived, for its sender to resume it or to send the form that names it; after that
it is of no use. Run it every hour or so (cron; docker-compose.yml's ``housekeeping``
service); ``sweep_document_files`` runs it as well.
"""

from django.core.management.base import BaseCommand

from documents.resumable import remove_expired


class Command(BaseCommand):
    help = "Delete expired resumable uploads (files sent in part, or never used) and their pieces."

    def handle(self, *args, **options):
        removed = remove_expired()
        if options["verbosity"]:
            self.stdout.write(f"{removed} expired uploads were deleted.")
