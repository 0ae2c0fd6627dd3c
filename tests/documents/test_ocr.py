"""Text recognition (OCR) of scanned documents, with Tesseract itself (never a stand-in).

The scans are made here (tests/documents/files.py, drawn by documents.scans with the
site's Khmer web font): small image-only pages, so each reads in about a second. Without
Tesseract and its Khmer and English models these tests fail (CI installs them); only
``test_without_tesseract_...`` runs without it, on purpose.
"""

import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import CommandError, call_command
from django.urls import reverse

from documents import ocr
from documents.models import Document, DocumentStatus, OcrStatus
from documents.services import approve_document, create_document, reject_document, replace_file
from search.models import SearchEntry
from tests.documents import files
from tests.documents.conftest import upload
from tests.search.pdfs import text_pdf

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:documents_document_changelist"
QUEUE = "admin:documents_submission_changelist"

# Words that appear only in the scans, never in a title or description.
ENGLISH_WORD = "fishermen"
KHMER_WORD = "កសិករ"  # farmers
SCAN_LINES = [
    "Notice to fishermen",
    "ជំនួយដល់កសិករ និងគ្រួសារ",
]


@pytest.fixture(autouse=True)
def fresh_availability():
    ocr.forget_availability()
    yield
    ocr.forget_availability()


@pytest.fixture
def search(client):
    """GET the site search's results page (as tests/search do)."""

    def get(q: str = "", language: str = "en"):
        return client.get(f"/{language}/search/", {"q": q})

    return get


@pytest.fixture
def tesseract():
    """Tesseract with its Khmer and English models: required, never skipped."""
    state = ocr.availability()
    assert state.available, state.message()
    return state


def found(search, q: str, language: str = "en") -> list:
    response = search(q, language)
    assert response.status_code == 200
    return [result.obj for result in response.context["outcome"].results]


def change_page(client, document) -> str:
    response = client.get(reverse("admin:documents_document_change", args=[document.pk]))
    assert response.status_code == 200
    return response.content.decode()


def store_scan(data: bytes, name: str = "scan.pdf", **fields) -> Document:
    fields.setdefault("title_en", "Minutes")
    fields.setdefault("status", DocumentStatus.APPROVED)
    return create_document(upload(name, data), original_name=name, **fields)


def test_search_finds_khmer_and_english_words_only_in_a_scan_after_approval(
    client, member, secretariat, search, tesseract, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:portal_upload"),
            {
                "title_en": "Minutes of the provincial meeting",
                "kind": "minutes",
                "language": "km",
                "file": upload("minutes.pdf", files.scan_pdf_bytes(SCAN_LINES)),
            },
        )
    assert response.status_code == 302
    document = Document.objects.get()
    # Read by the worker's job once the upload committed (at once here: no broker).
    assert document.ocr_status == OcrStatus.DONE
    assert document.ocr_pages == [1]
    assert ENGLISH_WORD in document.ocr_text.lower()
    assert KHMER_WORD in document.ocr_text
    # Not public yet: search finds nothing.
    assert found(search, ENGLISH_WORD) == []
    assert found(search, KHMER_WORD, "km") == []

    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(QUEUE), {"action": "approve_selected", ACTION_CHECKBOX_NAME: [document.pk]}
        )
    assert response.status_code == 302
    client.logout()
    document.refresh_from_db()
    assert document.status == DocumentStatus.APPROVED
    assert found(search, ENGLISH_WORD) == [document]
    assert found(search, KHMER_WORD, "km") == [document]
    assert found(search, KHMER_WORD, "en") == [document]
    # The excerpt comes from the scan, the word marked; the Khmer word segmented as a word.
    html = search(KHMER_WORD, "km").content.decode()
    assert f"<mark>{KHMER_WORD}</mark>" in html
    entry = SearchEntry.objects.get(kind="document", object_id=document.pk)
    # Cut into words like any Khmer text: "ជំនួយ ដល់ កសិករ".
    assert f"ដល់\u200b{KHMER_WORD}" in entry.scan_text


