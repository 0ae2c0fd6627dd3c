"""Writes with side effects on documents: store a file, decide a submission, replace a file,
send and decide a new version (``Revision``).

The admin, the member portal, the demo and the importer all call these functions, so a
file is checked, stored and described in one way only, and every decision, replacement,
new version and withdrawal is written to the document's History (``documents.history``).

New versions: a member sends one for a published or rejected document of their
institution (``submit_revision``); it is stored at once but changes nothing for the public
until ``approve_revision`` makes it the current file (the previous one becomes a
``DocumentVersion``). The secretariat's own replacement (``replace_file``) is recorded as an
approved revision.

All or nothing: a document row never exists without its stored file, and a failed save
leaves no stored file behind. Files are written first (under a fresh generated name),
then the row is saved in a transaction; if anything fails, the files just written are
deleted before the error goes on. If a caller's own outer transaction is rolled back
later, after this function returned, the files it stored are no longer referenced:
``manage.py sweep_document_files`` deletes such orphans (see its help).

Two storages (see ``core.storage``): every document file, earlier version and preview is
stored in the private one. A public document's preview (approved, and its event published:
``Document.is_public``) is also copied, under the same name, to the public storage, so that pages can show it as a plain file; the copy is made
inside the publishing transaction (no copy, no publishing) and deleted inside the
transaction that withdraws, rejects or deletes the document, so a public copy never
outlives publication. (If an outer transaction rolls a publication back after the copy
was made, ``sweep_document_files`` deletes the copy; it also restores a missing one.)

Identical files: every file's SHA-256 is recorded. ``create_document`` refuses a file
whose SHA-256 equals that of a submitted or published document by raising
``DuplicateDocument`` (a ``ValidationError``) whose ``existing`` attribute is that
document, so the portal can link to it and the importer can reuse it; pass
``allow_duplicate=True`` to store it anyway.
"""

from __future__ import annotations

import io
import logging
import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from core.images import reduced_copy
from core.jobs import enqueue_on_commit
from core.storage import private_storage, public_storage
from documents import history, tasks
from documents.models import (
    DOCUMENTS_FOLDER,
    OCR_FIELDS,
    PREVIEWS_FOLDER,
    Document,
    DocumentKind,
    DocumentLanguage,
    DocumentStatus,
    DocumentVersion,
    OcrStatus,
    Revision,
    display_name,
    institution_of,
    is_secretariat,
)
from documents.validation import (
    IMAGE_TYPES,
    PDF,
    CheckedFile,
    open_pdf,
    sha256_of,
    validate_upload,
)

logger = logging.getLogger(__name__)

PREVIEW_WIDTH = 480  # pixels; shown at up to 240 CSS pixels on screens of double density
PREVIEW_MAX_HEIGHT = 1200


class DuplicateDocument(ValidationError):
    """The same file (same SHA-256) is already a submitted or published document."""

    def __init__(self, existing: Document):
        self.existing = existing
        super().__init__(
            _("This file has already been uploaded, as “%(title)s”.") % {"title": existing.title},
            code="duplicate",
        )


def _storage():
    return private_storage()


def _new_name(folder: str, extension: str) -> str:
    return f"{folder}/{uuid.uuid4().hex}.{extension}"


def _delete_files(names: Iterable[str], storage=None) -> None:
    storage = storage or _storage()
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except OSError:  # pragma: no cover - logged, then the sweep command finds it
            logger.exception("Could not delete the stored file %s", name)


def _save_to_storage(name: str, content) -> str:
    """Save under ``name``; if the write fails half way, remove what was written."""
    storage = _storage()
    try:
        content.seek(0)
        return storage.save(name, content)
    except BaseException:
        try:
            if storage.exists(name):
                storage.delete(name)
        except OSError:  # pragma: no cover
            logger.exception("Could not delete the partly written file %s", name)
        raise


