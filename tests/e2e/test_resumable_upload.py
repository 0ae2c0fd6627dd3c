"""A member sends a large paper over a connection that breaks (issue 22): the upload goes on
where it stopped; and a file that is too large is refused before a byte is sent."""

import hashlib
import logging
import re
import time

import pytest
from django.utils import translation
from playwright.sync_api import expect

from documents import resumable
from documents.models import Document, PartialUpload
from documents.validation import too_large_message
from tests.documents.test_large_upload import write_big_pdf
from tests.e2e.checks import assert_accessible
from tests.e2e.support import LANGUAGES

pytestmark = pytest.mark.e2e

MB = 1024 * 1024
# The browser sends at most this many bytes a second until the connection is cut, so that
# the cut comes half way, as on a slow link (Chromium's own network throttling).
THROTTLE = 6 * MB


def sha256(path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(MB):
            digest.update(chunk)
    return digest.hexdigest()


class Received(logging.Handler):
    """Counts the bytes of pieces the server read (documents.resumable logs each piece)."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.bytes = 0
        self.pieces = 0

    def emit(self, record):
        if hasattr(record, "received"):
            self.bytes += record.received
            self.pieces += 1


@pytest.fixture
def received():
    handler = Received()
    logger = logging.getLogger("documents.resumable")
    level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


def slow_link(monkeypatch):
    """The server takes the bytes as a slow link brings them (THROTTLE a second), so that
    the browser's progress moves at that pace too and the cut comes half way."""
    receive = resumable._receive

    class Slow:
        def __init__(self, stream):
            self.stream = stream

        def read(self, size):
            time.sleep(size / THROTTLE)
            return self.stream.read(size)

    monkeypatch.setattr(
        resumable, "_receive", lambda stream, length, buffer: receive(Slow(stream), length, buffer)
    )


def progress_value(page) -> float:
    return page.evaluate("() => document.querySelector('.upload-progress progress').value")


def test_an_upload_cut_half_way_resumes_where_it_stopped(
    open_page, site, shoot, tmp_path, received, settings, monkeypatch
):
    pdf = tmp_path / "Social protection statistics 2024.pdf"
    write_big_pdf(pdf, 30 * MB)
    size = pdf.stat().st_size
    title = "Social protection statistics 2024"
    page = open_page("en", user=site.users["member"])
    page.goto("/en/portal/upload/")
    page.locator("#id_title_en").fill(title)
    page.locator("#id_file").set_input_files(str(pdf))

    slow_link(monkeypatch)
    page.locator(".portal-form button[type=submit]").click()
    progress = page.locator(".upload-progress")
    expect(progress).to_be_visible()
    expect(progress.locator("label")).to_have_text(f"Sending “{pdf.name}”")
    page.wait_for_function(
        "() => document.querySelector('.upload-progress progress').value >= 45", timeout=30_000
    )
    expect(progress.locator(".upload-progress-detail")).to_contain_text("per second")
    shoot(page, "half way")

    # The connection breaks for a few seconds.
    page.context.set_offline(True)
    status = progress.locator(".upload-progress-status")
    expect(status).to_contain_text("The connection was lost")
    cut_at = progress_value(page)
    assert_accessible(page)
    shoot(page, "connection lost")
    time.sleep(4)
    assert progress_value(page) == cut_at  # nothing moves while offline
    page.context.set_offline(False)

    # It resumes by itself, then the form is sent naming the finished upload.
    expect(page).to_have_url(re.compile(r"/en/portal/$"), timeout=60_000)
    expect(page.locator(".message-success")).to_contain_text(title)
    document = Document.objects.get(title_en=title)
    row = page.locator(
        "table.submissions tbody tr", has=page.locator(f'a[href$="/documents/{document.pk}/"]')
    )
    expect(row).to_contain_text("Submitted")
    shoot(page, "my submissions")

    assert 45 <= cut_at <= 80
    assert document.size == size and document.original_name == pdf.name
    stored = settings.PRIVATE_MEDIA_ROOT / document.file.name
    assert sha256(stored) == sha256(pdf) == document.sha256
    # The bytes received: the file once, and at most the piece the cut interrupted again.
    assert size <= received.bytes < 1.2 * size, (received.bytes, size)
    assert PartialUpload.objects.count() == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_file_too_large_is_refused_before_a_byte_is_sent(
    open_page, site, shoot, tmp_path, language
):
    big = tmp_path / "annual-report.pdf"
    with big.open("wb") as stream:
        stream.truncate(55 * MB)  # sparse: costs no disk
    page = open_page(language, user=site.users["member"])
    sent = []
    page.on(
        "request",
        lambda request: sent.append(request.url) if request.method != "GET" else None,
    )
    page.goto(f"/{language}/portal/upload/")
    page.locator("#id_title_en").fill("Annual report 2024")
    page.locator("#id_file").set_input_files(str(big))
    with translation.override(language):
        message = too_large_message(55 * MB)
    error = page.locator(".form-row.has-error .errorlist")
    expect(error).to_have_text(message)
    expect(page.locator("#id_file")).to_have_attribute("aria-invalid", "true")
    page.locator(".portal-form button[type=submit]").click()
    expect(error).to_have_text(message)
    expect(page).to_have_url(re.compile(rf"/{language}/portal/upload/$"))
    assert_accessible(page)
    shoot(page, "file too large")
    assert sent == []  # neither the form nor a piece of the file left the browser
    assert PartialUpload.objects.count() == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_secretariat_sends_a_document_file_in_pieces_from_the_admin(
    open_page, site, shoot, tmp_path, received, settings, language
):
    settings.UPLOAD_CHUNK_MB = 1
    pdf = tmp_path / "Minutes of the 38th board meeting.pdf"
    write_big_pdf(pdf, 3 * MB)
    page = open_page(language, user=site.users["clerk"])
    pieces = []
    page.on(
        "request",
        lambda request: pieces.append(request.method) if "/uploads/" in request.url else None,
    )
    page.goto("/admin/documents/document/add/")
    page.locator("#id_title_en").fill(f"Minutes of the 38th board meeting ({language})")
    page.locator("#id_kind").select_option("minutes")
    page.locator("#id_language").select_option("en")
    page.locator("#id_upload").set_input_files(str(pdf))
    shoot(page, "document form")
    page.locator("[name=_continue]").first.click()  # "Save and continue editing"
    expect(page.locator(".messagelist .success")).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(r"/admin/documents/document/\d+/change/$"))
    shoot(page, "saved")
    document = Document.objects.get(title_en=f"Minutes of the 38th board meeting ({language})")
    assert document.is_published and document.original_name == pdf.name
    assert sha256(settings.PRIVATE_MEDIA_ROOT / document.file.name) == sha256(pdf)
    assert pieces.count("PATCH") == 4 and pieces.count("POST") == 1
    assert received.bytes == pdf.stat().st_size
    assert PartialUpload.objects.count() == 0


