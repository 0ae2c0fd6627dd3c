"""Save pages of the old Isomer site as events, presentations and documents, and report.

``import_pages`` is what ``manage.py import_isomer`` runs. For each page (see ``pages``):

- the Event is found again by its old permalink (any case, with or without the final
  slash), else by kind and slug or kind and number among events that have no old
  address yet (e.g. one typed in by hand), else created, published;
- its presentations are found again by category and title, else by category and order,
  else created; the importer never deletes a presentation;
- each linked file under the files folder becomes a published Document through
  ``documents.services.create_document``, published on its meeting's first day; a file
  already imported is found again by its old path, or by its SHA-256, and is never stored
  twice;
- a title written in Khmer (an event's, a presentation's, a document's) goes into the Khmer
  field; the English one is left empty for the secretariat to write (the public pages show
  the Khmer one meanwhile, marked as Khmer), or kept if the secretariat already wrote it;
- a board meeting's title that repeats the heading made from its number ("40th ASSA Board
  Meeting") is left out: the title of a numbered meeting is only its subtitle;
- what the page says that the importer cannot interpret goes into the event's body as
  sanitised HTML, with its links to /files/ pointing at the new downloads.

A dry run does the same work in a transaction that is rolled back and never stores a
file: documents are only checked (type, size, duplicates), so the report says exactly
what a real run would do.
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import markdown
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.html import sanitize
from core.khmer import written_in_khmer
from documents.models import (
    CATEGORY_DOCUMENT_KIND,
    Document,
    DocumentKind,
    DocumentLanguage,
    DocumentStatus,
    Presentation,
)
from documents.services import DuplicateDocument, check_upload, create_document, replace_file
from documents.validation import sha256_of
from events.models import Event, EventFormat, EventKind, EventStatus, strip_repeated_heading
from legacy.models import LegacyPath
from legacy.pages import Item, Link, Page, find_links, read_page, words
from members.models import MemberInstitution

PAGE_SUFFIXES = (".md", ".markdown", ".txt")


class _Planned:
    """Stands for a document a dry run would create."""

    def __repr__(self) -> str:
        return "<document to be created>"


PLANNED = _Planned()


class _DryRunRollback(Exception):
    pass


def _differs(current, value) -> bool:
    """Whether saving ``value`` changes the field: an empty text is the same as none."""
    if current in (None, "") and value in (None, ""):
        return False
    return current != value


def title_values(title: str, current_en: str | None, field: str = "title") -> dict:
    """Which fields an imported title goes into.

    A title written in Khmer goes into the Khmer field; the English field is emptied only
    if it is empty already or holds Khmer (put there by an earlier import): an English
    title the secretariat wrote meanwhile is kept. Any other title is the English one.
    """
    if written_in_khmer(title):
        values = {f"{field}_km": title}
        if not current_en or written_in_khmer(current_en):
            values[f"{field}_en"] = ""
        return values
    return {f"{field}_en": title}


def meeting_day(event: Event) -> datetime.datetime:
    """When an imported file of this event counts as published: the meeting's first day."""
    return timezone.make_aware(datetime.datetime.combine(event.starts_on, datetime.time()))


# --- the report ----------------------------------------------------------------------------


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class Report:
    dry_run: bool = False
    pages: list[str] = field(default_factory=list)
    events: Tally = field(default_factory=Tally)
    presentations: Tally = field(default_factory=Tally)
    documents: Tally = field(default_factory=Tally)
    missing_files: list[str] = field(default_factory=list)
    refused_files: list[str] = field(default_factory=list)
    unmatched_institutions: list[str] = field(default_factory=list)
    kept_as_body: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        would = " (dry run: nothing was saved; counts say what a real run would do)"
        out = [f"Isomer import{would if self.dry_run else ''}"]
        out += [f"  {line}" for line in self.pages]
        out += [
            f"Events: {self.events}",
            f"Presentations: {self.presentations}",
            f"Documents: {self.documents}",
        ]
        for title, entries in (
            ("Missing files (presentation kept without a file)", self.missing_files),
            ("Files refused", self.refused_files),
            ("Unmatched institutions", self.unmatched_institutions),
            ("Kept as body (not interpreted)", self.kept_as_body),
            ("Warnings", self.warnings),
            ("Pages not imported", self.skipped),
        ):
            out.append(f"{title}: {len(entries) or 'none'}")
            out += [f"  - {entry}" for entry in entries]
        return out


