"""With a worker, the text of a new PDF is read after the save commits, not inside it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.services import create_document
from search.models import SearchEntry
from tests.search.pdfs import text_pdf

pytestmark = pytest.mark.django_db


def test_the_worker_reads_the_pdf_text_after_the_commit(
    settings, nssf, django_capture_on_commit_callbacks
):
    settings.SEARCH_FILE_TEXT_IN_WORKER = True
    with django_capture_on_commit_callbacks() as callbacks:
        document = create_document(
            SimpleUploadedFile("paper.pdf", text_pdf("Coverage of platform workers")),
            original_name="paper.pdf",
            title_en="Platform work",
            status="approved",
            institution=nssf,
        )
        entry = SearchEntry.objects.get(kind="document", object_id=document.pk)
        # Found by its title at once; the file's text is not read yet.
        assert "platform" in (entry.title_terms or entry.rank_vector)
        assert entry.file_text == "" and entry.file_sha256 == ""
    for callback in callbacks:
        callback()
    entry = SearchEntry.objects.get(kind="document", object_id=document.pk)
    assert "platform workers" in entry.file_text.lower()
    assert entry.file_sha256 == document.sha256