def test_the_clerk_sends_programme_files_in_pieces_before_saving_the_event(
    open_page, site, shoot, tmp_path, received, settings
):
    """Two items added with "Add another" (rows set up as they appear), a file chosen on
    each: both go up in pieces, one after the other, then the page is saved once."""
    from events.models import Event

    settings.UPLOAD_CHUNK_MB = 1
    event = Event.objects.filter(is_published=True).order_by("-starts_on").first()
    papers = []
    for number in (1, 2):
        pdf = tmp_path / f"Programme paper {number}.pdf"
        write_big_pdf(pdf, int(1.5 * MB))
        papers.append(pdf)
    page = open_page("en", user=site.users["clerk"])
    requests, saves = [], []
    change = f"/admin/events/event/{event.pk}/change/"
    page.on(
        "request",
        lambda request: requests.append(request.method) if "/uploads/" in request.url else None,
    )
    page.on(
        "request",
        lambda request: (
            saves.append(1) if request.method == "POST" and request.url.endswith(change) else None
        ),
    )
    page.goto(change)
    group = page.locator("#presentations-group")
    for number, pdf in enumerate(papers, start=1):
        group.locator(".add-row a").click()
        row = group.locator(".inline-related:not(.empty-form)").last
        row.locator("select[name$='-category']").select_option("speaker")
        row.locator("input[name$='-order']").fill(str(900 + number))
        row.locator("input[name$='-title_en']").fill(f"Programme paper {number}")
        row.locator("input[type=file][name$='-upload']").set_input_files(str(pdf))
    shoot(page, "two programme files chosen")
    page.locator("[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible(timeout=30_000)
    for number, pdf in enumerate(papers, start=1):
        document = event.presentations.get(title_en=f"Programme paper {number}").document
        assert document.original_name == pdf.name and document.is_published
        assert sha256(settings.PRIVATE_MEDIA_ROOT / document.file.name) == sha256(pdf)
    # Each file: one creation and two pieces of at most 1 MB; the page was posted once.
    assert requests.count("POST") == 2 and requests.count("PATCH") == 4 and len(saves) == 1
    assert received.bytes == sum(pdf.stat().st_size for pdf in papers)
    assert PartialUpload.objects.count() == 0
    shoot(page, "programme saved")