def test_the_public_page_offers_the_text_of_a_published_scan_in_both_languages(
    client, tesseract, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = store_scan(files.scan_pdf_bytes(SCAN_LINES, ["Second page of the notice"]))
    html = client.get(f"/en/documents/{document.pk}/").content.decode()
    assert "Text of this scan" in html
    assert "Recognised automatically; it may contain errors." in html
    assert 'href="#scan-text"' in html
    assert "Page 1" in html and "Page 2" in html
    assert ENGLISH_WORD in html.lower()
    # Each line says its language: Khmer for the Khmer line, English for the English one.
    assert '<span lang="en">Notice to fishermen</span><br><span lang="km">' in html
    html_km = client.get(f"/km/documents/{document.pk}/").content.decode()
    assert "អត្ថបទនៃឯកសារស្កេននេះ" in html_km
    assert "ទំព័រ ១" in html_km
    assert KHMER_WORD in html_km


def test_no_ocr_text_leaks_for_an_unpublished_document(
    client, member, nssf, secretariat, search, tesseract, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = store_scan(
            files.scan_pdf_bytes(SCAN_LINES),
            status=DocumentStatus.SUBMITTED,
            institution=nssf,
            uploaded_by=member,
        )
    document.refresh_from_db()
    assert document.ocr_status == OcrStatus.DONE and ENGLISH_WORD in document.ocr_text.lower()
    # Its own institution sees the page, without the recognised text.
    client.force_login(member)
    html = client.get(f"/en/documents/{document.pk}/").content.decode()
    assert "Not public" in html
    assert "Text of this scan" not in html and ENGLISH_WORD not in html.lower()
    client.logout()
    assert client.get(f"/en/documents/{document.pk}/").status_code == 404
    assert found(search, ENGLISH_WORD) == []
    assert not SearchEntry.objects.filter(kind="document", object_id=document.pk).exists()
    # The secretariat reads it in the admin.
    client.force_login(secretariat)
    assert ENGLISH_WORD in change_page(client, document).lower()
    client.logout()

    with django_capture_on_commit_callbacks(execute=True):
        approve_document(document, secretariat)
    assert found(search, ENGLISH_WORD) == [document]
    with django_capture_on_commit_callbacks(execute=True):
        reject_document(document, secretariat, "Wrong file.")
    assert found(search, ENGLISH_WORD) == []
    assert not SearchEntry.objects.filter(kind="document", object_id=document.pk).exists()
    assert client.get(f"/en/documents/{document.pk}/").status_code == 404


def test_a_scan_over_the_page_limit_is_stored_and_the_limit_noted(
    client, secretariat, settings, tesseract, django_capture_on_commit_callbacks
):
    settings.OCR_MAX_PAGES = 2
    pages = [[f"Page {number} of the {ENGLISH_WORD} register"] for number in range(1, 5)]
    with django_capture_on_commit_callbacks(execute=True):
        document = store_scan(files.scan_pdf_bytes(*pages))
    document.refresh_from_db()
    assert document.status == DocumentStatus.APPROVED and document.page_count == 4
    assert document.ocr_status == OcrStatus.DONE
    assert document.ocr_pages == [1, 2]
    assert document.ocr_notes == [{"code": "page_limit", "limit": 2, "unread": 2}]
    assert client.get(document.get_download_url()).status_code == 200
    client.force_login(secretariat)
    html = change_page(client, document)
    assert "Page limit reached: only the first 2 scanned pages were read" in html
    assert "2 more pages were not." in html
    assert "2 pages read (1–2)" in html


def test_a_damaged_page_is_skipped_and_the_others_read(
    client, secretariat, tesseract, django_capture_on_commit_callbacks
):
    data = files.scan_pdf_with_broken_page(["First page for fishermen"], None, ["Third page"])
    with django_capture_on_commit_callbacks(execute=True):
        document = store_scan(data)
    document.refresh_from_db()
    assert document.page_count == 3
    assert document.ocr_status == OcrStatus.DONE
    assert document.ocr_pages == [1, 3]
    assert document.ocr_notes == [{"code": "page_unreadable", "pages": [2]}]
    assert ENGLISH_WORD in document.ocr_text.lower() and "third" in document.ocr_text.lower()
    client.force_login(secretariat)
    assert "Page 2 could not be read (damaged) and was skipped." in change_page(client, document)


def test_a_scan_whose_every_page_is_damaged_failed_with_its_reason(
    client, secretariat, tesseract, django_capture_on_commit_callbacks
):
    broken = files.scan_pdf_with_broken_page(None, None)
    with django_capture_on_commit_callbacks(execute=True):
        other = store_scan(broken, "broken.pdf", title_en="Broken")
    other.refresh_from_db()
    assert other.status == DocumentStatus.APPROVED  # stored and published all the same
    assert other.ocr_status == OcrStatus.FAILED
    assert other.ocr_text == "" and other.ocr_pages == []
    client.force_login(secretariat)
    html = change_page(client, other)
    assert "Failed" in html
    assert "Pages 1–2 could not be read (damaged) and were skipped." in html


def test_an_image_is_read_and_a_large_page_drawn_within_the_pixel_limit(
    settings, tesseract, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = store_scan(files.scan_png_bytes(SCAN_LINES), "notice.png")
    image.refresh_from_db()
    assert image.ocr_status == OcrStatus.DONE and image.ocr_pages == [1]
    assert ENGLISH_WORD in image.ocr_text.lower()

    # A page of 5 × 2.5 inches is 1.6 million pixels at 300 dpi: drawn at about 200 dpi.
    settings.OCR_MAX_PIXELS = 750_000
    with django_capture_on_commit_callbacks(execute=True):
        document = store_scan(files.scan_pdf_bytes(SCAN_LINES), title_en="Large")
    document.refresh_from_db()
    assert document.ocr_status == OcrStatus.DONE
    assert document.ocr_notes == [{"code": "pixel_limit", "pages": [1], "limit": 750_000}]
    assert ENGLISH_WORD in document.ocr_text.lower()
    assert ocr.describe(document.ocr_notes) == [
        "Pixel limit reached (750,000 pixels, OCR_MAX_PIXELS): page 1 was read at a "
        "lower resolution."
    ]


def test_the_time_limit_leaves_pages_unread_and_says_so(
    settings, tesseract, django_capture_on_commit_callbacks
):
    settings.OCR_MAX_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        document = store_scan(files.scan_pdf_bytes(SCAN_LINES, SCAN_LINES))
    document.refresh_from_db()
    assert document.ocr_status == OcrStatus.FAILED
    assert document.ocr_notes == [{"code": "time_limit", "limit": 0, "unread": 2}]
    assert ocr.describe(document.ocr_notes) == [
        "Time limit reached (0 seconds, OCR_MAX_SECONDS): 2 scanned pages were not read."
    ]


def test_a_pdf_with_text_of_its_own_needs_no_ocr(tesseract, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = store_scan(text_pdf("Coverage of platform workers in the informal economy"))
        office = store_scan(files.docx_bytes(), "notes.docx", title_en="Notes")
    document.refresh_from_db()
    office.refresh_from_db()
    assert document.ocr_status == OcrStatus.NOT_NEEDED and document.ocr_text == ""
    assert office.ocr_status == OcrStatus.NOT_NEEDED and office.ocr_at is None


def test_a_replaced_file_is_read_again(
    search, secretariat, tesseract, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = store_scan(files.scan_pdf_bytes(SCAN_LINES))
    assert found(search, ENGLISH_WORD) == [document]
    with django_capture_on_commit_callbacks(execute=True):
        replace_file(
            document, upload("new.pdf", files.scan_pdf_bytes(["Notice to farmers"])), secretariat
        )
    document.refresh_from_db()
    assert document.ocr_status == OcrStatus.DONE and "farmers" in document.ocr_text.lower()
    assert found(search, ENGLISH_WORD) == []
    assert found(search, "farmers") == [document]


def test_the_admin_reads_again(client, secretariat, tesseract, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = store_scan(files.scan_pdf_bytes(SCAN_LINES))
        office = store_scan(files.docx_bytes(), "notes.docx", title_en="Notes")
    # Pretend an older Tesseract read it badly.
    Document.objects.filter(pk=document.pk).update(ocr_text="garbled", ocr_seconds=99.0)
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(CHANGELIST),
            {"action": "read_again", ACTION_CHECKBOX_NAME: [document.pk, office.pk]},
            follow=True,
        )
    html = response.content.decode()
    assert "1 document is being read again" in html
    assert "1 document is neither a PDF nor an image: it has no scan to read." in html
    document.refresh_from_db()
    assert ENGLISH_WORD in document.ocr_text.lower() and document.ocr_seconds < 99
    # The change page shows the status, what was read and the text, page by page.
    page = change_page(client, document)
    assert "Text recognition (OCR)" in page and "1 page read (1)" in page
    assert '<p class="ocr-page-number">Page 1</p>' in page
    # In Khmer too.
    client.post(reverse("set_language"), {"language": "km", "next": "/admin/"})
    page_km = change_page(client, document)
    assert "ការស្គាល់អត្ថបទ (OCR)" in page_km


def test_ocr_documents_reads_what_waits_once_with_a_progress_bar(
    tesseract, django_capture_on_commit_callbacks
):
    # Stored before OCR existed (or while Tesseract was missing): waiting, never queued.
    first = store_scan(files.scan_pdf_bytes(SCAN_LINES))
    second = store_scan(files.scan_pdf_bytes(["Notice to farmers"]), title_en="Second")
    assert {first.ocr_status, second.ocr_status} == {OcrStatus.WAITING}
    out, err = io.StringIO(), io.StringIO()
    call_command("ocr_documents", stdout=out, stderr=err)
    assert "Reading scans" in err.getvalue() and "2/2" in err.getvalue()
    assert "2 documents: 2 read." in out.getvalue()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.ocr_status == second.ocr_status == OcrStatus.DONE
    assert "farmers" in second.ocr_text.lower()
    read_at = second.ocr_at
    # Again: nothing left to read, nothing read again.
    out = io.StringIO()
    call_command("ocr_documents", stdout=out, stderr=io.StringIO())
    assert "Nothing to read" in out.getvalue()
    second.refresh_from_db()
    assert second.ocr_at == read_at
    # --again reads every scan again; a number reads that document.
    out = io.StringIO()
    call_command("ocr_documents", str(second.pk), "--no-progress", stdout=out)
    assert "1 document: 1 read." in out.getvalue()
    second.refresh_from_db()
    assert second.ocr_at > read_at


def test_without_tesseract_documents_are_stored_and_the_admin_says_ocr_is_unavailable(
    client, secretariat, search, settings, django_capture_on_commit_callbacks
):
    settings.OCR_TESSERACT_CMD = "/nonexistent/tesseract"
    with django_capture_on_commit_callbacks(execute=True):
        document = store_scan(files.scan_pdf_bytes(SCAN_LINES))
    document.refresh_from_db()
    assert document.status == DocumentStatus.APPROVED and document.preview
    assert document.ocr_status == OcrStatus.WAITING and document.ocr_text == ""
    assert found(search, "Minutes") == [document]  # found by its title, as before
    html = client.get(f"/en/documents/{document.pk}/").content.decode()
    assert "Text of this scan" not in html

    client.force_login(secretariat)
    unavailable = "Text recognition (OCR) is unavailable on this server."
    listing = client.get(reverse(CHANGELIST)).content.decode()
    assert unavailable in listing and "/nonexistent/tesseract" in listing
    page = change_page(client, document)
    assert "Waiting" in page and unavailable in page
    response = client.post(
        reverse(CHANGELIST),
        {"action": "read_again", ACTION_CHECKBOX_NAME: [document.pk]},
        follow=True,
    )
    assert unavailable in response.content.decode()
    with pytest.raises(CommandError, match="unavailable"):
        call_command("ocr_documents", stdout=io.StringIO(), stderr=io.StringIO())

    # A Tesseract without the Khmer model is unavailable too, and says what is missing.
    settings.OCR_TESSERACT_CMD = "tesseract"
    settings.OCR_LANGUAGES = "khm+eng+zzz"
    state = ocr.availability()
    assert not state.available and state.detail == "zzz"
    assert "Tesseract has no model for zzz" in state.message()


def test_the_khmer_admin_says_why_ocr_is_unavailable(client, secretariat, settings):
    settings.OCR_TESSERACT_CMD = "/nonexistent/tesseract"
    client.force_login(secretariat)
    client.post(reverse("set_language"), {"language": "km", "next": "/admin/"})
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert "មិនអាចប្រើការស្គាល់អត្ថបទ (OCR)" in html
