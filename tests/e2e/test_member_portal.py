"""A member institution's staff send papers through the portal; the secretariat decides in
the admin: the approved paper is in the library, the rejected one shows why in the portal.
A new version of a published paper waits for the clerk's button; the public keeps the
approved file until then, and gets the new one, at the same address, after it."""

import hashlib
import re

import pytest
from playwright.sync_api import expect

from documents.models import Document
from tests.documents.files import pdf_bytes
from tests.e2e.support import LANGUAGES, PASSWORD

pytestmark = pytest.mark.e2e

PAPERS = {
    "en": ("Extending coverage to platform workers", "Draft notes on voluntary schemes"),
    "km": ("ការពង្រីកការគ្របដណ្តប់ដល់កម្មករតាមវេទិកាឌីជីថល", "កំណត់ត្រាព្រាងស្តីពីរបបស្ម័គ្រចិត្ត"),
}
STATUS = {
    "en": {"submitted": "Submitted", "approved": "Published", "rejected": "Rejected"},
    "km": {"submitted": "បានដាក់ស្នើ", "approved": "បានផ្សព្វផ្សាយ", "rejected": "បានបដិសេធ"},
}
REASON = "Please send the final version approved by your management."


def send_paper(page, shoot, language, title_km, event_pk, seed) -> str:
    """Fill in and send the portal's upload form; returns the English title used."""
    title_en = f"{PAPERS['en'][seed % 2]} ({language})"
    page.locator(".portal-head a.button").click()
    expect(page).to_have_url(re.compile(rf"/{language}/portal/upload/$"))
    page.locator("#id_title_en").fill(title_en)
    page.locator("#id_title_km").fill(title_km)
    page.locator("#id_kind").select_option("paper")
    page.locator("#id_language").select_option(language)
    page.locator("#id_event").select_option(str(event_pk))
    page.locator("#id_file").set_input_files(
        {
            "name": f"paper-{language}-{seed}.pdf",
            "mimeType": "application/pdf",
            "buffer": pdf_bytes(3, width=300 + seed + (0 if language == "en" else 50)),
        }
    )
    shoot(page, f"upload form {seed}")
    page.locator(".portal-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/portal/$"))
    expect(page.locator(".message-success")).to_be_visible()
    return title_en


def row_of(page, document: Document):
    return page.locator(
        "table.submissions tbody tr", has=page.locator(f'a[href$="/documents/{document.pk}/"]')
    )


def decide_in_admin(admin, shoot, document: Document, action: str) -> None:
    admin.goto("/admin/documents/submission/")
    admin.locator(f'input[name="_selected_action"][value="{document.pk}"]').check()
    admin.locator('select[name="action"]').select_option(action)
    shoot(admin, f"submissions before {action}")
    admin.locator('#changelist-form button[name="index"]').click()


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_sends_papers_and_follows_the_decisions(
    open_page, site, shoot, settings, mailoutbox, language
):
    settings.SECRETARIAT_EMAILS = ["secretariat@example.org"]
    member = site.users["member"]
    member.membership.language = language
    member.membership.save()
    event_pk = site.ids["upcoming_event"]

    # Logging in: the portal sends a visitor to its login form first.
    page = open_page(language)
    page.goto(f"/{language}/portal/")
    expect(page).to_have_url(re.compile(rf"/{language}/portal/login/"))
    shoot(page, "login")
    page.locator("#id_username").fill(member.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator(".portal-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/portal/$"))
    expect(page.locator(".portal-who")).to_contain_text("Sokha Chan")
    shoot(page, "dashboard")

    # A paper for the coming seminar: sent, waiting for the secretariat.
    title_en = send_paper(page, shoot, language, PAPERS["km"][0], event_pk, seed=0)
    paper = Document.objects.get(title_en=title_en)
    assert (paper.status, paper.institution.slug, paper.event_id) == (
        "submitted",
        "nssf-cambodia",
        event_pk,
    )
    expect(row_of(page, paper).locator(".badge")).to_have_text(STATUS[language]["submitted"])
    shoot(page, "dashboard with the paper sent")
    # The Secretariat group's members (the clerk), and SECRETARIAT_EMAILS.
    assert [mail.to for mail in mailoutbox] == [["clerk@example.org", "secretariat@example.org"]]

    # Not in the library yet, and its page is not public.
    visitor = open_page(language)
    visitor.goto(f"/{language}/documents/")
    expect(visitor.locator(".doc-row").first).to_be_visible()
    expect(
        visitor.locator(f'.doc-title a[href="/{language}/documents/{paper.pk}/"]')
    ).to_have_count(0)
    shoot(visitor, "library before the decision")
    assert visitor.goto(f"/{language}/documents/{paper.pk}/").status == 404
    shoot(visitor, "the paper's page before the decision")

    # The secretariat approves it.
    admin = open_page(language, user=site.users["clerk"])
    decide_in_admin(admin, shoot, paper, "approve_selected")
    expect(admin.locator(".messagelist .success")).to_be_visible()
    shoot(admin, "submissions after approval")
    paper.refresh_from_db()
    assert paper.status == "approved"

    page.reload()
    expect(row_of(page, paper).locator(".badge")).to_have_text(STATUS[language]["approved"])
    shoot(page, "dashboard after the approval")
    visitor.goto(f"/{language}/documents/")
    link = visitor.locator(f'.doc-title a[href="/{language}/documents/{paper.pk}/"]')
    expect(link).to_have_text(PAPERS["km"][0] if language == "km" else title_en)
    shoot(visitor, "library with the paper")
    link.click()
    response = visitor.request.get(paper.get_download_url())
    assert response.status == 200 and response.body()[:5] == b"%PDF-"
    shoot(visitor, "the paper's page")

    # The seminar's page lists it under the members' papers, and its ZIP counts it.
    seminar = paper.event
    visitor.goto(f"/{language}/events/{seminar.kind}/{seminar.slug}/")
    papers = visitor.locator(".event-papers")
    expect(papers.locator(f'a[href="/{language}/documents/{paper.pk}/"]')).to_be_visible()
    listed = visitor.locator("main a.file-link").count()
    zip_link = visitor.locator(".event-zip a")
    expect(zip_link).to_contain_text(str(listed) if language == "en" else "១")
    assert listed == 1
    shoot(visitor, "the seminar's page with the paper")

    # A second paper is rejected, with a reason the portal shows.
    title_en = send_paper(page, shoot, language, PAPERS["km"][1], event_pk, seed=1)
    draft = Document.objects.get(title_en=title_en)
    decide_in_admin(admin, shoot, draft, "reject_selected")
    expect(admin.locator("#id_reason")).to_be_visible()
    admin.locator("#id_reason").fill(REASON)
    shoot(admin, "reason for rejecting")
    admin.locator(".submit-row [type=submit]").click()
    expect(admin.locator(".messagelist .success")).to_be_visible()
    draft.refresh_from_db()
    assert (draft.status, draft.rejection_reason) == ("rejected", REASON)

    page.reload()
    row = row_of(page, draft)
    expect(row.locator(".badge")).to_have_text(STATUS[language]["rejected"])
    expect(row.locator(".reason")).to_contain_text(REASON)
    shoot(page, "dashboard with the decisions")

    # The uploader heard of both decisions by email, the rejection with its reason.
    decisions = [mail for mail in mailoutbox if mail.to == [member.email]]
    assert len(decisions) == 2
    assert REASON in decisions[1].body