def _render_preview(upload, checked: CheckedFile) -> bytes | None:
    """A PNG of the first page (PDF) or of the image itself, PREVIEW_WIDTH wide, or None."""
    try:
        if checked.file_type is PDF:
            image = _render_first_page(upload)
        elif checked.file_type in IMAGE_TYPES:
            image, _size = reduced_copy(upload, (PREVIEW_WIDTH, PREVIEW_MAX_HEIGHT))
        else:
            return None
        if image.height > PREVIEW_MAX_HEIGHT:
            image = image.crop((0, 0, image.width, PREVIEW_MAX_HEIGHT))
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()
    except Exception:
        # A file that passed validation but cannot be drawn still gets published, without
        # a picture; the error is logged for the developers.
        logger.warning("No preview for %s", checked.original_name, exc_info=True)
        return None
    finally:
        upload.seek(0)


def _render_first_page(upload) -> Image.Image:
    """The top of the PDF's first page, drawn at most PREVIEW_WIDTH × PREVIEW_MAX_HEIGHT.

    The scale comes from the page's width, and only as much of the page's height as fits
    in the preview is drawn, so a page of absurd size never makes a huge bitmap.
    """
    pdf = open_pdf(upload)
    try:
        page = pdf[0]
        try:
            width, height = page.get_size()
            if page.get_rotation() in (90, 270):
                width, height = height, width
            scale = min(PREVIEW_WIDTH / max(width, 1), 4.0)
            shown = min(height, PREVIEW_MAX_HEIGHT / scale)
            # crop: how much to cut off each side (left, bottom, right, top), in points.
            bitmap = page.render(scale=scale, crop=(0, height - shown, 0, 0))
            return bitmap.to_pil()
        finally:
            page.close()
    finally:
        pdf.close()


def _store_files(upload, checked: CheckedFile, stored: list[str]) -> tuple[str, str]:
    """Store the file and its preview; every name written is appended to ``stored``."""
    # The preview first: saving a temporary upload moves its file away.
    preview = _render_preview(upload, checked)
    name = _new_name(DOCUMENTS_FOLDER, checked.file_type.extension)
    stored.append(name)
    stored[-1] = _save_to_storage(name, upload)
    preview_name = ""
    if preview:
        preview_name = _new_name(PREVIEWS_FOLDER, "png")
        stored.append(preview_name)
        stored[-1] = preview_name = _save_to_storage(preview_name, ContentFile(preview))
    return stored[0], preview_name


def publish_preview(name: str) -> str:
    """Copy a preview from the private storage to the public one, under the same name.

    Returns the name written ("" when there is no preview). A failed copy leaves nothing.
    """
    if not name:
        return ""
    public = public_storage()
    if public.exists(name):
        public.delete(name)
    try:
        with private_storage().open(name, "rb") as source:
            written = public.save(name, source)
    except BaseException:
        _delete_files([name], public)
        raise
    if written != name:  # pragma: no cover - the name was just freed
        public.delete(written)
        raise OSError(f"The public preview could not be stored as {name}.")
    return name


def unpublish_preview(name: str) -> None:
    """Delete the public copy of a preview; the private original stays."""
    if name:
        public_storage().delete(name)


def find_duplicate(sha256: str, *, exclude_pk: int | None = None, seen_by=None) -> Document | None:
    """A submitted or published document whose current file has this SHA-256.

    With ``seen_by``, only among the documents that user may see: a member is told of a
    published document or one of their own institution, never of another institution's
    unpublished file (that would tell them what the other institution sent). Such a file is
    accepted as a submission of its own, and the secretariat decides on it.
    """
    documents = Document.objects.all() if seen_by is None else Document.objects.visible_to(seen_by)
    documents = documents.filter(
        sha256=sha256, status__in=[DocumentStatus.SUBMITTED, DocumentStatus.APPROVED]
    )
    if exclude_pk:
        documents = documents.exclude(pk=exclude_pk)
    return documents.order_by("pk").first()


