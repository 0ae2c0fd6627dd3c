"""The worker's email jobs: queued when the transaction commits, retried, never in the way."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.db import transaction
from django.urls import reverse

from documents.models import Document, DocumentStatus
from documents.services import approve_document
from tests.documents import files
from tests.documents import mail as failing_mail
from tests.documents.conftest import upload

pytestmark = pytest.mark.django_db

QUEUE = "admin:documents_submission_changelist"


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "tests.documents.mail.RefusingBackend"
    failing_mail.attempts.clear()
    yield failing_mail.attempts
    failing_mail.attempts.clear()


def test_a_failing_mail_server_never_fails_an_upload_or_an_approval(
    client, member, secretariat, settings, mail_server_down, django_capture_on_commit_callbacks
):
    settings.SECRETARIAT_EMAILS = ["desk@example.org"]
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:portal_upload"),
            {
                "title_en": "Paper",
                "kind": "paper",
                "language": "en",
                "file": upload("p.pdf", files.pdf_bytes()),
            },
        )
    assert response.status_code == 302
    document = Document.objects.get()
    # Tried, then tried again MAIL_RETRIES times (at once here; with pauses in the worker).
    assert len(mail_server_down) == settings.MAIL_RETRIES + 1

    mail_server_down.clear()
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(QUEUE), {"action": "approve_selected", ACTION_CHECKBOX_NAME: [document.pk]}
        )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == DocumentStatus.APPROVED
    assert len(mail_server_down) == settings.MAIL_RETRIES + 1
    assert client.get(document.get_absolute_url()).status_code == 200


def test_the_email_is_queued_when_the_decision_commits(
    make_pdf_document, member, nssf, secretariat, django_capture_on_commit_callbacks
):
    document = make_pdf_document(status="submitted", institution=nssf, uploaded_by=member)
    with django_capture_on_commit_callbacks() as callbacks:
        approve_document(document, secretariat)
    assert mail.outbox == []  # nothing is queued before the commit
    for callback in callbacks:
        callback()
    (sent,) = mail.outbox
    assert sent.to == [member.email]


def test_no_email_for_a_decision_that_was_rolled_back(
    make_pdf_document, member, nssf, secretariat, django_capture_on_commit_callbacks
):
    document = make_pdf_document(status="submitted", institution=nssf, uploaded_by=member)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        approve_document(document, secretariat)
        raise RuntimeError("the request failed later")
    assert callbacks == [] and mail.outbox == []
    document.refresh_from_db()
    assert document.status == DocumentStatus.SUBMITTED
