"""Moderation where the clerk reads: buttons on the submission's page, the waiting panel on
the admin's front page, the decisions in the History, the emails to the Secretariat group."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from documents.history import message_of
from documents.models import Document, DocumentStatus
from documents.services import (
    create_document,
    replace_file,
    submit_revision,
    withdraw_document,
)
from tests.documents import files
from tests.documents.conftest import upload
from tests.factories import SecretariatUserFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUE = "admin:documents_submission_changelist"


def change_url(document):
    return reverse("admin:documents_submission_change", args=[document.pk])


def history(document) -> list[str]:
    entries = LogEntry.objects.filter(object_id=str(document.pk)).order_by("action_time", "pk")
    return [message_of(entry) for entry in entries]


@pytest.fixture
def submitted(make_pdf_document, nssf, member):
    return make_pdf_document(
        status="submitted", name="coverage.pdf", title_en="Coverage", institution=nssf,
        uploaded_by=member,
    )  # fmt: skip


def test_the_submission_page_has_approve_and_reject_buttons(client, secretariat, submitted):
    client.force_login(secretariat)
    html = client.get(change_url(submitted)).content.decode()
    approve = reverse("admin:documents_submission_approve", args=[submitted.pk])
    reject = reverse("admin:documents_submission_reject", args=[submitted.pk])
    assert f'action="{approve}"' in html and f'action="{reject}"' in html
    assert "Approve and publish" in html and 'name="reason"' in html
    # The panel comes before the form, where the clerk starts reading.
    assert html.index(approve) < html.index('id="submission_form"')


def test_approving_with_the_button_publishes_and_is_in_the_history(
    client, secretariat, submitted, member, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:documents_submission_approve", args=[submitted.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(QUEUE)
    submitted.refresh_from_db()
    assert submitted.status == DocumentStatus.APPROVED and submitted.decided_by == secretariat
    entry = LogEntry.objects.get(object_id=str(submitted.pk))
    assert entry.user == secretariat
    assert entry.content_type.model_class() is Document
    assert message_of(entry) == "Approved and published."
    assert [m.to for m in mail.outbox] == [[member.email]]
    # The History page shows it, in English and in Khmer; the queue's History is the document's.
    history_url = reverse("admin:documents_document_history", args=[submitted.pk])
    assert "Approved and published." in client.get(history_url).content.decode()
    client.cookies["django_language"] = "km"
    assert "បានអនុម័ត និងផ្សព្វផ្សាយ។" in client.get(history_url).content.decode()
    redirect = client.get(reverse("admin:documents_submission_history", args=[submitted.pk]))
    assert redirect.status_code == 302 and redirect["Location"] == history_url


def test_rejecting_with_the_button_needs_a_reason(client, secretariat, submitted):
    client.force_login(secretariat)
    reject = reverse("admin:documents_submission_reject", args=[submitted.pk])
    response = client.post(reject, {"reason": "  "}, follow=True)
    assert "Please say why" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == DocumentStatus.SUBMITTED
    response = client.post(reject, {"reason": "Not the final version."})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == DocumentStatus.REJECTED
    assert history(submitted) == ["Rejected. Reason: Not the final version."]
    # The buttons answer POST only, and only for what waits.
    assert client.get(reject).status_code == 403
    assert client.post(reject, {"reason": "Again"}).status_code == 404


def test_a_new_version_is_decided_with_the_same_buttons(
    client, secretariat, make_pdf_document, nssf, member
):
    document = make_pdf_document(name="v1.pdf", institution=nssf, uploaded_by=member)
    revision = submit_revision(
        document, upload("v2.pdf", files.pdf_bytes(2, width=801)), by=member, note="Table 3"
    )
    client.force_login(secretariat)
    queue = client.get(reverse(QUEUE))
    assert list(queue.context["cl"].result_list) == [document]
    assert "New version" in queue.content.decode() and "Table 3" in queue.content.decode()
    html = client.get(change_url(document)).content.decode()
    assert "A new version waits for your decision" in html and "v2.pdf" in html
    assert "Approve the new version" in html
    client.post(reverse("admin:documents_submission_approve", args=[document.pk]))
    document.refresh_from_db()
    revision.refresh_from_db()
    assert document.original_name == "v2.pdf" and revision.status == "approved"
    assert history(document) == [
        "New version sent for review: v2.pdf. What changed: Table 3",
        "New version approved: v2.pdf instead of v1.pdf (kept as an earlier version).",
    ]
    assert list(client.get(reverse(QUEUE)).context["cl"].result_list) == []
    # The document's own page lists the versions sent, with what was decided.
    html = client.get(reverse("admin:documents_document_change", args=[document.pk])).content
    assert "Table 3" in html.decode() and revision.get_download_url() in html.decode()


def test_replacements_and_withdrawals_are_in_the_history(
    secretariat, make_pdf_document, nssf, member
):
    document = make_pdf_document(name="minutes.pdf", institution=nssf)
    replace_file(document, upload("minutes-2.pdf", files.pdf_bytes(2, width=810)), secretariat)
    waiting = make_pdf_document(status="submitted", institution=nssf, uploaded_by=member)
    withdraw_document(waiting, member)
    assert history(document) == [
        "File replaced: minutes-2.pdf instead of minutes.pdf (kept as an earlier version)."
    ]
    assert history(waiting) == [f"Withdrawn by {member.get_full_name()} before a decision."]
    entry = LogEntry.objects.get(object_id=str(waiting.pk))
    assert entry.user == member


# ---- the actions --------------------------------------------------------------------------


@pytest.mark.parametrize("changelist", ["documents_document", "documents_submission"])
def test_the_first_action_is_not_delete(client, secretariat, submitted, changelist):
    client.force_login(secretariat)
    response = client.get(reverse(f"admin:{changelist}_changelist"))
    choices = [name for name, _label in response.context["action_form"].fields["action"].choices]
    assert choices[1] == "approve_selected" and choices[2] == "reject_selected"
    if changelist == "documents_submission":
        assert "delete_selected" not in choices
    else:
        assert choices[-1] == "delete_selected"


# ---- the front page's panel -------------------------------------------------------------


def test_the_waiting_panel_counts_new_documents_and_new_versions(
    client, secretariat, submitted, make_pdf_document, nssf, member
):
    published = make_pdf_document(institution=nssf)
    submit_revision(published, upload("v2.pdf", files.pdf_bytes(2, width=820)), by=member)
    make_pdf_document(status="rejected", institution=nssf)
    client.force_login(secretariat)
    html = client.get(reverse("admin:index")).content.decode()
    assert 'id="waiting-papers"' in html
    assert "2 papers waiting" in html
    assert f'href="{reverse(QUEUE)}"' in html
    client.cookies["django_language"] = "km"
    assert "ឯកសារ ២ កំពុងរង់ចាំ" in client.get(reverse("admin:index")).content.decode()


def test_the_waiting_panel_is_for_the_secretariat_only(client, submitted, django_user_model):
    other_staff = UserFactory(username="webmaster", is_staff=True)
    client.force_login(other_staff)
    html = client.get(reverse("admin:index")).content.decode()
    assert 'id="waiting-papers"' not in html


def test_no_paper_waiting_says_so(client, secretariat):
    client.force_login(secretariat)
    html = client.get(reverse("admin:index")).content.decode()
    assert "No paper is waiting" in html


# ---- who hears of a new submission ----------------------------------------------------------


def test_the_secretariat_group_is_told_of_each_submission(
    member, settings, django_capture_on_commit_callbacks
):
    settings.SECRETARIAT_EMAILS = []
    clerk = SecretariatUserFactory(username="clerk", email="clerk@example.org")
    SecretariatUserFactory(username="no-address", email="")
    SecretariatUserFactory(username="gone", email="gone@example.org", is_active=False)
    UserFactory(username="outsider", is_staff=True, email="outsider@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        create_document(
            upload("a.pdf", files.pdf_bytes(2, width=830)),
            original_name="a.pdf",
            title_en="A paper",
            uploaded_by=member,
        )
    assert [m.to for m in mail.outbox] == [[clerk.email]]


def test_secretariat_emails_add_addresses_once(
    member, settings, django_capture_on_commit_callbacks
):
    SecretariatUserFactory(username="clerk", email="clerk@example.org")
    settings.SECRETARIAT_EMAILS = ["chair@example.org", "CLERK@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        create_document(
            upload("a.pdf", files.pdf_bytes(2, width=831)),
            original_name="a.pdf",
            title_en="A paper",
            uploaded_by=member,
        )
    assert [m.to for m in mail.outbox] == [["clerk@example.org", "chair@example.org"]]


def test_a_group_without_members_and_no_addresses_sends_nothing(
    member, settings, django_capture_on_commit_callbacks
):
    Group.objects.get_or_create(name="Secretariat")
    settings.SECRETARIAT_EMAILS = []
    with django_capture_on_commit_callbacks(execute=True):
        create_document(
            upload("a.pdf", files.pdf_bytes(2, width=832)),
            original_name="a.pdf",
            title_en="A paper",
            uploaded_by=member,
        )
    assert mail.outbox == []