def check_upload(upload, original_name: str, *, allow_duplicate: bool = False, seen_by=None):
    """Validate an upload and refuse a duplicate; returns (CheckedFile, sha256).

    ``seen_by``: the uploader, when duplicates are to be looked for only among the documents
    they may see (see ``find_duplicate``).
    """
    checked = validate_upload(upload, original_name)
    digest = sha256_of(upload)
    if not allow_duplicate:
        existing = find_duplicate(digest, seen_by=seen_by)
        if existing is not None:
            raise DuplicateDocument(existing)
    return checked, digest


def create_document(
    upload,
    *,
    original_name: str,
    title_en: str,
    title_km: str = "",
    description_en: str = "",
    description_km: str = "",
    kind: str = DocumentKind.PAPER,
    language: str = DocumentLanguage.ENGLISH,
    institution=None,
    event=None,
    uploaded_by=None,
    status: str = DocumentStatus.SUBMITTED,
    published_at=None,
    allow_duplicate: bool = False,
    ocr: bool = True,
) -> Document:
    """Check, store and describe a new document; tell the secretariat if it awaits review.

    ``upload`` is a Django ``UploadedFile`` or any ``django.core.files.File``. Raises
    ``ValidationError`` (``DuplicateDocument`` for a known file) with a message in the
    active language. ``published_at`` backdates a published document (e.g. to its
    meeting's date when importing the old site); by default it is now. ``ocr=False``: the
    file is not to be read by OCR (the demo's generated placeholders).
    """
    document = Document(
        title_en=title_en,
        title_km=title_km or None,
        description_en=description_en,
        description_km=description_km,
        kind=kind,
        language=language,
        institution=institution,
        event=event,
        uploaded_by=uploaded_by,
        status=status,
        published_at=published_at,
    )
    return store_new_document(
        document,
        upload,
        original_name=original_name,
        allow_duplicate=allow_duplicate,
        ocr=ocr,
    )


# A PDF or an image may be a scan: waiting until OCR looks; anything else needs none.
SCAN_CONTENT_TYPES = frozenset(kind.content_type for kind in (PDF, *IMAGE_TYPES))


def _reset_ocr(document: Document, ocr: bool = True) -> None:
    """The document has a new file (its content type set): nothing read from it yet."""
    scan = ocr and document.content_type in SCAN_CONTENT_TYPES
    document.ocr_status = OcrStatus.WAITING if scan else OcrStatus.NOT_NEEDED
    document.ocr_text = ""
    document.ocr_pages = []
    document.ocr_notes = []
    document.ocr_seconds = None
    document.ocr_at = None
    document.ocr_sha256 = ""


def read_scan_later(document: Document) -> None:
    """Queue the OCR of the document's scanned pages once the transaction commits."""
    enqueue_on_commit(tasks.read_scan, document.pk)


def store_new_document(
    document: Document,
    upload,
    *,
    original_name: str,
    allow_duplicate: bool = False,
    checked: tuple[CheckedFile, str] | None = None,
    ocr: bool = True,
) -> Document:
    """Store ``upload`` as the file of the unsaved ``document`` and save it, all or nothing.

    ``checked`` is what ``check_upload`` returned when a form already validated the file.
    A PDF or image is queued for OCR once saved (``documents.ocr``), unless ``ocr`` is
    False.
    """
    if document.pk is not None:
        raise ValueError("store_new_document() is for new documents; use replace_file().")
    checked_file, digest = checked or check_upload(
        upload, original_name, allow_duplicate=allow_duplicate
    )
    now = timezone.now()
    if document.uploaded_by is not None and not document.uploaded_by_name:
        document.uploaded_by_name = display_name(document.uploaded_by)
    if document.status == DocumentStatus.APPROVED:
        document.published_at = document.published_at or now
        document.decided_at = document.decided_at or now
        document.decided_by = document.decided_by or document.uploaded_by
    stored: list[str] = []
    published_preview = ""
    try:
        file_name, preview_name = _store_files(upload, checked_file, stored)
        document.set_checked_file(file_name, checked_file, digest)
        document.preview.name = preview_name
        _reset_ocr(document, ocr)
        with transaction.atomic():
            document.save()
            if document.is_public:
                published_preview = publish_preview(preview_name)
            if document.status == DocumentStatus.SUBMITTED:
                enqueue_on_commit(tasks.send_submission_notice, document.pk)
            if document.ocr_status == OcrStatus.WAITING:
                read_scan_later(document)
    except BaseException:
        _delete_files(stored)
        _delete_files([published_preview], public_storage())
        document.pk = None
        raise
    return document


