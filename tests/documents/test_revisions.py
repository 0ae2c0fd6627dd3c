"""New versions from the portal: sent by the document's institution, moderated like a new
submission; until approved the public keeps the approved file behind the same address."""

import hashlib
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from backups.verification import expected_files
from documents.models import Document, DocumentStatus, Revision
from documents.services import (
    approve_document,
    approve_revision,
    reject_document,
    reject_revision,
    submit_revision,
    withdraw_document,
)
from tests.documents import files
from tests.documents.conftest import upload

pytestmark = pytest.mark.django_db


def portal(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"documents:{name}", kwargs=kwargs or None)


def body(response) -> bytes:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def published(make_pdf_document, nssf, member):
    return make_pdf_document(
        name="coverage.pdf", title_en="Coverage expansion", institution=nssf, uploaded_by=member
    )


def send_version(client, document, data, *, note="Corrected table 3.", language="en", name=None):
    return client.post(
        portal("portal_revise", language, pk=document.pk),
        {"file": upload(name or "coverage-v2.pdf", data), "note": note},
    )


def test_a_revision_keeps_the_approved_file_until_it_is_approved(
    client, published, member, secretariat, django_capture_on_commit_callbacks
):
    old_bytes = published.file.storage.open(published.file.name).read()
    address = published.get_download_url()
    new_bytes = files.pdf_bytes(3, width=777)

    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = send_version(client, published, new_bytes)
    assert response.status_code == 302
    assert response["Location"] == portal("portal_versions", pk=published.pk)
    revision = Revision.objects.get()
    assert (revision.status, revision.note, revision.uploaded_by) == (
        "submitted",
        "Corrected table 3.",
        member,
    )
    assert revision.uploader_language == "en"
    # Waiting: the same address still serves the approved bytes, to everyone.
    client.logout()
    assert sha(body(client.get(address))) == sha(old_bytes)
    published.refresh_from_db()
    assert published.status == DocumentStatus.APPROVED and published.original_name == "coverage.pdf"

    with django_capture_on_commit_callbacks(execute=True):
        approve_revision(revision, secretariat)
    published.refresh_from_db()
    # The same address, the new bytes; the document keeps its page and status.
    assert published.get_download_url().rsplit("/", 1)[0] == address.rsplit("/", 1)[0]
    assert sha(body(client.get(address))) == sha(new_bytes)
    assert published.original_name == "coverage-v2.pdf" and published.page_count == 3
    assert published.status == DocumentStatus.APPROVED
    # The previous file is an earlier version, with its bytes.
    version = published.versions.get()
    assert version.original_name == "coverage.pdf" and version.sha256 == sha(old_bytes)
    client.force_login(secretariat)
    assert sha(body(client.get(version.get_download_url()))) == sha(old_bytes)
    revision.refresh_from_db()
    assert revision.status == DocumentStatus.APPROVED and revision.decided_by == secretariat
    # The member heard of it.
    decision = [m for m in mail.outbox if m.to == [member.email]]
    assert len(decision) == 1 and "New version published" in decision[0].subject


def test_a_rejected_revision_leaves_the_approved_file(
    client, published, member, secretariat, django_capture_on_commit_callbacks
):
    old_bytes = published.file.storage.open(published.file.name).read()
    revision = submit_revision(
        published, upload("v2.pdf", files.pdf_bytes(2, width=612)), by=member, note="New data"
    )
    with django_capture_on_commit_callbacks(execute=True):
        reject_revision(revision, secretariat, "Table 3 is still wrong.")
    published.refresh_from_db()
    assert published.status == DocumentStatus.APPROVED and published.sha256 == sha(old_bytes)
    assert sha(body(client.get(published.get_download_url()))) == sha(old_bytes)
    assert published.versions.count() == 0
    revision.refresh_from_db()
    assert revision.status == DocumentStatus.REJECTED
    assert revision.rejection_reason == "Table 3 is still wrong."
    # The email says why, that the published version stays, and where to send a new one.
    (decision,) = [m for m in mail.outbox if m.to == [member.email]]
    assert "Table 3 is still wrong." in decision.body
    assert f"/portal/documents/{published.pk}/new-version/" in decision.body
    # The member's Khmer membership language (no page language stored for a service call).
    assert any("\u1780" <= ch <= "\u17ff" for ch in decision.subject)
    # The member can send another.
    client.force_login(member)
    assert send_version(client, published, files.pdf_bytes(2, width=613)).status_code == 302
    assert published.revisions.filter(status="submitted").count() == 1


