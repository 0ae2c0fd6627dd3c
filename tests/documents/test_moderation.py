"""Moderation end to end: a member sends, the secretariat approves or rejects in the admin,
and everyone hears of it by email in their own language."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse
from django.utils import translation

from documents.models import Document, DocumentStatus
from tests.documents import files
from tests.documents.conftest import upload
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

QUEUE = "admin:documents_submission_changelist"


def send(client, member, title, data, language="km"):
    """Sent from the portal's page in ``language``: the member's emails use it."""
    client.force_login(member)
    with translation.override(language):
        address = reverse("documents:portal_upload")
    response = client.post(
        address,
        {"title_en": title, "kind": "paper", "language": "en", "file": upload("p.pdf", data)},
    )
    assert response.status_code == 302
    client.logout()
    return Document.objects.get(title_en=title)


def test_submission_approved_and_rejected_with_emails(
    client, member, secretariat, settings, django_capture_on_commit_callbacks
):
    settings.SECRETARIAT_EMAILS = ["chair@example.org", "desk@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        first = send(client, member, "Coverage expansion", files.pdf_bytes(1))
        second = send(client, member, "Working notes", files.pdf_bytes(2))
    # The secretariat heard of each submission: the group's members, and SECRETARIAT_EMAILS.
    assert [m.to for m in mail.outbox] == [[secretariat.email, *settings.SECRETARIAT_EMAILS]] * 2
    mail.outbox.clear()

    client.force_login(secretariat)
    queue = client.get(reverse(QUEUE))
    assert set(queue.context["cl"].result_list) == {first, second}

    # Approve: published, the uploader is told (in Khmer, the language of the page they used).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(QUEUE), {"action": "approve_selected", ACTION_CHECKBOX_NAME: [first.pk]}
        )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == DocumentStatus.APPROVED and first.decided_by == secretariat
    assert client.get(first.get_absolute_url()).status_code == 200
    (approved_mail,) = mail.outbox
    assert approved_mail.to == [member.email]
    assert "Coverage expansion" in approved_mail.subject
    assert any("\u1780" <= ch <= "\u17ff" for ch in approved_mail.body)
    # The Khmer greeting has no Latin comma after the name.
    assert (
        approved_mail.body.splitlines()[0] == f"ជូនចំពោះ {member.get_full_name() or member.username}"
    )
    assert "/km/documents/" in approved_mail.body
    mail.outbox.clear()

    # Reject: the action first asks for the reason.
    page = client.post(
        reverse(QUEUE), {"action": "reject_selected", ACTION_CHECKBOX_NAME: [second.pk]}
    )
    assert page.status_code == 200
    assert "Working notes" in page.content.decode()
    second.refresh_from_db()
    assert second.status == DocumentStatus.SUBMITTED
    # Without a reason it asks again.
    page = client.post(
        reverse(QUEUE),
        {
            "action": "reject_selected",
            ACTION_CHECKBOX_NAME: [second.pk],
            "apply": "1",
            "reason": "",
        },
    )
    assert page.status_code == 200 and page.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(QUEUE),
            {
                "action": "reject_selected",
                ACTION_CHECKBOX_NAME: [second.pk],
                "apply": "1",
                "reason": "These are working notes, not a paper.",
            },
        )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == DocumentStatus.REJECTED
    assert second.rejection_reason == "These are working notes, not a paper."
    (rejected_mail,) = mail.outbox
    assert rejected_mail.to == [member.email]
    assert "These are working notes, not a paper." in rejected_mail.body
    # The queue is empty again; the member sees both decisions.
    assert list(client.get(reverse(QUEUE)).context["cl"].result_list) == []
    client.force_login(member)
    dashboard = client.get(reverse("documents:portal_dashboard")).content.decode()
    assert "These are working notes, not a paper." in dashboard


def test_decision_email_in_english_for_an_english_reader(
    other_member, secretariat, sso, django_capture_on_commit_callbacks
):
    from documents.services import approve_document

    document = DocumentFactory(institution=sso, uploaded_by=other_member, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        approve_document(document, secretariat)
    assert mail.outbox[0].subject == f"Published: {document.title_en}"
    assert "has published your document" in mail.outbox[0].body


def test_no_secretariat_addresses_no_email(
    member, settings, django_capture_on_commit_callbacks, nssf
):
    from documents.services import create_document

    settings.SECRETARIAT_EMAILS = []
    with django_capture_on_commit_callbacks(execute=True):
        create_document(
            upload("a.pdf", files.pdf_bytes()),
            original_name="a.pdf",
            title_en="A",
            uploaded_by=member,
        )
    assert mail.outbox == []


# ---- the admin's own uploads and replacements -----------------------------------------------


def test_secretariat_uploads_in_the_admin_and_it_is_published(client, secretariat, nssf):
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:documents_document_add"),
        {
            "title_en": "Annual report",
            "title_km": "",
            "description_en": "",
            "description_km": "",
            "kind": "report",
            "language": "en",
            "institution": nssf.pk,
            "event": "",
            "status": "approved",
            "upload": upload("report.pdf", files.pdf_bytes(3)),
            "versions-TOTAL_FORMS": "0",
            "versions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get()
    assert document.is_published and document.page_count == 3
    assert document.uploaded_by == secretariat


def test_admin_refuses_a_bad_file_with_its_message(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:documents_document_add"),
        {
            "title_en": "Bad",
            "kind": "report",
            "language": "en",
            "status": "approved",
            "upload": upload("drawing.svg", files.SVG_BYTES),
            "versions-TOTAL_FORMS": "0",
            "versions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "SVG drawings are not accepted" in response.content.decode()
    assert Document.objects.count() == 0


def test_secretariat_replaces_a_file_in_the_admin(client, secretariat, make_pdf_document):
    document = make_pdf_document(name="minutes.pdf", title_en="Minutes")
    client.force_login(secretariat)
    url = reverse("admin:documents_document_change", args=[document.pk])
    response = client.post(
        url,
        {
            "title_en": "Minutes",
            "kind": "minutes",
            "language": "en",
            "upload": upload("minutes-corrected.pdf", files.pdf_bytes(4)),
            "versions-TOTAL_FORMS": "0",
            "versions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    document.refresh_from_db()
    assert document.page_count == 4 and document.original_name == "minutes-corrected.pdf"
    version = document.versions.get()
    assert version.original_name == "minutes.pdf" and version.replaced_by == secretariat
    # The change page lists the earlier version with its download link.
    html = client.get(url).content.decode()
    assert version.get_download_url() in html
    assert client.get(version.get_download_url()).status_code == 200
