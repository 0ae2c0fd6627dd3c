from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.index import count_indexable, rebuild
from search.sources import SOURCES


class Command(BaseCommand):
    help = (
        "Rebuild the site search index from the published news, events, documents and "
        "member institutions: after an import, a restore or an upgrade of the search. "
        "PDF text already in the index is kept when the file has not changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            choices=list(SOURCES),
            help="Only this kind (may be repeated). Default: every kind.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress bar."
        )

    def handle(self, *args, kind=None, no_progress=False, verbosity=1, **options):
        kinds = kind or list(SOURCES)
        total = count_indexable(kinds)
        with tqdm(
            total=total,
            unit="item",
            desc="Indexing",
            disable=no_progress or verbosity == 0,
            file=self.stderr,
        ) as bar:
            written = rebuild(kinds, progress=bar.update)
        if verbosity:
            summary = ", ".join(f"{count} {name}" for name, count in written.items())
            self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {summary}."))