def test_the_member_sees_the_state_of_each_version(client, published, member, secretariat):
    first = submit_revision(
        published, upload("v2.pdf", files.pdf_bytes(2, width=640)), by=member, note="New data"
    )
    approve_revision(first, secretariat)
    second = submit_revision(
        published, upload("v3.pdf", files.pdf_bytes(2, width=641)), by=member, note="Typos"
    )
    reject_revision(second, secretariat, "Not the final text.")
    third = submit_revision(
        published, upload("v4.pdf", files.pdf_bytes(2, width=642)), by=member, note="Final"
    )
    client.force_login(member)
    for language, words in {
        "en": ["Current version", "Earlier version", "Not accepted", "Waiting for the"],
        "km": ["កំណែបច្ចុប្បន្ន", "កំណែមុន", "មិនទទួលយក", "កំពុងរង់ចាំ"],
    }.items():
        html = client.get(portal("portal_versions", language, pk=published.pk)).content.decode()
        for word in words:
            assert word in html, (language, word)
        assert html.index("v4.pdf") < html.index("v2.pdf") < html.index("coverage.pdf")
        assert "Not the final text." in html and "Typos" in html and "New data" in html
        assert third.get_download_url() in html
    # The dashboard says a new version waits, and offers no second one meanwhile.
    dashboard = client.get(portal("portal_dashboard")).content.decode()
    assert "New version waiting" in dashboard
    assert portal("portal_revise", pk=published.pk) not in dashboard
    response = send_version(client, published, files.pdf_bytes(2, width=643))
    assert response.status_code == 302
    assert published.revisions.filter(status="submitted").count() == 1


def test_a_waiting_revision_can_be_withdrawn_by_its_institution(client, published, member):
    revision = submit_revision(
        published, upload("v2.pdf", files.pdf_bytes(2, width=650)), by=member
    )
    client.force_login(member)
    response = client.post(portal("portal_withdraw_revision", pk=revision.pk))
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == DocumentStatus.WITHDRAWN
    assert LogEntry.objects.filter(object_id=str(published.pk), user=member).exists()


def test_the_same_file_or_a_bad_one_is_refused_with_its_reason(client, published, member):
    client.force_login(member)
    same = published.file.storage.open(published.file.name).read()
    response = send_version(client, published, same)
    assert response.status_code == 200
    assert "same file as the current version" in response.content.decode()
    response = send_version(client, published, files.HTML_BYTES, name="notes.pdf")
    assert "Web pages (HTML) are not accepted" in response.content.decode()
    response = send_version(client, published, files.pdf_bytes(2, width=660), note="")
    assert response.context["form"].errors["note"]
    assert Revision.objects.count() == 0


def test_a_waiting_or_withdrawn_document_takes_no_revision(client, make_pdf_document, nssf, member):
    waiting = make_pdf_document(status="submitted", institution=nssf, uploaded_by=member)
    client.force_login(member)
    response = send_version(client, waiting, files.pdf_bytes(2, width=670))
    assert response.status_code == 302
    assert response["Location"] == portal("portal_versions", pk=waiting.pk)
    withdraw_document(waiting, member)
    assert client.get(portal("portal_revise", pk=waiting.pk)).status_code == 302
    assert Revision.objects.count() == 0


def test_a_rejected_document_is_published_with_its_approved_new_version(
    client, make_pdf_document, nssf, member, secretariat
):
    document = make_pdf_document(status="submitted", institution=nssf, uploaded_by=member)
    reject_document(document, secretariat, "Please send the final version.")
    client.force_login(member)
    assert client.get(portal("portal_revise", pk=document.pk)).status_code == 200
    assert send_version(client, document, files.pdf_bytes(2, width=680)).status_code == 302
    revision = document.revisions.get()
    approve_revision(revision, secretariat)
    document.refresh_from_db()
    assert document.status == DocumentStatus.APPROVED and document.rejection_reason == ""
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 200


