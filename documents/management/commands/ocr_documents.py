"""Recognise the text of scanned documents (OCR) here and now, with a progress bar.

For documents stored before OCR existed (after the upgrade that brought it), or while
Tesseract was not installed: by default every document still "waiting". Running it again
reads only what is still waiting, so it can be stopped and run again at any time.
``--failed`` tries the failed ones again; ``--again`` reads every PDF and image again
(after upgrading Tesseract or its models, say). New uploads need none of this: the worker
reads them (``documents.tasks.read_scan``).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from tqdm import tqdm

from documents import ocr
from documents.models import Document, OcrStatus


class Command(BaseCommand):
    help = (
        "Recognise the text of scanned documents (OCR) with Tesseract: the documents "
        "waiting to be read (or those given by number). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "ids", nargs="*", type=int, help="read these documents (numbers), whatever their status"
        )
        parser.add_argument(
            "--failed", action="store_true", help="also try again those that failed"
        )
        parser.add_argument(
            "--again", action="store_true", help="read every PDF and image again, even if read"
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="do not show the progress bar"
        )

    def handle(self, *args, ids, failed, again, no_progress, verbosity=1, **options):
        state = ocr.availability()
        if not state.available:
            raise CommandError(state.message())
        documents = Document.objects.all()
        if ids:
            documents = documents.filter(pk__in=ids)
        force = again or failed or bool(ids)
        if again or ids:
            documents = documents.filter(content_type__in=ocr.READABLE_TYPES)
        else:
            wanted = Q(ocr_status=OcrStatus.WAITING)
            if failed:
                wanted |= Q(ocr_status=OcrStatus.FAILED)
            documents = documents.filter(wanted)
        pks = list(documents.order_by("pk").values_list("pk", flat=True))
        if not pks:
            if verbosity:
                self.stdout.write("Nothing to read: every scanned document has been read.")
            return
        outcomes: dict[str, int] = {}
        with tqdm(
            total=len(pks),
            unit="document",
            desc="Reading scans",
            disable=no_progress or verbosity == 0,
            file=self.stderr,
        ) as bar:
            for pk in pks:
                status = ocr.read_document(pk, again=force)
                key = status or "skipped"
                outcomes[key] = outcomes.get(key, 0) + 1
                bar.update(1)
        if verbosity:
            labels = {
                OcrStatus.DONE: "read",
                OcrStatus.NOT_NEEDED: "had text of their own",
                OcrStatus.FAILED: "failed (see their notes in the admin)",
                "skipped": "skipped (gone, or being read elsewhere)",
            }
            summary = ", ".join(
                f"{outcomes[key]} {label}" for key, label in labels.items() if key in outcomes
            )
            documents = "document" if len(pks) == 1 else "documents"
            self.stdout.write(self.style.SUCCESS(f"{len(pks)} {documents}: {summary}."))
