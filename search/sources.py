"""What search indexes of each kind of content, and which rows are public.

One ``Source`` per kind. ``indexable()`` is the rows that belong in the index (built on
each app's own QuerySet methods, so "what is public" is decided by the app);
``public()`` is what the results page may show right now, checked again when a page of
results is displayed. News differs between the two: an article published for a later
time is indexed already, with ``visible_from``, and shown only from then on.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.utils import timezone, translation
from django.utils.html import strip_tags

from core.i18n import language_codes
from search.models import SearchKind

# Weights of PostgreSQL's ranking: A counts most.
TITLE, SUMMARY, BODY, FILE = "A", "B", "C", "D"


@dataclass
class Content:
    """The searchable text of one object, by language and weight."""

    parts: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: {"en": [], "km": []})
    date: datetime.date | None = None
    visible_from: datetime.datetime | None = None
    file: object | None = None  # a FieldFile of a PDF
    file_sha256: str = ""
    # The text recognised in a scan (OCR), already known: it is read from the row.
    scan_text: str = ""

    def add(self, language: str, weight: str, text) -> None:
        text = (text or "").strip()
        if text:
            self.parts[language].append((weight, text))


BLOCK_TAG = re.compile(
    r"<(?=/?(?:p|div|br|li|h[1-6]|blockquote|tr|td|th|ul|ol|table|hr)\b)", re.IGNORECASE
)


def plain(rich_text: str) -> str:
    """Rich text (HTML) as plain text: a block's end is a line break, not glued words."""
    return html.unescape(strip_tags(BLOCK_TAG.sub("\n<", rich_text or ""))).strip()


def local_date(moment) -> datetime.date | None:
    if moment is None:
        return None
    if isinstance(moment, datetime.datetime):
        return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
    return moment


class Source:
    kind: str
    model_label: str
    # The columns a result of this kind shows (``shown``).
    result_fields: tuple[str, ...] = ()

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def indexable(self) -> models.QuerySet:
        raise NotImplementedError

    def public(self) -> models.QuerySet:
        return self.indexable()

    def shown(self) -> models.QuerySet:
        """``public()`` with only the columns a result shows (the texts stay behind)."""
        objects = self.public()
        return objects.only(*self.result_fields) if self.result_fields else objects

    def content(self, obj) -> Content:
        raise NotImplementedError


class ArticleSource(Source):
    kind = SearchKind.ARTICLE
    model_label = "news.Article"
    result_fields = ("title", "slug")

    def indexable(self):
        from news.models import ArticleStatus

        # Published, whether its time has come or not: visible_from hides it until then.
        return self.model.objects.filter(status=ArticleStatus.PUBLISHED)

    def public(self):
        return self.model.objects.published()

    def content(self, article) -> Content:
        content = Content(date=local_date(article.published_at), visible_from=article.published_at)
        for code in language_codes():
            content.add(code, TITLE, getattr(article, f"title_{code}", ""))
            content.add(code, SUMMARY, getattr(article, f"summary_{code}", ""))
            content.add(code, BODY, plain(getattr(article, f"body_{code}", "")))
        return content


class EventSource(Source):
    kind = SearchKind.EVENT
    model_label = "events.Event"
    result_fields = ("kind", "slug", "number", "title")

    def indexable(self):
        return self.model.objects.published().prefetch_related("presentations")

    def public(self):
        return self.model.objects.published()

    def content(self, event) -> Content:
        content = Content(date=event.starts_on)
        for code in language_codes():
            if event.numbered_name:
                with translation.override(code):
                    content.add(code, TITLE, event.numbered_name)
            content.add(code, TITLE, getattr(event, f"title_{code}", ""))
            content.add(code, SUMMARY, getattr(event, f"summary_{code}", ""))
            content.add(code, BODY, plain(getattr(event, f"body_{code}", "")))
            content.add(code, BODY, getattr(event, f"city_{code}", ""))
        # The programme: what was presented, and by whom.
        for presentation in event.presentations.all():
            for code in language_codes():
                content.add(code, BODY, getattr(presentation, f"title_{code}", ""))
                content.add(code, BODY, getattr(presentation, f"speaker_role_{code}", ""))
            content.add("en", BODY, presentation.speaker_name)
        return content


class DocumentSource(Source):
    kind = SearchKind.DOCUMENT
    model_label = "documents.Document"
    result_fields = (
        "title",
        "content_type",
        "original_name",
        "institution",
        "institution__acronym",
    )

    def indexable(self):
        return self.model.objects.published().select_related("event")

    def public(self):
        return self.model.objects.published().select_related("institution")

    def content(self, document) -> Content:
        # The same year as the library's filter: the event's, else the publication's.
        date = document.event.starts_on if document.event_id else None
        content = Content(date=date or local_date(document.published_at))
        for code in language_codes():
            content.add(code, TITLE, getattr(document, f"title_{code}", ""))
            content.add(code, SUMMARY, getattr(document, f"description_{code}", ""))
        if document.is_pdf and document.file:
            content.file = document.file
            content.file_sha256 = document.sha256
        content.scan_text = document.scan_text
        return content


class MemberSource(Source):
    kind = SearchKind.MEMBER
    model_label = "members.MemberInstitution"
    result_fields = ("name", "slug", "acronym", "country")

    def indexable(self):
        return self.model.objects.active()

    def content(self, institution) -> Content:
        content = Content()
        for code in language_codes():
            content.add(code, TITLE, getattr(institution, f"name_{code}", ""))
            content.add(code, TITLE, institution.acronym)
            content.add(code, BODY, getattr(institution, f"description_{code}", ""))
        return content


class PageSource(Source):
    kind = SearchKind.PAGE
    model_label = "pages.Page"
    result_fields = ("title", "slug")

    def indexable(self):
        return self.model.objects.published()

    def content(self, page) -> Content:
        content = Content()
        for code in ("en", "km"):
            content.add(code, TITLE, getattr(page, f"title_{code}", ""))
            content.add(code, SUMMARY, getattr(page, f"summary_{code}", ""))
            content.add(code, BODY, plain(getattr(page, f"body_{code}", "")))
        return content


SOURCES: dict[str, Source] = {
    source.kind: source
    for source in (ArticleSource(), EventSource(), DocumentSource(), MemberSource(), PageSource())
}


def source_for_model(model) -> Source | None:
    label = model._meta.label
    concrete = model._meta.concrete_model._meta.label
    for source in SOURCES.values():
        if source.model_label in (label, concrete):
            return source
    return None


def kinds() -> Iterable[str]:
    return SOURCES.keys()
