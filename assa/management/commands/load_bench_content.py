"""Add a realistic volume of placeholder content, for the page benchmark (bench/run.sh).

Run it on a database of its own, after ``load_demo``, never on production. It adds
articles, events and published documents with placeholder text in English and Khmer
(rows marked by slugs or file names starting with "bench-"), shares one small PDF among
the documents, and rebuilds the search index. Run again, it adds nothing.
"""

from __future__ import annotations

import datetime
import hashlib

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from core.storage import private_storage
from documents.models import Document, DocumentKind, DocumentStatus
from events.models import Event, EventKind, EventStatus
from members.models import MemberInstitution
from news.models import Article, ArticleStatus
from search.index import rebuild

PARAGRAPH_EN = (
    "<p>Member institutions compared how they extend social security coverage to "
    "workers in the informal economy, and agreed to share their data and practice.</p>"
)
PARAGRAPH_KM = "<p>ស្ថាប័នសមាជិកបានពិភាក្សាអំពីការពង្រីកវិសាលភាពសន្តិសុខសង្គម។</p>"
PDF = b"%PDF-1.4\n% placeholder document for the page benchmark\n%%EOF\n"
EVENT_KINDS = [EventKind.SEMINAR, EventKind.WORKING_GROUP, EventKind.FORUM, EventKind.OTHER]


class Command(BaseCommand):
    help = "Add placeholder articles, events and documents for the page benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=220)
        parser.add_argument("--events", type=int, default=60)
        parser.add_argument("--documents", type=int, default=500)

    def handle(self, *args, articles: int, events: int, documents: int, **options):
        institutions = list(MemberInstitution.objects.order_by("pk"))
        if not institutions:
            self.stderr.write("Load the demo first: manage.py load_demo")
            return
        start = timezone.now() - datetime.timedelta(days=1)
        with transaction.atomic():
            made_events = self._events(events, institutions, start)
            self._articles(articles, institutions, made_events, start)
            self._documents(documents, institutions, made_events, start)
        counts = rebuild()
        self.stdout.write(f"Search index rebuilt: {counts}")

    def _events(self, count, institutions, start) -> list[Event]:
        existing = Event.objects.filter(slug__startswith="bench-").count()
        rows = []
        for n in range(existing, count):
            day = (start - datetime.timedelta(days=9 * n)).date()
            rows.append(
                Event(
                    kind=EVENT_KINDS[n % len(EVENT_KINDS)],
                    title_en=f"Regional workshop on social protection {n}",
                    title_km=f"សិក្ខាសាលាថ្នាក់តំបន់ស្តីពីកិច្ចគាំពារសង្គម {n}",
                    summary_en="Delegates of the member institutions met to compare practice.",
                    body_en=PARAGRAPH_EN * 12,
                    body_km=PARAGRAPH_KM * 12,
                    slug=f"bench-{n}",
                    host=institutions[n % len(institutions)],
                    country=institutions[n % len(institutions)].country,
                    city_en="Phnom Penh",
                    starts_on=day,
                    ends_on=day + datetime.timedelta(days=1),
                    status=EventStatus.HELD,
                    is_published=True,
                )
            )
        Event.objects.bulk_create(rows)
        self.stdout.write(f"Events: {len(rows)} added")
        return list(Event.objects.filter(slug__startswith="bench-").order_by("pk"))

    def _articles(self, count, institutions, events, start) -> None:
        existing = Article.objects.filter(slug__startswith="bench-").count()
        rows = [
            Article(
                title_en=f"Social security news item {n}",
                title_km=f"ព័ត៌មានសន្តិសុខសង្គម {n}",
                summary_en="A short summary of the news for lists and feeds.",
                summary_km="សេចក្តីសង្ខេបខ្លីនៃព័ត៌មាន។",
                body_en=PARAGRAPH_EN * 15,
                body_km=PARAGRAPH_KM * 15,
                slug=f"bench-{n}",
                source_institution=institutions[n % len(institutions)],
                related_event=events[n % len(events)] if events and n % 3 == 0 else None,
                status=ArticleStatus.PUBLISHED,
                published_at=start - datetime.timedelta(days=3 * n),
            )
            for n in range(existing, count)
        ]
        Article.objects.bulk_create(rows)
        self.stdout.write(f"Articles: {len(rows)} added")

    def _documents(self, count, institutions, events, start) -> None:
        existing = Document.objects.filter(original_name__startswith="bench-").count()
        name = "bench/placeholder.pdf"
        # Documents' files are private (assa.storage); the recorded checksum is the file's.
        if not private_storage().exists(name):
            name = private_storage().save(name, ContentFile(PDF))
        digest = hashlib.sha256(PDF).hexdigest()
        kinds = [kind for kind, _label in DocumentKind.choices]
        rows = [
            Document(
                title_en=f"Paper on extending coverage, number {n}",
                title_km=f"ឯកសារស្តីពីការពង្រីកវិសាលភាព លេខ {n}",
                description_en="A paper presented by a member institution. " * 8,
                kind=kinds[n % len(kinds)],
                language="en" if n % 4 else "km",
                institution=institutions[n % len(institutions)],
                event=events[n % len(events)] if events and n % 2 == 0 else None,
                file=name,
                original_name=f"bench-{n}.pdf",
                content_type="application/pdf",
                size=len(PDF),
                sha256=digest,
                page_count=1,
                status=DocumentStatus.APPROVED,
                published_at=start - datetime.timedelta(days=2 * n),
            )
            for n in range(existing, count)
        ]
        Document.objects.bulk_create(rows)
        self.stdout.write(f"Documents: {len(rows)} added")