def _locked(document: Document) -> Document:
    return Document.objects.select_for_update().get(pk=document.pk)


def _refresh(document: Document, fresh: Document) -> None:
    for field in (
        "status",
        "decided_by_id",
        "decided_at",
        "published_at",
        "rejection_reason",
        "updated_at",
    ):
        setattr(document, field, getattr(fresh, field))


def approve_document(document: Document, by) -> Document:
    """Publish a submission (or a rejected document, if the secretariat changed its mind)."""
    with transaction.atomic():
        fresh = _locked(document)
        if not fresh.can_become(DocumentStatus.APPROVED):
            raise ValidationError(
                _("Only a submitted or rejected document can be approved."), code="status"
            )
        now = timezone.now()
        fresh.status = DocumentStatus.APPROVED
        fresh.decided_by = by
        fresh.decided_at = now
        fresh.published_at = fresh.published_at or now
        fresh.rejection_reason = ""
        fresh.save()
        # Inside the transaction: no public preview, no publication (a failed copy
        # leaves nothing behind, see publish_preview). A draft event's papers get theirs
        # when the event is published (publish_event_previews).
        if fresh.is_public:
            publish_preview(fresh.preview.name)
        history.record(fresh, by, "approved" if fresh.is_public else "approved_held")
        enqueue_on_commit(tasks.send_decision, fresh.pk)
        if fresh.ocr_status == OcrStatus.WAITING:
            # Not read at upload (its job was lost, or Tesseract was missing then).
            read_scan_later(fresh)
    _refresh(document, fresh)
    return document


def reject_document(document: Document, by, reason: str) -> Document:
    """Refuse a submission (or take a published document down), saying why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Please say why the document is rejected: the uploader will read it."),
            code="reason",
        )
    with transaction.atomic():
        fresh = _locked(document)
        if not fresh.can_become(DocumentStatus.REJECTED):
            raise ValidationError(
                _("Only a submitted or published document can be rejected."), code="status"
            )
        fresh.status = DocumentStatus.REJECTED
        fresh.decided_by = by
        fresh.decided_at = timezone.now()
        fresh.published_at = None
        fresh.rejection_reason = reason
        fresh.save()
        # Before the commit: were the deletion to fail, the document stays published.
        unpublish_preview(fresh.preview.name)
        history.record(fresh, by, "rejected", reason=reason)
        enqueue_on_commit(tasks.send_decision, fresh.pk)
    _refresh(document, fresh)
    return document


def _may_act_for(document: Document, user) -> bool:
    """The document's institution (a member of it) or the secretariat."""
    if is_secretariat(user):
        return True
    institution = institution_of(user)
    return institution is not None and institution.pk == document.institution_id


def withdraw_document(document: Document, by) -> Document:
    """The uploader's institution takes its submission back before the secretariat decides."""
    if not _may_act_for(document, by):
        raise PermissionError("Only the document's institution or the secretariat may withdraw it.")
    with transaction.atomic():
        fresh = _locked(document)
        if not fresh.can_become(DocumentStatus.WITHDRAWN):
            raise ValidationError(
                _("This document can no longer be withdrawn: the secretariat has decided on it."),
                code="status",
            )
        fresh.status = DocumentStatus.WITHDRAWN
        fresh.save()
        unpublish_preview(fresh.preview.name)
        history.record(fresh, by, "withdrawn", who=display_name(by))
    _refresh(document, fresh)
    return document


