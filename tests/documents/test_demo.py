import pypdfium2 as pdfium
import pytest
from django.http import HttpRequest

from documents.models import Document, DocumentStatus, Presentation

pytestmark = pytest.mark.django_db


def test_demo_gives_every_presentation_a_placeholder_pdf(client, demo):
    presentations = Presentation.objects.select_related("document", "event")
    assert presentations.exists()
    for item in presentations:
        document = item.document
        assert document is not None and document.status == DocumentStatus.APPROVED
        assert document.event == item.event
        # Every link works, and the file says what it is.
        response = client.get(document.get_download_url())
        assert response.status_code == 200
        pdf = pdfium.PdfDocument(b"".join(response.streaming_content))
        assert len(pdf) == 1
        pdf.close()
        assert document.preview
    # The library has the extra documents, and the dashboard of the demo member works.
    assert Document.objects.filter(language="km", status="approved").exists()
    assert "Member portal (development only)" in demo.output
    assert "user 'nssf'" in demo.output
    assert client.login(request=HttpRequest(), username="nssf", password="nssf-portal-demo")
    html = client.get("/en/portal/").content.decode()
    assert "Documents of NSSF" in html and "Rejected" in html