VERSION_STATE = {
    "en": {"waiting": "Waiting for the secretariat's decision", "current": "Current version"},
    "km": {"waiting": "កំពុងរង់ចាំការសម្រេចរបស់លេខាធិការដ្ឋាន", "current": "កំណែបច្ចុប្បន្ន"},
}
APPROVE_VERSION = {"en": "Approve the new version", "km": "អនុម័តកំណែថ្មី"}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_sends_a_new_version_that_the_clerk_approves(
    open_page, site, shoot, mailoutbox, language
):
    paper = Document.objects.get(pk=site.ids["nssf_paper"])
    old = paper.file.storage.open(paper.file.name).read()
    new = pdf_bytes(4, width=333 + (0 if language == "en" else 7))
    address = paper.get_download_url()
    visitor = open_page(language)
    assert sha256(visitor.request.get(address).body()) == sha256(old)

    # The member finds the paper in the portal and sends a new version of it.
    page = open_page(language, user=site.users["member"])
    page.goto(f"/{language}/portal/")
    row_of(page, paper).locator(f'a[href$="/portal/documents/{paper.pk}/new-version/"]').click()
    expect(page).to_have_url(re.compile(rf"/{language}/portal/documents/{paper.pk}/new-version/$"))
    page.locator("#id_file").set_input_files(
        {"name": "coverage-2024.pdf", "mimeType": "application/pdf", "buffer": new}
    )
    page.locator("#id_note").fill("Updated the coverage figures to December 2024.")
    shoot(page, "new version form")
    page.locator(".portal-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/portal/documents/{paper.pk}/$"))
    expect(page.locator(".message-success")).to_be_visible()
    waiting = page.locator("tr.version-waiting")
    expect(waiting).to_contain_text("coverage-2024.pdf")
    expect(waiting.locator(".badge")).to_have_text(VERSION_STATE[language]["waiting"])
    shoot(page, "versions with the new one waiting")

    # Until the clerk decides, the same address serves the approved file.
    assert sha256(visitor.request.get(address).body()) == sha256(old)
    assert ["clerk@example.org"] in [mail.to for mail in mailoutbox]

    # The clerk sees it waiting on the admin's front page, opens it and approves it.
    admin = open_page(language, user=site.users["clerk"])
    admin.goto("/admin/")
    panel = admin.locator("#waiting-papers")
    expect(panel).to_be_visible()
    shoot(admin, "admin front page with the waiting panel")
    panel.locator("a").click()
    expect(admin).to_have_url(re.compile(r"/admin/documents/submission/"))
    admin.locator(f'#result_list a[href$="/submission/{paper.pk}/change/"]').click()
    expect(admin.locator(".moderation-panel")).to_contain_text("coverage-2024.pdf")
    shoot(admin, "submission page with its buttons")
    admin.get_by_role("button", name=APPROVE_VERSION[language]).click()
    expect(admin.locator(".messagelist .success")).to_be_visible()
    shoot(admin, "after the approval")

    # The public page and the same address now give the new file.
    visitor.goto(paper.get_absolute_url().replace("/en/", f"/{language}/", 1))
    href = visitor.locator(".doc-download a.button").get_attribute("href")
    assert href.rsplit("/", 1)[0] == address.rsplit("/", 1)[0]
    assert sha256(visitor.request.get(href).body()) == sha256(new)
    assert sha256(visitor.request.get(address).body()) == sha256(new)
    shoot(visitor, "the paper's page after the new version")

    # The member sees the new file as the current version, the old one as an earlier one.
    page.reload()
    current = page.locator("tr.version-current")
    expect(current).to_contain_text("coverage-2024.pdf")
    expect(current.locator(".badge")).to_have_text(VERSION_STATE[language]["current"])
    expect(page.locator("tr.version-earlier")).to_contain_text(paper.original_name)
    shoot(page, "versions after the approval")
    paper.refresh_from_db()
    assert paper.versions.get().sha256 == sha256(old)
    assert [mail.to for mail in mailoutbox if "coverage-2024.pdf" in mail.body][-1] == [
        site.users["member"].email
    ]
