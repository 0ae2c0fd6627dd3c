"""Jobs the worker runs for documents: the emails of moderation, with retries, and the
text recognition (OCR) of scanned documents.

A mail server that is down or slow must never fail or hold up an upload or a decision:
the services queue these jobs when their transaction commits (``core.jobs``), and the
worker tries again with growing pauses (30 s, 1 min, 2 min... up to an hour between
tries, MAIL_RETRIES times) before it gives up and logs the failure.
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from documents import emails, ocr
from documents.models import Document, Revision

# OSError covers smtplib's errors, refused connections and timeouts.
RETRIED = (OSError,)
# How an email job is tried again: pauses from 30 s doubling up to an hour, MAIL_RETRIES times.
MAIL_RETRY = {
    "autoretry_for": RETRIED,
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
    "retry_jitter": True,
    "max_retries": settings.MAIL_RETRIES,
}


def _document(document_id: int) -> Document | None:
    return (
        Document.objects.select_related("institution", "event", "uploaded_by__membership")
        .filter(pk=document_id)
        .first()
    )


@shared_task(**MAIL_RETRY)
def send_submission_notice(document_id: int) -> int:
    """Tell the secretariat that a document awaits review (if it still exists)."""
    document = _document(document_id)
    if document is None:
        return 0
    return emails.send_submission_notice(document)


@shared_task(**MAIL_RETRY)
def send_decision(document_id: int) -> int:
    """Tell the uploader of the secretariat's decision."""
    document = _document(document_id)
    if document is None:
        return 0
    return emails.send_decision(document)


@shared_task(acks_late=True)
def read_scan(document_id: int, again: bool = False) -> str | None:
    """Recognise the text of a document's scanned pages (``documents.ocr``).

    Not retried: a damaged page or file is noted on the document, and a document waiting
    for a Tesseract that is not installed is read by ``manage.py ocr_documents`` later.
    """
    return ocr.read_document(document_id, again=again)


def _revision(revision_id: int) -> Revision | None:
    return (
        Revision.objects.select_related(
            "document__institution", "document__event", "uploaded_by__membership"
        )
        .filter(pk=revision_id)
        .first()
    )


@shared_task(**MAIL_RETRY)
def send_revision_notice(revision_id: int) -> int:
    """Tell the secretariat that a new version of a document awaits review."""
    revision = _revision(revision_id)
    if revision is None:
        return 0
    return emails.send_revision_notice(revision)


@shared_task(**MAIL_RETRY)
def send_revision_decision(revision_id: int) -> int:
    """Tell the member who sent a new version what the secretariat decided."""
    revision = _revision(revision_id)
    if revision is None:
        return 0
    return emails.send_revision_decision(revision)
