"""The documents app's emails: a new submission for the secretariat, a decision for the uploader.

Each is written in its reader's language: the uploader's from their membership
(``Membership.language``), the secretariat's in the site's default language.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.site import absolute_url
from documents.models import Document, DocumentStatus


def _render(template: str, context: dict) -> tuple[str, str]:
    subject = render_to_string(f"documents/emails/{template}_subject.txt", context)
    body = render_to_string(f"documents/emails/{template}_body.txt", context)
    return " ".join(subject.split()), body


def uploader_language(document: Document) -> str:
    user = document.uploaded_by
    membership = getattr(user, "membership", None) if user else None
    return getattr(membership, "language", "") or settings.LANGUAGE_CODE


def send_submission_notice(document: Document) -> int:
    """Tell SECRETARIAT_EMAILS that a document awaits review."""
    recipients = list(settings.SECRETARIAT_EMAILS)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "document": document,
            "institution": document.institution,
            "uploader": document.uploaded_by,
            "review_url": absolute_url(
                reverse("admin:documents_submission_change", args=[document.pk])
            ),
            "queue_url": absolute_url(reverse("admin:documents_submission_changelist")),
        }
        subject, body = _render("submission", context)
    return send_mail(subject, body, None, recipients)


def send_decision(document: Document) -> int:
    """Tell the uploader that their document was published or rejected, and why."""
    user = document.uploaded_by
    if user is None or not user.email:
        return 0
    with translation.override(uploader_language(document)):
        context = {
            "document": document,
            "user": user,
            "approved": document.status == DocumentStatus.APPROVED,
            "document_url": absolute_url(document.get_absolute_url()),
            "portal_url": absolute_url(reverse("documents:portal_dashboard")),
        }
        subject, body = _render("decision", context)
    return send_mail(subject, body, None, [user.email])
