"""The member portal: logging in, sending a document, withdrawing it, resetting a password."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from documents.models import Document, DocumentStatus
from tests.documents import files
from tests.documents.conftest import upload
from tests.factories import DocumentFactory, EventFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def portal(name="portal_dashboard", language="en", **kwargs):
    with translation.override(language):
        return reverse(f"documents:{name}", kwargs=kwargs or None)


def test_log_in_and_out(client, member):
    response = client.post(
        portal("portal_login"), {"username": "nssf-member", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == portal()
    assert "Documents of NSSF" in client.get(portal()).content.decode()
    response = client.post(portal("portal_logout"))
    assert response["Location"] == portal("portal_login")
    assert client.get(portal()).status_code == 302


def test_wrong_password_says_so(client, member):
    response = client.post(portal("portal_login"), {"username": "nssf-member", "password": "no"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_login_page_in_khmer(client):
    html = client.get(portal("portal_login", "km")).content.decode()
    assert '<html lang="km">' in html
    assert "ចូល" in html  # log in


@pytest.mark.parametrize("language", ["en", "km"])
def test_login_page_header_shows_the_site_name_not_the_host(client, language):
    with translation.override(language):
        name = str(settings.SITE_NAME)
    html = client.get(portal("portal_login", language)).content.decode()
    assert f'<span class="brand-name">{name}</span>' in html
    assert 'brand-name">testserver' not in html


def form_data(**extra):
    return {
        "title_en": "Coverage expansion",
        "title_km": "",
        "kind": "paper",
        "language": "en",
        **extra,
    }


def test_upload_sends_a_submission_for_my_institution(
    client, member, nssf, today_events, settings, django_capture_on_commit_callbacks
):
    meeting = today_events["upcoming"]
    settings.SECRETARIAT_EMAILS = ["secretariat@example.org"]
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            portal("portal_upload"),
            form_data(event=meeting.pk, file=upload("coverage.pdf", files.pdf_bytes(2))),
        )
    assert response.status_code == 302 and response["Location"] == portal()
    document = Document.objects.get()
    assert document.status == DocumentStatus.SUBMITTED
    assert document.institution == nssf and document.uploaded_by == member
    assert document.event == meeting and document.page_count == 2
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["secretariat@example.org"]
    assert "Coverage expansion" in mail.outbox[0].subject
    assert f"/admin/documents/submission/{document.pk}/change/" in mail.outbox[0].body
    dashboard = client.get(portal()).content.decode()
    assert "Coverage expansion" in dashboard and "Submitted" in dashboard


def test_upload_form_shows_why_a_file_is_refused(client, member):
    client.force_login(member)
    response = client.post(
        portal("portal_upload"), form_data(file=upload("notes.pdf", files.HTML_BYTES))
    )
    assert response.status_code == 200
    assert "Web pages (HTML) are not accepted" in response.content.decode()
    assert Document.objects.count() == 0


def test_upload_form_refuses_in_khmer_on_khmer_pages(client, member):
    client.force_login(member)
    response = client.post(
        portal("portal_upload", "km"),
        form_data(file=upload("locked.pdf", files.encrypted_pdf_bytes())),
    )
    errors = response.context["form"].errors["file"]
    assert any("\u1780" <= ch <= "\u17ff" for ch in errors[0])


def test_a_duplicate_links_to_the_document_already_there(client, member, make_pdf_document):
    existing = make_pdf_document(name="a.pdf")
    data = existing.file.storage.open(existing.file.name).read()
    client.force_login(member)
    response = client.post(portal("portal_upload"), form_data(file=upload("copy.pdf", data)))
    html = response.content.decode()
    assert "This file has already been uploaded" in html
    assert f'href="{existing.get_absolute_url()}"' in html


def test_event_choices_are_recent_and_upcoming_published_events(client, member, today_events):
    client.force_login(member)
    choices = client.get(portal("portal_upload")).context["form"].fields["event"].queryset
    assert set(choices) == {today_events["recent"], today_events["upcoming"]}


@pytest.fixture
def today_events():
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    return {
        "recent": EventFactory(starts_on=today - datetime.timedelta(days=60)),
        "upcoming": EventFactory(starts_on=today + datetime.timedelta(days=90), status="planned"),
        "old": EventFactory(starts_on=today - datetime.timedelta(days=800)),
        "hidden": EventFactory(starts_on=today, is_published=False),
    }


def test_withdraw_before_a_decision(client, member, nssf):
    document = DocumentFactory(
        institution=nssf, status=DocumentStatus.SUBMITTED, uploaded_by=member
    )
    client.force_login(member)
    dashboard = client.get(portal()).content.decode()
    url = portal("portal_withdraw", pk=document.pk)
    assert url in dashboard
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response["Location"] == portal()
    document.refresh_from_db()
    assert document.status == DocumentStatus.WITHDRAWN
    assert url not in client.get(portal()).content.decode()


def test_a_decided_document_cannot_be_withdrawn(client, member, nssf):
    document = DocumentFactory(institution=nssf, status=DocumentStatus.APPROVED)
    client.force_login(member)
    response = client.post(portal("portal_withdraw", pk=document.pk), follow=True)
    assert "can no longer be withdrawn" in response.content.decode()
    document.refresh_from_db()
    assert document.status == DocumentStatus.APPROVED


def test_rejected_submission_shows_its_reason_on_the_dashboard(client, member, nssf):
    DocumentFactory(
        institution=nssf, status=DocumentStatus.REJECTED, rejection_reason="Wrong meeting."
    )
    client.force_login(member)
    html = client.get(portal()).content.decode()
    assert "Rejected" in html and "Wrong meeting." in html


@pytest.mark.parametrize("language", ["en", "km"])
def test_password_reset_by_email(client, member, language):
    response = client.post(portal("portal_password_reset", language), {"email": member.email})
    assert response["Location"] == portal("portal_password_reset_done", language)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    if language == "km":
        assert any("\u1780" <= ch <= "\u17ff" for ch in message.subject)
    link = re.search(r"http://testserver(/\S+)", message.body).group(1)
    assert link.startswith(f"/{language}/portal/password-reset/")
    response = client.get(link, follow=True)
    assert response.status_code == 200
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "a new long passphrase 42", "new_password2": "a new long passphrase 42"},
    )
    assert response["Location"] == portal("portal_password_reset_complete", language)
    assert client.login(
        request=HttpRequest(), username="nssf-member", password="a new long passphrase 42"
    )


def test_upload_help_gives_the_size_limit_in_the_page_digits(client, member, settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 50
    client.force_login(member)
    khmer = client.get(portal("portal_upload", "km")).content.decode()
    assert "៥០ មេកាបៃ" in khmer
    assert "50 MB" not in khmer
    assert "at most 50 MB." in client.get(portal("portal_upload", "en")).content.decode()