def replace_file(
    document: Document, upload, by, *, original_name: str | None = None, note: str = ""
) -> DocumentVersion:
    """Give a document a new file at once (the secretariat); the old one is kept as a
    DocumentVersion, and the change is recorded as an approved ``Revision``.

    The document keeps its page and download addresses, which now serve the new file.
    Returns the DocumentVersion that holds the old file.
    """
    original_name = original_name or getattr(upload, "name", "") or document.original_name
    checked_file = validate_upload(upload, original_name)
    digest = sha256_of(upload)
    if digest == document.sha256:
        raise ValidationError(
            _("This is the same file as the current one: nothing to replace."), code="same_file"
        )
    stored: list[str] = []
    published_preview: list[str] = []
    try:
        file_name, preview_name = _store_files(upload, checked_file, stored)
        with transaction.atomic():
            fresh = _locked(document)
            now = timezone.now()
            revision = Revision(
                document=fresh,
                note=note,
                status=DocumentStatus.APPROVED,
                uploaded_by=by,
                uploaded_by_name=display_name(by) if by else "",
                decided_by=by,
                decided_at=now,
            )
            revision.set_checked_file(file_name, checked_file, digest)
            revision.preview.name = preview_name
            revision.save()
            old_name = fresh.original_name
            version = _take_revision_file(fresh, revision, by, published_preview)
            history.record(fresh, by, "replaced", new=revision.original_name, old=old_name)
    except BaseException:
        _delete_files(stored)
        _delete_files(published_preview, public_storage())
        raise
    _copy_current_file(document, fresh)
    return version


def _copy_current_file(document: Document, fresh: Document) -> None:
    document.copy_file_from(fresh)
    document.preview.name = fresh.preview.name
    document.updated_at = fresh.updated_at
    for name in OCR_FIELDS:
        setattr(document, name, getattr(fresh, name))