# --- finding things ------------------------------------------------------------------------


class FilesFolder:
    """The old site's /files/ tree on disk, found by exact path, then any case, then loosely.

    "Loosely" compares letters and digits only, so a copy made on Windows, where a name
    cannot hold ":" or "?", is still found.
    """

    def __init__(self, root: Path | None):
        self.root = Path(root).resolve() if root else None
        self._exact: dict[str, Path] | None = None
        self._loose: dict[str, list[Path]] = {}

    @staticmethod
    def _key(relative: str) -> str:
        return unicodedata.normalize("NFC", relative).casefold()

    @staticmethod
    def _loose_key(relative: str) -> str:
        return re.sub(r"[\W_]+", "", unicodedata.normalize("NFC", relative).casefold())

    def _index(self) -> dict[str, Path]:
        if self._exact is None:
            self._exact = {}
            for folder, _, names in os.walk(self.root):
                for name in names:
                    path = Path(folder) / name
                    relative = path.relative_to(self.root).as_posix()
                    self._exact.setdefault(self._key(relative), path)
                    self._loose.setdefault(self._loose_key(relative), []).append(path)
        return self._exact

    def find(self, legacy_path: str) -> tuple[Path | None, bool]:
        """(the file, whether it was only found loosely) for a /files/... path."""
        if self.root is None:
            return None, False
        relative = legacy_path.split("/", 2)[2] if legacy_path.count("/") >= 2 else ""
        if not relative:
            return None, False
        candidate = (self.root / relative).resolve()
        if candidate.is_file() and candidate.is_relative_to(self.root):
            return candidate, False
        found = self._index().get(self._key(relative))
        if found:
            return found, False
        loose = self._loose.get(self._loose_key(relative), [])
        if len(loose) == 1:
            return loose[0], True
        return None, False


