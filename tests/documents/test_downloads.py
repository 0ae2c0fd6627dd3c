"""Downloads: type, name, inline or attachment, nosniff; the event ZIP."""

import io
import zipfile
from urllib.parse import quote

import pytest
from django.urls import reverse

from documents.models import DocumentStatus
from documents.services import create_document
from documents.views import unique_names, zip_chunks
from tests.documents import files
from tests.documents.conftest import upload
from tests.factories import DocumentFactory, EventFactory, PresentationFactory

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_downloads_are_not_language_prefixed(make_pdf_document):
    document = make_pdf_document(name="paper.pdf")
    assert document.get_download_url() == f"/download/{document.pk}/paper.pdf"


def test_a_pdf_opens_in_the_browser_with_its_original_name(client, make_pdf_document):
    document = make_pdf_document(name="Coverage Expansion.pdf")
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="Coverage Expansion.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(document.size)
    assert body(response).startswith(b"%PDF-")


def test_other_files_download_as_attachments(client):
    document = create_document(
        upload("table.xlsx", files.xlsx_bytes()),
        original_name="table.xlsx",
        title_en="Table",
        status=DocumentStatus.APPROVED,
    )
    response = client.get(document.get_download_url())
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="table.xlsx"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_khmer_file_names_survive_the_download(client, make_pdf_document):
    name = "របាយការណ៍ប្រចាំឆ្នាំ ២០២៤.pdf"
    document = make_pdf_document(name=name)
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert response["Content-Disposition"] == f"inline; filename*=utf-8''{quote(name)}"


def test_any_name_in_the_address_serves_the_current_file(client, make_pdf_document):
    document = make_pdf_document()
    url = reverse("downloads:document", kwargs={"pk": document.pk, "filename": "old-name.pdf"})
    response = client.get(url)
    assert response.status_code == 200
    with document.file.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


def test_unpublished_downloads_are_not_cached_by_proxies(client, make_pdf_document, member, nssf):
    document = make_pdf_document(status=DocumentStatus.SUBMITTED, institution=nssf)
    client.force_login(member)
    response = client.get(document.get_download_url())
    assert response["Cache-Control"] == "private, no-store"


def test_a_missing_stored_file_is_a_404_not_an_error(client, make_pdf_document):
    document = make_pdf_document()
    document.file.storage.delete(document.file.name)
    assert client.get(document.get_download_url()).status_code == 404


# ---- the event ZIP -------------------------------------------------------------------------


def test_event_zip_holds_every_published_file_and_nothing_else(client, meeting, nssf):
    direct = DocumentFactory(event=meeting, original_name="Minutes.pdf", file__data=b"%PDF-minutes")
    via_programme = DocumentFactory(original_name="Paper.pdf", file__data=b"%PDF-paper")
    PresentationFactory(event=meeting, document=via_programme)
    same_name = DocumentFactory(event=meeting, original_name="paper.pdf", file__data=b"%PDF-2")
    DocumentFactory(event=meeting, status="submitted", original_name="Draft.pdf")
    DocumentFactory(event=meeting, status="rejected", original_name="Rejected.pdf")
    DocumentFactory(event=EventFactory(), original_name="Elsewhere.pdf")
    PresentationFactory(
        event=meeting, document=DocumentFactory(status="withdrawn", original_name="Gone.pdf")
    )

    response = client.get(reverse("downloads:event_zip", kwargs={"event_pk": meeting.pk}))

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="assa-board-meeting-cambodia-2020.zip"'
    )
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    assert archive.testzip() is None
    assert sorted(archive.namelist()) == ["Minutes.pdf", "Paper.pdf", "paper (2).pdf"]
    assert archive.read("Minutes.pdf") == b"%PDF-minutes"
    contents = {archive.read(name) for name in archive.namelist()}
    assert contents == {b"%PDF-minutes", b"%PDF-paper", b"%PDF-2"}
    assert same_name and direct


def test_event_zip_of_an_unpublished_or_empty_event_is_a_404(client, meeting):
    hidden = EventFactory(is_published=False)
    DocumentFactory(event=hidden)
    for event in (hidden, meeting):
        url = reverse("downloads:event_zip", kwargs={"event_pk": event.pk})
        assert client.get(url).status_code == 404


def test_the_zip_is_built_piece_by_piece(meeting):
    """Each chunk of a big file is handed on before the next is read."""
    big = DocumentFactory(event=meeting, file__data=b"%PDF-" + bytes(range(256)) * 8192)
    chunks = list(zip_chunks(unique_names([big]), chunk_size=64 * 1024))
    assert len(chunks) > 10
    assert max(len(chunk) for chunk in chunks) < 256 * 1024


def test_unique_names_keep_the_first_and_number_the_rest():
    class Doc:
        def __init__(self, name, pk=1):
            self.original_name, self.pk = name, pk

    names = [name for name, _ in unique_names([Doc("a.pdf"), Doc("A.pdf"), Doc("a.pdf"), Doc("b")])]
    assert names == ["a.pdf", "A (2).pdf", "a (3).pdf", "b"]


def test_zip_names_avoid_characters_windows_refuses():
    class Doc:
        original_name, pk = 'Covid-19: crisis? "yes".pdf', 1

    assert unique_names([Doc()])[0][0] == "Covid-19- crisis- -yes-.pdf"