def _take_revision_file(
    fresh: Document, revision: Revision, by, published_preview: list[str]
) -> DocumentVersion:
    """Inside the caller's transaction, on the locked document: the revision's file becomes
    the current one, the current one an earlier version. Returns that version.

    The revision hands its preview to the document; a public copy is made when the
    document is public (its name is appended to ``published_preview``, for the caller to
    delete if the transaction fails). The old preview goes after the commit.
    """
    # When the file being replaced came: the revision that brought it, else the upload.
    came = (
        fresh.revisions.filter(status=DocumentStatus.APPROVED, file=fresh.file.name)
        .exclude(pk=revision.pk)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    version = DocumentVersion.objects.create(
        document=fresh,
        uploaded_at=came or fresh.created_at,
        replaced_by=by,
        **fresh.file_facts(),
    )
    old_preview = fresh.preview.name
    fresh.copy_file_from(revision)
    fresh.preview.name = revision.preview.name
    _reset_ocr(fresh)
    fresh.save()
    if fresh.ocr_status == OcrStatus.WAITING:
        read_scan_later(fresh)
    if revision.preview.name:
        revision.preview.name = ""
        revision.save(update_fields=["preview"])
    if fresh.is_public and fresh.preview.name:
        published_preview.append(publish_preview(fresh.preview.name))
    # Earlier files stay (they are versions); the old picture is not needed.
    transaction.on_commit(lambda: _delete_preview(old_preview))
    return version


# ---- new versions sent by members (Revision) ---------------------------------------------


def check_revision_upload(document: Document, upload, original_name: str, *, seen_by=None):
    """Validate a new version of ``document``; returns (CheckedFile, sha256).

    Refuses the document's current file again, and a file that is another submitted or
    published document (``DuplicateDocument``, among those ``seen_by`` may see).
    """
    checked = validate_upload(upload, original_name)
    digest = sha256_of(upload)
    if digest == document.sha256:
        raise ValidationError(
            _("This is the same file as the current version: nothing has changed."),
            code="same_file",
        )
    existing = find_duplicate(digest, exclude_pk=document.pk, seen_by=seen_by)
    if existing is not None:
        raise DuplicateDocument(existing)
    return checked, digest


def submit_revision(
    document: Document,
    upload,
    *,
    by,
    note: str = "",
    language: str = "",
    original_name: str | None = None,
    checked: tuple[CheckedFile, str] | None = None,
) -> Revision:
    """Send a new version of a published or rejected document for review, all or nothing.

    The document and its public file do not change until the secretariat approves it
    (``approve_revision``). ``language``: the page's, for the emails about it.
    """
    if not _may_act_for(document, by):
        raise PermissionError("Only the document's institution may send a new version of it.")
    original_name = original_name or getattr(upload, "name", "") or document.original_name
    checked_file, digest = checked or check_revision_upload(
        document, upload, original_name, seen_by=by
    )
    stored: list[str] = []
    try:
        file_name, preview_name = _store_files(upload, checked_file, stored)
        with transaction.atomic():
            fresh = _locked(document)
            if fresh.status not in (DocumentStatus.APPROVED, DocumentStatus.REJECTED):
                raise ValidationError(
                    _(
                        "A new version can be sent for a published or rejected document "
                        "only; this one waits for the secretariat's decision or was withdrawn."
                    ),
                    code="status",
                )
            if fresh.revisions.filter(status=DocumentStatus.SUBMITTED).exists():
                raise ValidationError(
                    _(
                        "A new version of this document already waits for the secretariat's "
                        "decision. Withdraw it first to send another."
                    ),
                    code="waiting",
                )
            revision = Revision(
                document=fresh,
                note=(note or "").strip(),
                status=DocumentStatus.SUBMITTED,
                uploaded_by=by,
                uploaded_by_name=display_name(by),
                uploader_language=language or "",
            )
            revision.set_checked_file(file_name, checked_file, digest)
            revision.preview.name = preview_name
            revision.save()
            history.record(
                fresh, by, "revision_sent", new=revision.original_name, note=revision.note or "—"
            )
            enqueue_on_commit(tasks.send_revision_notice, revision.pk)
    except BaseException:
        _delete_files(stored)
        raise
    return revision


def _locked_revision(revision: Revision) -> tuple[Revision, Document]:
    fresh = Revision.objects.select_for_update().get(pk=revision.pk)
    return fresh, _locked(fresh.document)


def _refresh_revision(revision: Revision, fresh: Revision) -> None:
    for field in ("status", "decided_by_id", "decided_at", "rejection_reason"):
        setattr(revision, field, getattr(fresh, field))
    revision.preview.name = fresh.preview.name


def approve_revision(revision: Revision, by) -> Revision:
    """The new version becomes the document's current file, behind the same addresses; the
    previous file becomes an earlier version. A rejected document is published with it."""
    published_preview: list[str] = []
    try:
        with transaction.atomic():
            fresh, document = _locked_revision(revision)
            if not fresh.can_become(DocumentStatus.APPROVED):
                raise ValidationError(
                    _("Only a new version waiting for a decision can be approved."),
                    code="status",
                )
            if document.status not in (DocumentStatus.APPROVED, DocumentStatus.REJECTED):
                raise ValidationError(
                    _("The document was withdrawn: its new version cannot be approved."),
                    code="status",
                )
            now = timezone.now()
            if document.status == DocumentStatus.REJECTED:
                document.status = DocumentStatus.APPROVED
                document.decided_by = by
                document.decided_at = now
                document.published_at = document.published_at or now
                document.rejection_reason = ""
            fresh.status = DocumentStatus.APPROVED
            fresh.decided_by = by
            fresh.decided_at = now
            fresh.rejection_reason = ""
            fresh.save()
            old_name = document.original_name
            _take_revision_file(document, fresh, by, published_preview)
            history.record(document, by, "revision_approved", new=fresh.original_name, old=old_name)
            enqueue_on_commit(tasks.send_revision_decision, fresh.pk)
    except BaseException:
        _delete_files(published_preview, public_storage())
        raise
    _refresh_revision(revision, fresh)
    return revision


def reject_revision(revision: Revision, by, reason: str) -> Revision:
    """Refuse a new version, saying why: the document keeps its current file."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Please say why the new version is rejected: the member will read it."),
            code="reason",
        )
    with transaction.atomic():
        fresh, document = _locked_revision(revision)
        if not fresh.can_become(DocumentStatus.REJECTED):
            raise ValidationError(
                _("Only a new version waiting for a decision can be rejected."), code="status"
            )
        fresh.status = DocumentStatus.REJECTED
        fresh.decided_by = by
        fresh.decided_at = timezone.now()
        fresh.rejection_reason = reason
        fresh.save()
        history.record(document, by, "revision_rejected", new=fresh.original_name, reason=reason)
        enqueue_on_commit(tasks.send_revision_decision, fresh.pk)
    _refresh_revision(revision, fresh)
    return revision


def withdraw_revision(revision: Revision, by) -> Revision:
    """The institution takes a new version back before the secretariat decides."""
    if not _may_act_for(revision.document, by):
        raise PermissionError("Only the document's institution may withdraw its new version.")
    with transaction.atomic():
        fresh, document = _locked_revision(revision)
        if not fresh.can_become(DocumentStatus.WITHDRAWN):
            raise ValidationError(
                _("This new version can no longer be withdrawn: the secretariat has decided."),
                code="status",
            )
        fresh.status = DocumentStatus.WITHDRAWN
        fresh.save()
        history.record(
            document, by, "revision_withdrawn", new=fresh.original_name, who=display_name(by)
        )
    _refresh_revision(revision, fresh)
    return revision


# ---- what the secretariat decides on: a new document, or a new version of one -----------


def approve_waiting(document: Document, by):
    """Approve what waits on this document: its new version if one is waiting, else the
    submission itself (the admin's button and list action)."""
    pending = document.revisions.filter(status=DocumentStatus.SUBMITTED).first()
    if pending is not None:
        return approve_revision(pending, by)
    return approve_document(document, by)


def reject_waiting(document: Document, by, reason: str):
    """Reject what waits on this document (see ``approve_waiting``)."""
    pending = document.revisions.filter(status=DocumentStatus.SUBMITTED).first()
    if pending is not None:
        return reject_revision(pending, by, reason)
    return reject_document(document, by, reason)


# ---- a meeting's publication -----------------------------------------------------------


def publish_event_previews(event) -> None:
    """The public copies of the previews of an event's approved documents follow the event:
    made when it is published, deleted when it goes back to draft (inside the caller's
    transaction, like a document's own publication)."""
    names = (
        Document.objects.approved()
        .filter(event=event)
        .exclude(preview="")
        .values_list("preview", flat=True)
    )
    for name in names:
        if event.is_published:
            publish_preview(name)
        else:
            unpublish_preview(name)


def _delete_preview(name: str) -> None:
    """A preview no document needs any more: the private original and any public copy."""
    _delete_files([name], public_storage())
    _delete_files([name])


def delete_document_files(document: Document) -> None:
    """Remove a deleted document's files (current, earlier versions, preview).

    The public copy of the preview goes at once (the document is leaving the site); the
    private files after the commit, so that a rolled-back deletion keeps them.
    """
    unpublish_preview(document.preview.name)
    names = [document.file.name, document.preview.name]
    names += list(document.versions.values_list("file", flat=True))
    for file_name, preview_name in document.revisions.values_list("file", "preview"):
        names += [file_name, preview_name]
    names = list(dict.fromkeys(name for name in names if name))
    transaction.on_commit(lambda: _delete_files(names))