def _canonical(text: str) -> str:
    """Names compared without case, punctuation, "the", plurals or British spellings."""
    out = []
    for word in words(text).split():
        word = {"organisation": "organization", "labour": "labor"}.get(word, word)
        if word == "the":
            continue
        out.append(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return " ".join(out)


def _initials(text: str) -> str:
    return "".join(word[0] for word in words(text).split() if word not in ("of", "and", "the"))


class InstitutionMatcher:
    """Finds a member institution from how an old page names it."""

    def __init__(self):
        self.institutions = list(MemberInstitution.objects.all())

    def match(self, text: str, country: str = "") -> MemberInstitution | None:
        text = (text or "").strip()
        if not text:
            return None
        acronym = ""
        bracket = re.match(r"^(.*?)\s*\(([^)]+)\)$", text)  # "National ... Fund (NSSF)"
        if bracket:
            text, acronym = bracket.group(1).strip(), bracket.group(2).strip()
        candidates = [i for i in self.institutions if not country or i.country == country]
        key = _canonical(text)
        tests = (
            lambda i: words(text) in {words(i.name_en or ""), words(i.name_km or "")},
            lambda i: key == _canonical(i.name_en or ""),
            lambda i: words(i.acronym) in {words(text), words(acronym)},
            # "Social Security Organisation" is SSO; only within the named country
            lambda i: (
                bool(country)
                and len(_initials(text)) >= 2
                and _initials(text) == words(i.acronym).replace(" ", "")
            ),
        )
        for test in tests:
            found = [i for i in candidates if test(i)]
            if len(found) == 1:
                return found[0]
        scored = sorted(
            (
                (difflib.SequenceMatcher(None, key, _canonical(i.name_en or "")).ratio(), i.pk, i)
                for i in candidates
            ),
            reverse=True,
        )
        if scored and scored[0][0] >= 0.85 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            return scored[0][2]
        return None


# --- the import ----------------------------------------------------------------------------


def page_files(paths: list[Path]) -> list[Path]:
    """The pages named, and the pages inside the folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES
            )
        else:
            found.append(path)
    return found


def import_pages(paths: list[Path], files_dir: Path | None, *, dry_run: bool = False) -> Report:
    importer = Importer(files_dir, dry_run=dry_run)
    pages = page_files(paths)
    if dry_run:
        try:
            with transaction.atomic():
                importer.run(pages)
                raise _DryRunRollback
        except _DryRunRollback:
            pass
    else:
        importer.run(pages)
    return importer.report


class Importer:
    def __init__(self, files_dir: Path | None, *, dry_run: bool = False):
        self.files = FilesFolder(files_dir)
        self.dry_run = dry_run
        self.report = Report(dry_run=dry_run)
        self.institutions = InstitutionMatcher()
        # What a dry run would have stored, so a file linked twice is counted once.
        self._planned_paths: set[str] = set()
        self._planned_digests: set[str] = set()

    def run(self, paths: list[Path]) -> None:
        for path in paths:
            try:
                page = read_page(path)
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                self.report.skipped.append(f"{path.name}: cannot be read ({exc})")
                continue
            if page.errors:
                self.report.skipped.append(f"{path.name}: {'; '.join(page.errors)}")
                continue
            try:
                with transaction.atomic():
                    self.import_page(page)
            except (IntegrityError, ValidationError) as exc:
                self.report.skipped.append(f"{path.name}: {exc}")

    # -- one page

    def import_page(self, page: Page) -> Event:
        name = page.source.name
        self.report.warnings += [f"{name}: {warning}" for warning in page.warnings]
        host = None
        if page.host_text:
            host = self.institutions.match(page.host_text, page.host_country)
            if host is None:
                self.report.unmatched_institutions.append(f"{name}: host “{page.host_text}”")
        event, outcome = self._save_event(page, host)
        changed_programme = self._save_programme(event, page)
        changed_body = self._save_body(event, page)
        if outcome == "unchanged" and (changed_programme or changed_body):
            outcome = "updated"
        verb = {"created": "create", "updated": "update", "unchanged": "leave"}[outcome]
        action = f"would {verb}" if self.dry_run else outcome
        self.report.pages.append(
            f"{name}: {page.permalink} -> {event.get_absolute_url()} ({action}; "
            f"{len(page.items)} presentation{'' if len(page.items) == 1 else 's'})"
        )
        self.report.events.add(outcome)
        return event

    def _find_event(self, page: Page) -> Event | None:
        permalink = page.permalink
        events = Event.objects.all()
        return (
            events.filter(legacy_permalink__in=[permalink, permalink + "/"]).first()
            or events.filter(legacy_permalink__iexact=permalink).first()
            or events.filter(legacy_permalink__iexact=permalink + "/").first()
            or events.filter(kind=page.kind, slug=page.slug, legacy_permalink="").first()
            or (
                page.number
                and page.kind == EventKind.BOARD_MEETING
                and events.filter(kind=page.kind, number=page.number, legacy_permalink="").first()
            )
            or None
        )

    def _save_event(self, page: Page, host) -> tuple[Event, str]:
        event = self._find_event(page)
        created = event is None
        if created:
            event = Event(is_published=True, format=EventFormat.IN_PERSON)
        number = page.number if page.kind == EventKind.BOARD_MEETING else None
        values = {
            "kind": page.kind,
            "number": number,
            **title_values(strip_repeated_heading(number, page.title), event.title_en),
            "legacy_permalink": page.permalink,
            "starts_on": page.starts_on,
            "ends_on": page.ends_on,
        }
        values["slug"] = self._free_slug(page, event)
        optional = {
            "country": page.country,
            "city_en": page.city,
            "format": page.format,
            "summary_en": page.summary,
            "host": host,
        }
        values.update({key: value for key, value in optional.items() if value})
        if created or event.status in (EventStatus.PLANNED, EventStatus.HELD):
            held = (page.ends_on or page.starts_on) < timezone.localdate()
            values["status"] = EventStatus.HELD if held else EventStatus.PLANNED
        if page.kind == EventKind.BOARD_MEETING:
            clash = Event.objects.filter(kind=page.kind, number=page.number)
            if event.pk:
                clash = clash.exclude(pk=event.pk)
            other = clash.first()
            if other is not None:
                raise ValidationError(
                    f"the {page.number}th board meeting already exists as “{other}” "
                    f"(old address “{other.legacy_permalink or 'none'}”); not imported"
                )
        changed = [key for key, value in values.items() if _differs(getattr(event, key), value)]
        for key in changed:
            setattr(event, key, values[key])
        if created or changed:
            event.save()
        return event, "created" if created else ("updated" if changed else "unchanged")

    def _save_body(self, event: Event, page: Page) -> bool:
        """What was not interpreted goes into the body (after the programme, so that the
        files are taken in the page's order)."""
        body = self._kept_body(event, page)
        if body and sanitize(body) != (event.body_en or ""):
            event.body_en = body
            event.save()
            return True
        return False

    def _free_slug(self, page: Page, event: Event) -> str:
        slug, number = page.slug or "event", 2
        taken = Event.objects.filter(kind=page.kind)
        if event.pk:
            taken = taken.exclude(pk=event.pk)
        base = slug
        while taken.filter(slug=slug).exists():
            slug = f"{base}-{number}"
            number += 1
        if slug != base:
            self.report.warnings.append(
                f"{page.source.name}: the address {base} is taken by another event; using {slug}"
            )
        return slug

    # -- the programme

    def _save_programme(self, event: Event, page: Page) -> bool:
        existing = list(event.presentations.all())
        used: set[int] = set()
        changed_any = False
        for index, item in enumerate(page.items, start=1):
            order = index * 10
            presentation = next(
                (
                    p
                    for p in existing
                    if p.pk not in used
                    and p.category == item.category
                    and ({words(p.title_en or ""), words(p.title_km or "")} - {""})
                    & {words(item.title), words(item.text)}
                ),
                None,
            ) or next(
                (
                    p
                    for p in existing
                    if p.pk not in used and p.category == item.category and p.order == order
                ),
                None,
            )
            outcome = self._save_presentation(event, page, item, order, presentation)
            if presentation is not None:
                used.add(presentation.pk)
            changed_any = changed_any or outcome != "unchanged"
            self.report.presentations.add(outcome)
        return changed_any

    def _save_presentation(
        self, event: Event, page: Page, item: Item, order: int, presentation
    ) -> str:
        name = page.source.name
        institution = None
        title = item.title
        if item.category == "good-practice":
            institution = self.institutions.match(item.institution_text, item.country)
            if institution is None:
                said = item.institution_text or "no institution named"
                self.report.unmatched_institutions.append(f"{name}: {said} (“{item.title}”)")
                title = item.text or item.title  # keep who presented it in the title
        created = presentation is None
        if created:
            presentation = Presentation(event=event)
        values = {
            "category": item.category,
            **title_values(title[:300], presentation.title_en),
            "speaker_name": item.speaker_name[:150],
            "speaker_role_en": item.speaker_role[:300],
            "institution": institution,
            "order": order,
        }
        if item.title_km and not presentation.title_km:
            values["title_km"] = item.title_km
        changed = [
            key for key, value in values.items() if _differs(getattr(presentation, key), value)
        ]
        for key in changed:
            setattr(presentation, key, values[key])
        if item.link is not None:
            document = self._document(
                item.link,
                page=page,
                title=title,
                kind=CATEGORY_DOCUMENT_KIND.get(item.category, DocumentKind.OTHER),
                institution=institution,
                event=event,
                context=f"“{item.title}”",
            )
            if document is PLANNED:
                changed.append("document")
            elif document is not None and presentation.document_id != document.pk:
                presentation.document = document
                changed.append("document")
        if created or changed:
            presentation.save()
        return "created" if created else ("updated" if changed else "unchanged")

    # -- documents

    def _document(self, link: Link, *, page, title, kind, institution, event, context):
        """The Document for a linked /files/ path: found again, created, or None (reported)."""
        name = page.source.name
        legacy = link.legacy_path
        old = (
            LegacyPath.objects.filter(path=legacy).select_related("document").first()
            or LegacyPath.objects.filter(path__iexact=legacy).select_related("document").first()
        )
        existing = old.document if old is not None else None
        if old is not None and old.document.legacy_paths.order_by("pk").first() != old:
            # Another address of a file imported under its first one: the document follows
            # its first address; this one only redirects to it.
            self.report.documents.add("unchanged")
            return existing
        if existing is None and self.dry_run and legacy.casefold() in self._planned_paths:
            self.report.documents.add("unchanged")
            return PLANNED
        local, loosely = self.files.find(legacy)
        if local is None:
            if existing is not None:
                self.report.warnings.append(
                    f"{name}: {legacy} is no longer in the files folder; "
                    "the document imported before is kept"
                )
                self.report.documents.add("unchanged")
                return existing
            self.report.missing_files.append(f"{name}: {legacy} (for {context})")
            return None
        if loosely:
            self.report.warnings.append(
                f"{name}: {legacy} found under a slightly different name: "
                f"{local.relative_to(self.files.root).as_posix()}"
            )
        language = DocumentLanguage.KHMER if written_in_khmer(title) else DocumentLanguage.ENGLISH
        metadata = {
            **title_values(title[:300], existing.title_en if existing is not None else None),
            "kind": kind,
            "language": language,
            "institution": institution,
            "event": event,
            # A 2019 paper is of 2019, not of the day of the import.
            "published_at": meeting_day(event),
        }
        with local.open("rb") as handle:
            upload = File(handle, name=local.name)
            if existing is not None:
                return self._update_document(existing, upload, metadata, context)
            try:
                checked, digest = check_upload(upload, local.name)
            except DuplicateDocument as duplicate:
                return self._reuse_duplicate(duplicate.existing, legacy, name)
            except ValidationError as exc:
                reason = " ".join(exc.messages)
                self.report.refused_files.append(f"{name}: {legacy}: {reason}")
                return None
            if self.dry_run:
                if digest in self._planned_digests:
                    self.report.documents.add("unchanged")
                else:
                    self.report.documents.add("created")
                self._planned_paths.add(legacy.casefold())
                self._planned_digests.add(digest)
                return PLANNED
            document = create_document(
                upload,
                original_name=checked.original_name,
                title_en=metadata.get("title_en", ""),
                title_km=metadata.get("title_km", ""),
                kind=kind,
                language=language,
                institution=institution,
                event=event,
                status=DocumentStatus.APPROVED,
                published_at=metadata["published_at"],
            )
            LegacyPath.objects.create(path=legacy, document=document)
        self.report.documents.add("created")
        return document

    def _update_document(self, document: Document, upload, metadata: dict, context: str):
        changed = []
        if sha256_of(upload) != document.sha256:
            if not self.dry_run:
                replace_file(document, upload, None, original_name=upload.name)
            changed.append("file")
        for key, value in metadata.items():
            if _differs(getattr(document, key), value):
                setattr(document, key, value)
                changed.append(key)
        if changed and not self.dry_run:
            document.save(update_fields=[k for k in changed if k != "file"] + ["updated_at"])
        self.report.documents.add("updated" if changed else "unchanged")
        return document

    def _reuse_duplicate(self, document: Document, legacy: str, name: str):
        """Another old address of a file already imported: it redirects to the same document."""
        others = [old.path for old in document.legacy_paths.all()]
        if others:
            self.report.warnings.append(
                f"{name}: {legacy} is the same file as {', '.join(others)} "
                f"(document {document.pk}); it is stored once and every address redirects to it"
            )
        LegacyPath.objects.create(path=legacy, document=document)
        self.report.documents.add("updated")
        return document

    # -- what could not be interpreted

    def _kept_body(self, event: Event, page: Page) -> str:
        if not page.kept:
            return ""
        parts = []
        for part in page.kept:
            self.report.kept_as_body.append(f"{page.source.name}: {part.where}")
            self.report.warnings += [
                f"{page.source.name}: picture {image} not imported (its description is kept)"
                for image in part.images
            ]
            parts.append(self._render(event, page, part.markdown))
        return sanitize("\n".join(parts))

    def _render(self, event: Event, page: Page, text: str) -> str:
        """Markdown to HTML; links to /files/ point at the imported documents.

        Pictures were on the old server, not in the files folder: their description stays.
        """
        text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1), text)
        for start, end, link in reversed(find_links(text)):
            href = link.href
            if link.legacy_path:
                document = self._document(
                    link,
                    page=page,
                    title=link.text or link.legacy_path.rsplit("/", 1)[-1],
                    kind=DocumentKind.OTHER,
                    institution=None,
                    event=event,
                    context="a link kept in the body",
                )
                if isinstance(document, Document):
                    href = document.get_download_url()
            href = quote(href, safe="/:?#=&%~+@!$,;")
            text = f"{text[:start]}[{link.text}](<{href}>){text[end:]}"
        # The event page's own headings are h1 and h2: kept headings sit below them.
        text = re.sub(
            r"^(#{1,6})(?=\s)",
            lambda m: "###" if len(m.group(1)) <= 3 else "####",
            text,
            flags=re.M,
        )
        html = markdown.markdown(text, extensions=["tables", "sane_lists"])
        return _mark_khmer(html)


def _mark_khmer(html: str) -> str:
    """Paragraphs and items written in Khmer say so, for the font and for screen readers."""

    def mark(match: re.Match) -> str:
        tag, inner = match.group(1), match.group(2)
        if written_in_khmer(re.sub(r"<[^>]+>", "", inner)):
            return f'<{tag} lang="km">{inner}</{tag}>'
        return match.group(0)

    return re.sub(r"<(p|li|h3|h4)>(.*?)</\1>", mark, html, flags=re.S)
