"""Count the SQL queries of public pages, for the page benchmark (bench/run.sh).

For each address: the queries of a render with an empty cache ("cold": the filters'
choices and the home page's data built too) and of a second render ("warm": those kept,
the page itself rendered again, as on a page-cache miss). The page cache is off here.

With ``--renders N`` it also renders each page N more times warm and prints the median
time of a render (wall clock, and CPU time of this process: the database's work is not
in it, nor the time other processes had the CPU) and the Python function calls of one
(from cProfile: the same on every machine and however busy it is, unlike the times). ``--profile-dir`` keeps each page's
cProfile statistics there (``python -m pstats FILE`` reads them).
"""

import cProfile
import pstats
import re
import statistics
import time
from pathlib import Path

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext


class Command(BaseCommand):
    help = "Print the SQL queries each given public page makes, cold and warm."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="addresses such as /en/documents/")
        parser.add_argument(
            "--renders", type=int, default=0, help="also time N warm renders of each page"
        )
        parser.add_argument("--profile-dir", help="keep each page's cProfile statistics here")

    def handle(self, *args, paths, renders, profile_dir, **options):
        client = Client()
        with override_settings(PAGE_CACHE=False, ALLOWED_HOSTS=["*"], SECURE_SSL_REDIRECT=False):
            for path in paths:
                cache.clear()
                counts = []
                for _attempt in ("cold", "warm"):
                    with CaptureQueriesContext(connection) as queries:
                        response = client.get(path)
                    counts.append(len(queries))
                line = (
                    f"SQL path={path} status={response.status_code} "
                    f"cold={counts[0]} warm={counts[1]}"
                )
                if renders:
                    line += self.timings(client, path, renders, profile_dir)
                self.stdout.write(line)

    def timings(self, client, path: str, renders: int, profile_dir: str | None) -> str:
        times, cpu_times = [], []
        for _ in range(renders):
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - cpu_started) * 1000)
        profile = cProfile.Profile()
        profile.enable()
        client.get(path)
        profile.disable()
        stats = pstats.Stats(profile)
        if profile_dir:
            folder = Path(profile_dir)
            folder.mkdir(parents=True, exist_ok=True)
            stats.dump_stats(folder / (re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_") + ".prof"))
        return (
            f" ms={statistics.median(times):.1f} cpu_ms={statistics.median(cpu_times):.1f}"
            f" calls={stats.total_calls}"
            f" bytes={len(response.content)}"
        )
