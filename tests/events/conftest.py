import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import EventFactory


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def meeting_37(nssf):
    return EventFactory(
        number=37,
        slug="cambodia-2020",
        title_en="Cambodia 2020",
        title_km="កម្ពុជា ២០២០",
        summary_en="Delegates of the member institutions met online.",
        summary_km="ប្រតិភូនៃស្ថាប័នសមាជិកបានជួបប្រជុំតាមប្រព័ន្ធអនឡាញ។",
        host=nssf,
        country="KH",
        starts_on=datetime.date(2020, 12, 9),
        format="virtual",
        status="held",
    )


@pytest.fixture
def make_document():
    """A documents.Document row with a small stored file (the documents app owns uploads)."""
    from documents.models import Document

    def make(status="approved", **fields):
        defaults = {
            "title_en": "A paper",
            "file": SimpleUploadedFile("paper.pdf", b"%PDF-1.4 placeholder"),
            "original_name": "paper.pdf",
            "content_type": "application/pdf",
            "size": 1_258_291,
            "sha256": "0" * 64,
            "page_count": 12,
            "status": status,
        }
        return Document.objects.create(**(defaults | fields))

    return make
