"""Count the SQL queries of public pages, for the page benchmark (bench/run.sh).

For each address: the queries of a render with an empty cache ("cold": the filters'
choices and the home page's data built too) and of a second render ("warm": those kept,
the page itself rendered again, as on a page-cache miss). The page cache is off here.
"""

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext


class Command(BaseCommand):
    help = "Print the SQL queries each given public page makes, cold and warm."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="addresses such as /en/documents/")

    def handle(self, *args, paths, **options):
        client = Client()
        with override_settings(PAGE_CACHE=False, ALLOWED_HOSTS=["*"], SECURE_SSL_REDIRECT=False):
            for path in paths:
                cache.clear()
                counts = []
                for _attempt in ("cold", "warm"):
                    with CaptureQueriesContext(connection) as queries:
                        response = client.get(path)
                    counts.append(len(queries))
                self.stdout.write(
                    f"SQL path={path} status={response.status_code} "
                    f"cold={counts[0]} warm={counts[1]}"
                )