# ---- who may --------------------------------------------------------------------------


def test_another_institution_cannot_send_see_or_withdraw_a_version(
    client, published, member, other_member, secretariat
):
    revision = submit_revision(
        published, upload("v2.pdf", files.pdf_bytes(2, width=690)), by=member
    )
    client.force_login(other_member)
    assert client.get(portal("portal_versions", pk=published.pk)).status_code == 404
    assert client.get(portal("portal_revise", pk=published.pk)).status_code == 404
    response = send_version(client, published, files.pdf_bytes(2, width=691))
    assert response.status_code == 404
    assert client.post(portal("portal_withdraw_revision", pk=revision.pk)).status_code == 404
    assert client.get(revision.get_download_url()).status_code == 404
    revision.refresh_from_db()
    assert revision.status == DocumentStatus.SUBMITTED and Revision.objects.count() == 1
    # Nor can anyone by calling the service.
    with pytest.raises(PermissionError):
        submit_revision(published, upload("x.pdf", files.pdf_bytes(2, width=692)), by=other_member)
    # The public neither.
    client.logout()
    assert client.get(revision.get_download_url()).status_code == 404
    assert client.get(portal("portal_revise", pk=published.pk)).status_code == 302
    # The institution and the secretariat read the file sent.
    for who in (member, secretariat):
        client.force_login(who)
        assert client.get(revision.get_download_url()).status_code == 200


# ---- emails in the member's page language --------------------------------------------------


@pytest.mark.parametrize(("page", "khmer"), [("km", True), ("en", False)])
def test_emails_to_the_member_follow_the_page_they_used(
    client, make_pdf_document, sso, other_member, secretariat, page, khmer,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    # other_member's membership says English; the page they use decides.
    document = make_pdf_document(institution=sso, uploaded_by=other_member)
    client.force_login(other_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = send_version(client, document, files.pdf_bytes(2, width=700), language=page)
    assert response.status_code == 302
    revision = document.revisions.get()
    assert revision.uploader_language == page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reject_revision(revision, secretariat, "Wrong file.")
    (decision,) = mail.outbox
    assert any("\u1780" <= ch <= "\u17ff" for ch in decision.body) is khmer
    assert f"/{page}/portal/documents/{document.pk}/new-version/" in decision.body

    # A new document sent from that page: the decision in the same language.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            portal("portal_upload", page),
            {
                "title_en": "Another paper",
                "kind": "paper",
                "language": "en",
                "file": upload("another.pdf", files.pdf_bytes(2, width=701)),
            },
        )
    assert response.status_code == 302
    new = Document.objects.get(title_en="Another paper")
    assert new.uploader_language == page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approve_document(new, secretariat)
    (decision,) = mail.outbox
    assert any("\u1780" <= ch <= "\u17ff" for ch in decision.body) is khmer


# ---- the files are kept ------------------------------------------------------------------


def test_sweep_and_verify_know_the_files_of_new_versions(published, member, settings):
    revision = submit_revision(
        published, upload("v2.pdf", files.pdf_bytes(2, width=710)), by=member
    )
    out = io.StringIO()
    call_command("sweep_document_files", "--min-age", "0", stdout=out)
    assert revision.file.storage.exists(revision.file.name), out.getvalue()
    assert "0 unreferenced files were deleted" in out.getvalue()
    names = {expected.name for expected in expected_files()}
    assert revision.file.name in names


def test_deleting_a_document_deletes_its_new_versions_files(
    published, member, django_capture_on_commit_callbacks
):
    from documents.services import delete_document_files

    revision = submit_revision(
        published, upload("v2.pdf", files.pdf_bytes(2, width=720)), by=member
    )
    storage = revision.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        delete_document_files(published)
        published.delete()
    assert not storage.exists(revision.file.name)
