"""Keeping the search index current: one object at a time, or all of them.

``index_object(obj)`` writes (or deletes) the row of one news article, event, document
or member institution; ``remove_object`` deletes it. They are called by the signal
receivers in ``search.signals`` on every save and delete, and by anyone who changes
content without saving model instances (``QuerySet.update()`` sends no signal):
``reindex(queryset)`` then brings those rows up to date. ``rebuild()`` redoes the whole
index (``manage.py rebuild_search_index``).

The text of a PDF is extracted only when the document's file is new to the index
(``file_sha256`` differs): editing a title or re-saving keeps the extracted text. The
text recognised in a scan (OCR) is on the document's row already (``scan_text``).

Every word indexed also goes into the vocabulary (``SearchWord``) that "did you mean"
suggestions come from; a full rebuild starts the vocabulary afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.utils import timezone

from core.caching import bump_content_version
from core.i18n import language_codes
from search.models import ALWAYS_VISIBLE, SearchEntry, SearchWord
from search.pdf import extract_text
from search.sources import SOURCES, TITLE, Content, Source, source_for_model
from search.text import analyse

# PostgreSQL keeps at most 256 positions per lexeme and positions up to 16,383.
MAX_POSITIONS_PER_TERM = 255
MAX_POSITION = 16383
BATCH_SIZE = 200


def tsvector_literal(weighted: dict[str, list[tuple[int, str]]], positions: bool = True) -> str:
    """``{"meet": [(1, "A"), (7, "C")]}`` -> ``'meet':1A,7C`` (weight D is written bare).

    Without ``positions``, just the terms (``'meet'``): the matching vector has no use for
    positions (ranking has a small vector of its own) and is much smaller without them.
    """
    items = []
    for term, places in weighted.items():
        quoted = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
        if positions and places:
            quoted += ":" + ",".join(
                f"{position}{'' if weight == 'D' else weight}" for position, weight in places
            )
        items.append(quoted)
    return " ".join(items)


def add_words(words: Iterable[str]) -> None:
    """Put these words into the vocabulary (those already there are left alone)."""
    SearchWord.objects.bulk_create(
        [SearchWord(word=word, first=word[0], length=len(word)) for word in words],
        ignore_conflicts=True,
        batch_size=1000,
    )


def build_entry(source: Source, obj, *, file_text: str | None = None) -> SearchEntry:
    """The (unsaved) index row of ``obj``. ``file_text``: the PDF's text, already known.

    The row's words for the vocabulary are left in ``entry.vocabulary`` (not a field).
    """
    content: Content = source.content(obj)
    entry = SearchEntry(
        kind=source.kind,
        object_id=obj.pk,
        date=content.date,
        year=content.date.year if content.date else None,
        visible_from=content.visible_from or ALWAYS_VISIBLE,
        indexed_at=timezone.now(),
    )
    terms: dict[str, None] = {}  # every term once, in order of appearance
    vocabulary: set[str] = set()
    ranking: dict[str, list[tuple[int, str]]] = {}  # the title's terms, with positions
    position = 0

    def add_text(text: str, weight: str) -> str:
        nonlocal position
        analysed = analyse(text)
        vocabulary.update(analysed.words)
        for found in analysed.positions:
            position = min(position + 1, MAX_POSITION)
            for term in found:
                terms[term] = None
                if weight == TITLE:
                    places = ranking.setdefault(term, [])
                    if len(places) < MAX_POSITIONS_PER_TERM and (
                        not places or places[-1][0] != position
                    ):
                        places.append((position, weight))
        position = min(position + 1, MAX_POSITION)  # no phrase across two fields
        return analysed.display

    for code in language_codes():
        paragraphs = []
        for weight, text in content.parts[code]:
            display = add_text(text, weight)
            if weight != TITLE:
                paragraphs.append(display)
        setattr(entry, f"text_{code}", "\n\n".join(paragraphs))

    if content.file is not None:
        entry.file_sha256 = content.file_sha256
        if file_text is None:
            file_text = extract_text(content.file)
        entry.file_text = add_text(file_text, "D") if file_text else ""
    if content.scan_text:
        entry.scan_text = add_text(content.scan_text, "D")

    if connection.vendor == "postgresql":
        entry.search_vector = tsvector_literal(dict.fromkeys(terms, []), positions=False)
        entry.rank_vector = tsvector_literal(ranking)
    else:
        entry.terms = f" {' '.join(terms)} " if terms else ""
        entry.title_terms = f" {' '.join(sorted(ranking))} " if ranking else ""
    entry.vocabulary = vocabulary
    return entry


def _known_file_text(entry: SearchEntry | None, sha256: str) -> str | None:
    """The stored (segmented) PDF text when the entry was made from this very file."""
    if entry is not None and sha256 and entry.file_sha256 == sha256:
        return entry.file_text.replace("\u200b", "")
    return None


def index_object(obj, *, read_file: bool = True) -> SearchEntry | None:
    """Write the index row of ``obj``, or delete it if ``obj`` is not public.

    With ``read_file=False`` a file the index has not read yet is left out (the row is
    written without its text and ``file_text_pending`` is set on the returned entry): the
    caller has it read later, by the worker (``search.tasks``).
    """
    source = source_for_model(type(obj))
    if source is None:
        raise ValueError(f"{type(obj).__name__} is not searchable")
    fresh = source.indexable().filter(pk=obj.pk).first()
    if fresh is None:
        remove_object(obj)
        return None
    existing = SearchEntry.objects.filter(kind=source.kind, object_id=obj.pk).first()
    file_text = _known_file_text(existing, getattr(fresh, "sha256", ""))
    pending = file_text is None and not read_file and bool(getattr(fresh, "sha256", ""))
    entry = build_entry(source, fresh, file_text="" if pending else file_text)
    if pending:
        entry.file_sha256 = ""  # not read yet: the next indexing reads it
    entry.file_text_pending = pending
    with transaction.atomic():
        if existing is not None:
            entry.pk = existing.pk
        entry.save(force_insert=existing is None, force_update=existing is not None)
        add_words(entry.vocabulary)
    return entry


def remove_object(obj) -> None:
    source = source_for_model(type(obj))
    if source is not None and obj.pk is not None:
        SearchEntry.objects.filter(kind=source.kind, object_id=obj.pk).delete()


def reindex(objects: Iterable) -> None:
    """Bring the rows of these objects up to date (after ``QuerySet.update()``, say).

    ``update()`` sends no signal, so the cached pages are made stale here as well.
    """
    for obj in objects:
        index_object(obj)
    bump_content_version()


def rebuild(
    kinds: Iterable[str] | None = None,
    *,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Rewrite the index of these kinds (all by default); returns rows written per kind.

    Works in batches; a document whose file the index already read (same SHA-256) keeps
    its text, and files identical to one read earlier in this run are read once. Rows of
    things no longer public are deleted at the end.
    """
    started = timezone.now()
    written: dict[str, int] = {}
    file_texts: dict[str, str] = {}
    kinds = list(kinds or SOURCES)
    if set(kinds) >= set(SOURCES):
        # Everything is indexed again: so is the vocabulary (words no longer used go).
        SearchWord.objects.all().delete()
    for kind in kinds:
        source = SOURCES[kind]
        written[kind] = 0
        queryset = source.indexable().order_by("pk")
        last_pk = 0
        while True:
            batch = list(queryset.filter(pk__gt=last_pk)[:BATCH_SIZE])
            if not batch:
                break
            last_pk = batch[-1].pk
            ids = [obj.pk for obj in batch]
            existing = {
                entry.object_id: entry
                for entry in SearchEntry.objects.filter(kind=kind, object_id__in=ids).only(
                    "object_id", "file_sha256", "file_text"
                )
            }
            entries = []
            for obj in batch:
                sha256 = getattr(obj, "sha256", "")
                known = _known_file_text(existing.get(obj.pk), sha256)
                if known is None and sha256:
                    known = file_texts.get(sha256)
                entry = build_entry(source, obj, file_text=known)
                if entry.file_sha256 and len(file_texts) < 1000:
                    file_texts[entry.file_sha256] = entry.file_text.replace("\u200b", "")
                entries.append(entry)
            with transaction.atomic():
                SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()
                SearchEntry.objects.bulk_create(entries)
                add_words({word for entry in entries for word in entry.vocabulary})
            written[kind] += len(entries)
            if progress:
                progress(len(entries))
        SearchEntry.objects.filter(kind=kind, indexed_at__lt=started).delete()
    return written


def count_indexable(kinds: Iterable[str] | None = None) -> int:
    return sum(SOURCES[kind].indexable().count() for kind in kinds or SOURCES)
