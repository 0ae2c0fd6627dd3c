"""Fill PostgreSQL with many bilingual articles and documents, then time search pages.

Run it against a database of its own, never production:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/assa_search_bench \\
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/assa_search_bench \\
        .venv/bin/python manage.py benchmark_search

It adds 20,000 articles and 50,000 documents (English and Khmer titles, summaries and
descriptions; articles with bodies in both languages; documents with PDF files whose
text is searched), builds their index through the real indexing code, then asks for
results pages of Khmer and English queries through Django's test client (URL routing,
view, queries, excerpts, template) and prints the median and 95th percentile time.
Rows it made have slugs or paths starting with "bench-"; ``--clean`` removes them.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.utils import timezone, translation
from tqdm import tqdm

from documents.models import Document
from news.models import Article
from search.index import rebuild
from search.models import SearchEntry
from search.results import search
from search.text import parse_query


def _words(text: str) -> list[str]:
    return text.split()


KHMER_WORDS = _words(
    "សន្តិសុខ សង្គម បេឡាជាតិ របប កិច្ចប្រជុំ ក្រុមប្រឹក្សាភិបាល កម្មករ និយោជិត ធានារ៉ាប់រង "
    "សុខភាព សោធន និវត្តន៍ គ្រោះថ្នាក់ ការងារ កិច្ចគាំពារ ស្ត្រី កុមារ ពលករ ចំណាកស្រុក "
    "គោលនយោបាយ ស្ថាប័ន សមាជិក អាស៊ាន ប្រទេស កម្ពុជា ឡាវ ថៃ វៀតណាម ម៉ាឡេស៊ី ឥណ្ឌូណេស៊ី "
    "ហ្វីលីពីន សិង្ហបុរី ព្រឹត្តិការណ៍ ឯកសារ ព័ត៌មាន របាយការណ៍ ការស្រាវជ្រាវ ការអភិវឌ្ឍ "
    "អត្ថប្រយោជន៍ ប្រាក់ឈ្នួល សេវា ឌីជីថល ការចុះឈ្មោះ សហគ្រាស រដ្ឋាភិបាល ក្រសួង "
    "មន្ទីរពេទ្យ ថវិកា ឆ្នាំ ខែ ថ្ងៃ លេខាធិការដ្ឋាន ប្រធាន អនុប្រធាន វេទិកា សិក្ខាសាលា "
    "បាន និង នៅ ក្នុង សម្រាប់ ដើម្បី របស់ ជាមួយ ពី លើ ដែល ត្រូវ ការ ថ្មី ទាំងអស់ គ្នា "
    "ពិភាក្សា អនុម័ត រៀបចំ ពង្រឹង ពង្រីក ផ្តល់ ទទួល គាំទ្រ សហការ"
)

ENGLISH_WORDS = _words(
    "social security protection coverage workers employers insurance health pension "
    "retirement accident employment benefits contributions members institutions board "
    "meeting meetings forum seminar workshop report research policy reform digital "
    "services registration enterprises government ministry hospital budget year month "
    "secretariat chairman delegates agreement cooperation informal sector migrant "
    "women children families sickness maternity unemployment disability survivors "
    "actuarial valuation investment fund funds savings provident portability claims "
    "payments online system systems data review progress plan strategy regional national "
    "the of and in for to with on by from at a an new all their its this that"
)

# One text in a few hundred also names a rarer place or scheme: selective queries.
RARE_KHMER = ["វៀងចន្ទន៍", "ស្វាយរៀង", "បាត់ដំបង", "កំពត"]
RARE_ENGLISH = ["Vientiane", "Yogyakarta", "portability", "telemedicine"]
KHMER_QUERIES = [
    "សន្តិសុខ",
    "សន្តិសុខសង្គម",
    "កម្មករ",
    "ធានារ៉ាប់រងសុខភាព",
    "សោធននិវត្តន៍",
    "ស្វាយរៀង",
    "កំពតសន្តិសុខ",
    "បាត់ដំបង",
]
ENGLISH_QUERIES = [
    "social security",
    "meetings",
    "health insurance",
    "pension reform",
    "informal workers",
    "Vientiane",
    "telemedicine workers",
    "Yogyakarta",
]
PDF_FILES = 200


def khmer_sentence(rng: random.Random, words: int) -> str:
    # Khmer is written without spaces between words; a space ends a phrase.
    chosen = [rng.choice(KHMER_WORDS) for _ in range(words)]
    if rng.random() < 0.004:
        chosen[rng.randrange(words)] = rng.choice(RARE_KHMER)
    return "".join(chosen) + "។"


def khmer_text(rng: random.Random, sentences: int) -> str:
    return " ".join(khmer_sentence(rng, rng.randint(6, 14)) for _ in range(sentences))


def english_sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(ENGLISH_WORDS) for _ in range(words)]
    if rng.random() < 0.004:
        chosen[rng.randrange(words)] = rng.choice(RARE_ENGLISH)
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def english_text(rng: random.Random, sentences: int) -> str:
    return " ".join(english_sentence(rng, rng.randint(8, 18)) for _ in range(sentences))


def text_pdf(lines: list[str]) -> bytes:
    """A PDF whose pages show ``lines`` in Helvetica (45 lines a page)."""
    pages = [lines[i : i + 45] for i in range(0, len(lines), 45)] or [[]]
    objects: list[bytes] = [b"", b""]  # catalog and page tree, filled in below
    kids = []
    font_number = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for page_lines in pages:
        commands = ["BT", "/F1 10 Tf", "14 TL", "50 760 Td"]
        for line in page_lines:
            safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            commands.append(f"({safe}) Tj T*")
        commands.append("ET")
        stream = "\n".join(commands).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_number = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (font_number, content_number)
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = "Fill PostgreSQL with bilingual articles and documents and time search pages."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=20_000)
        parser.add_argument("--documents", type=int, default=50_000)
        parser.add_argument("--runs", type=int, default=30, help="Requests per query.")
        parser.add_argument("--skip-fill", action="store_true", help="Time the data already there.")
        parser.add_argument("--clean", action="store_true", help="Remove the benchmark's rows.")
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument(
            "--allow-sqlite", action="store_true", help="Run on SQLite too (small sizes only)."
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql" and not options["allow_sqlite"]:
            raise CommandError("The benchmark is meant for PostgreSQL: set DATABASE_URL.")
        settings.DEBUG = False  # no query log kept in memory while filling and timing
        if options["clean"]:
            self.clean()
            return
        if not options["skip_fill"]:
            self.fill(options["articles"], options["documents"], random.Random(options["seed"]))
        self.measure(options["runs"])

    # --- filling ------------------------------------------------------------------------

    def clean(self) -> None:
        articles = Article.objects.filter(slug__startswith="bench-")
        documents = Document.objects.filter(original_name__startswith="bench-")
        SearchEntry.objects.filter(kind="article", object_id__in=articles.values("pk")).delete()
        SearchEntry.objects.filter(kind="document", object_id__in=documents.values("pk")).delete()
        self.stdout.write(f"Removed {articles._raw_delete(articles.db)} articles")
        self.stdout.write(f"Removed {documents._raw_delete(documents.db)} documents")

    def fill(self, articles: int, documents: int, rng: random.Random) -> None:
        existing_articles = Article.objects.filter(slug__startswith="bench-").count()
        existing_documents = Document.objects.filter(original_name__startswith="bench-").count()
        now = timezone.now()
        start = datetime.datetime(2010, 1, 1, tzinfo=datetime.UTC)
        span = (now - start).total_seconds()

        batch = []
        for n in tqdm(
            range(existing_articles, articles), desc="Articles", file=self.stderr, unit="row"
        ):
            batch.append(
                Article(
                    slug=f"bench-article-{n}",
                    title_en=english_sentence(rng, rng.randint(5, 10))[:-1],
                    title_km=khmer_sentence(rng, rng.randint(4, 8)),
                    summary_en=english_text(rng, 2),
                    summary_km=khmer_text(rng, 2),
                    body_en="".join(f"<p>{english_text(rng, 4)}</p>" for _ in range(4)),
                    body_km="".join(f"<p>{khmer_text(rng, 3)}</p>" for _ in range(4)),
                    status="published" if rng.random() > 0.05 else "draft",
                    # One in a hundred is scheduled for later.
                    published_at=start + datetime.timedelta(seconds=rng.random() * span)
                    if rng.random() > 0.01
                    else now + datetime.timedelta(days=rng.randint(1, 30)),
                )
            )
            if len(batch) == 1000:
                Article.objects.bulk_create(batch)
                batch = []
        Article.objects.bulk_create(batch)

        files = self.make_pdfs(rng)
        batch = []
        for n in tqdm(
            range(existing_documents, documents), desc="Documents", file=self.stderr, unit="row"
        ):
            name, size, digest = files[n % len(files)]
            published = start + datetime.timedelta(seconds=rng.random() * span)
            batch.append(
                Document(
                    title_en=english_sentence(rng, rng.randint(5, 12))[:-1],
                    title_km=khmer_sentence(rng, rng.randint(4, 9)),
                    description_en=english_text(rng, 2),
                    description_km=khmer_text(rng, 1),
                    kind="paper",
                    language="en",
                    file=name,
                    original_name=f"bench-paper-{n}.pdf",
                    content_type="application/pdf",
                    size=size,
                    sha256=digest,
                    page_count=2,
                    status="approved" if rng.random() > 0.05 else "submitted",
                    published_at=published,
                    decided_at=published,
                )
            )
            if len(batch) == 1000:
                Document.objects.bulk_create(batch)
                batch = []
        Document.objects.bulk_create(batch)

        self.stdout.write("Indexing (the real indexing code, PDF text read once per file)...")
        total = (
            Article.objects.filter(status="published").count()
            + Document.objects.published().count()
        )
        started = time.perf_counter()
        with tqdm(total=total, desc="Indexing", file=self.stderr, unit="row") as bar:
            rebuild(["article", "document"], progress=bar.update)
        self.stdout.write(f"Indexed {total:,} rows in {time.perf_counter() - started:.0f} s")

    def make_pdfs(self, rng: random.Random) -> list[tuple[str, int, str]]:
        """PDF_FILES different papers of about 90 lines of English text each."""
        folder = Path(settings.PRIVATE_MEDIA_ROOT) / "documents" / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        files = []
        for number in range(PDF_FILES):
            lines = [english_sentence(rng, rng.randint(9, 14)) for _ in range(90)]
            if number % 20 == 0:  # a few papers on a rarer subject
                lines[rng.randrange(90)] += f" {rng.choice(RARE_ENGLISH)}."
            data = text_pdf(lines)
            path = folder / f"bench-{number}.pdf"
            path.write_bytes(data)
            files.append(
                (
                    f"documents/bench/bench-{number}.pdf",
                    len(data),
                    hashlib.sha256(data).hexdigest(),
                )
            )
        return files

    # --- measuring ----------------------------------------------------------------------

    def measure(self, runs: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics after the bulk fill
        client = Client()
        articles = Article.objects.count()
        documents = Document.objects.count()
        entries = SearchEntry.objects.count()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_size_pretty(pg_total_relation_size('assa_searchentry')), "
                "pg_size_pretty(pg_relation_size('searchentry_vector_gin'))"
            )
            table_size, gin_size = cursor.fetchone()
        self.stdout.write(
            f"Data: {articles:,} articles, {documents:,} documents, {entries:,} index rows "
            f"(table with TOAST and indexes {table_size}, GIN index {gin_size})"
        )
        groups = {
            "Khmer": [("km", q) for q in KHMER_QUERIES],
            "English": [("en", q) for q in ENGLISH_QUERIES],
        }
        for label, queries in groups.items():
            timings: list[float] = []
            for language, q in queries:
                url = f"/{language}/search/"
                client.get(url, {"q": q})  # warm up: model loading, plans
                statements: list[str] = []

                def count(execute, sql, params, many, context, statements=statements):
                    statements.append(sql)
                    return execute(sql, params, many, context)

                with connection.execute_wrapper(count):
                    client.get(url, {"q": q})
                with translation.override(language):
                    total = search(parse_query(q)).total
                own: list[float] = []
                for page in ("1", "2"):
                    for _ in range(runs // 2):
                        began = time.perf_counter()
                        response = client.get(url, {"q": q, "page": page})
                        own.append((time.perf_counter() - began) * 1000)
                        assert response.status_code == 200
                timings += own
                self.stdout.write(
                    f"  {label:7} {q!r:>24}: {total:>6} results, {len(statements)} statements, "
                    f"median {statistics.median(own):6.1f} ms, p95 {percentile(own, 0.95):6.1f} ms"
                )
            self.stdout.write(
                self.style.SUCCESS(
                    f"{label}: {len(timings)} pages, median {statistics.median(timings):.1f} ms, "
                    f"p95 {percentile(timings, 0.95):.1f} ms"
                )
            )
