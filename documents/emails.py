"""The documents app's emails: a new submission or a new version for the secretariat, a
decision for the member who sent it.

Each is written in its reader's language: the member's is the language of the page they
sent it from (``uploader_language``, kept with the document or the new version), else
the one of their membership (``Membership.language``); the secretariat's is the site's
default language. The secretariat is the Secretariat group's members (their accounts'
addresses), plus any address of ``SECRETARIAT_EMAILS``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.groups import SECRETARIAT_GROUP
from core.site import absolute_url
from documents.models import Document, DocumentStatus, Revision


def _render(template: str, context: dict) -> tuple[str, str]:
    subject = render_to_string(f"documents/emails/{template}_subject.txt", context)
    body = render_to_string(f"documents/emails/{template}_body.txt", context)
    return " ".join(subject.split()), body


def secretariat_recipients() -> list[str]:
    """The Secretariat group's active members with an address, then SECRETARIAT_EMAILS;
    each address once."""
    members = (
        get_user_model()
        .objects.filter(groups__name=SECRETARIAT_GROUP, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )
    recipients: dict[str, str] = {}
    for address in [*members, *settings.SECRETARIAT_EMAILS]:
        address = (address or "").strip()
        if address:
            recipients.setdefault(address.lower(), address)
    return list(recipients.values())


def member_language(item: Document | Revision) -> str:
    """The language to write to the member who sent ``item`` in."""
    if item.uploader_language:
        return item.uploader_language
    user = item.uploaded_by
    membership = getattr(user, "membership", None) if user else None
    return getattr(membership, "language", "") or settings.LANGUAGE_CODE


def _review_links(document: Document) -> dict:
    return {
        "review_url": absolute_url(
            reverse("admin:documents_submission_change", args=[document.pk])
        ),
        "queue_url": absolute_url(reverse("admin:documents_submission_changelist")),
    }


def _member_links(document: Document) -> dict:
    """Links for the member, in the active language."""
    return {
        "document_url": absolute_url(document.get_absolute_url()),
        "portal_url": absolute_url(reverse("documents:portal_dashboard")),
        "versions_url": absolute_url(reverse("documents:portal_versions", args=[document.pk])),
        "revise_url": absolute_url(reverse("documents:portal_revise", args=[document.pk])),
    }


def send_submission_notice(document: Document) -> int:
    """Tell the secretariat that a document awaits review."""
    recipients = secretariat_recipients()
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "document": document,
            "institution": document.institution,
            "uploader": document.uploaded_by,
            **_review_links(document),
        }
        subject, body = _render("submission", context)
    return send_mail(subject, body, None, recipients)


def send_decision(document: Document) -> int:
    """Tell the uploader that their document was published or rejected, and why."""
    user = document.uploaded_by
    if user is None or not user.email:
        return 0
    with translation.override(member_language(document)):
        context = {
            "document": document,
            "user": user,
            "approved": document.status == DocumentStatus.APPROVED,
            **_member_links(document),
        }
        subject, body = _render("decision", context)
    return send_mail(subject, body, None, [user.email])


def send_revision_notice(revision: Revision) -> int:
    """Tell the secretariat that a new version of a document awaits review."""
    recipients = secretariat_recipients()
    if not recipients:
        return 0
    document = revision.document
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "revision": revision,
            "document": document,
            "institution": document.institution,
            "uploader": revision.uploaded_by,
            **_review_links(document),
        }
        subject, body = _render("revision", context)
    return send_mail(subject, body, None, recipients)


def send_revision_decision(revision: Revision) -> int:
    """Tell the member who sent a new version whether it replaced the published file."""
    user = revision.uploaded_by
    if user is None or not user.email:
        return 0
    document = revision.document
    with translation.override(member_language(revision)):
        context = {
            "revision": revision,
            "document": document,
            "user": user,
            "approved": revision.status == DocumentStatus.APPROVED,
            "still_public": document.status == DocumentStatus.APPROVED,
            **_member_links(document),
        }
        subject, body = _render("revision_decision", context)
    return send_mail(subject, body, None, [user.email])
