"""A meeting's page lists every public file of the meeting: its programme's, and the approved
papers tied to it that no programme item holds ("Papers from members"); the ZIP button
counts exactly those, and the ZIP holds exactly those."""

import datetime
import io
import re
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from documents.services import approve_document
from tests.conftest import SITE_CHROME_QUERIES
from tests.factories import (
    DocumentFactory,
    EventFactory,
    MemberInstitutionFactory,
    PresentationFactory,
)

pytestmark = pytest.mark.django_db


def page_of(event, language="en"):
    with translation.override(language):
        return event.get_absolute_url()


def zip_names(client, event) -> list[str]:
    response = client.get(reverse("downloads:event_zip", kwargs={"event_pk": event.pk}))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return sorted(archive.namelist())


def listed_files(html: str) -> list[str]:
    """The download links of the page's files (the ZIP button aside)."""
    return sorted(set(re.findall(r'href="(/download/\d+/[^"]+)"', html)))


def zip_button_count(html: str) -> int:
    found = re.search(r"Download (?:all (\d+) files|the (1) file) as a ZIP", strip_tags(html))
    assert found, "no ZIP button"
    return int(found.group(1) or found.group(2))


def test_an_approved_member_paper_is_on_the_meeting_page_and_in_the_zip(
    client, meeting, nssf, sso, member, secretariat, make_pdf_document
):
    # The programme: one item with its file (presented by NSSF).
    presented = make_pdf_document(name="keynote.pdf", title_en="Keynote", event=meeting)
    PresentationFactory(event=meeting, title_en="Keynote", document=presented, institution=nssf)
    # A member's paper for the meeting, sent through the portal: not listed while it waits.
    paper = make_pdf_document(
        status="submitted",
        name="sso-paper.pdf",
        title_en="Efficiency of benefit payments",
        institution=sso,
        event=meeting,
        uploaded_by=member,
    )
    html = client.get(page_of(meeting)).content.decode()
    assert "Efficiency of benefit payments" not in html
    assert zip_button_count(html) == 1

    # Approved: on the page under "Papers from members", counted, and in the ZIP; no
    # programme item was added by hand.
    approve_document(paper, secretariat)
    html = client.get(page_of(meeting)).content.decode()
    section = html[html.index('id="event-papers-heading"') :]
    assert "Papers from members" in section
    assert "Efficiency of benefit payments" in section and "Social Security Office" in section
    assert paper.get_download_url() in section
    files = listed_files(html)
    assert files == sorted([presented.get_download_url(), paper.get_download_url()])
    assert zip_button_count(html) == len(files) == 2
    assert zip_names(client, meeting) == ["keynote.pdf", "sso-paper.pdf"]

    # A document in the programme is listed there only, not a second time.
    assert html.count(presented.get_download_url()) == 1


def test_rejected_withdrawn_and_other_events_papers_are_not_listed(client, meeting, nssf):
    other = EventFactory(number=38, slug="indonesia-2021", starts_on=datetime.date(2021, 11, 26))
    shown = DocumentFactory(title_en="Shown", event=meeting, institution=nssf)
    for status in ("submitted", "rejected", "withdrawn"):
        DocumentFactory(title_en=f"Not shown {status}", event=meeting, status=status)
    DocumentFactory(title_en="Of another meeting", event=other)
    # The secretariat's own file for the meeting, with no institution: "Other files".
    loose = DocumentFactory(title_en="Practical information", event=meeting, institution=None)
    html = client.get(page_of(meeting)).content.decode()
    assert "Not shown" not in html and "Of another meeting" not in html
    assert "Shown" in html and "Practical information" in html
    assert "Other files" in html
    files = listed_files(html)
    assert files == sorted([shown.get_download_url(), loose.get_download_url()])
    assert zip_button_count(html) == 2
    assert zip_names(client, meeting) == sorted([shown.original_name, loose.original_name])


def test_the_khmer_page_lists_them_too(client, meeting, nssf):
    DocumentFactory(title_en="Coverage", title_km="ការគ្របដណ្តប់", event=meeting, institution=nssf)
    html = client.get(page_of(meeting, "km")).content.decode()
    assert "ឯកសារពីស្ថាប័នសមាជិក" in html
    assert "ការគ្របដណ្តប់" in html


def test_a_draft_event_file_presented_at_a_published_meeting_is_not_listed(client, meeting):
    draft = EventFactory(number=39, slug="draft-2022", is_published=False)
    held_back = DocumentFactory(title_en="Held back", event=draft)
    public = DocumentFactory(title_en="Public one", event=None)
    PresentationFactory(event=meeting, title_en="Held back item", document=held_back)
    PresentationFactory(event=meeting, title_en="Public item", document=public)
    html = client.get(page_of(meeting)).content.decode()
    assert listed_files(html) == [public.get_download_url()]
    assert zip_button_count(html) == 1
    assert zip_names(client, meeting) == [public.original_name]


# ---- the query budget ----------------------------------------------------------------------


def _meeting_with_papers(size: int):
    """A meeting with `size` programme items with files and `size` members' papers."""
    event = EventFactory(
        number=50 + size, slug=f"meeting-{size}", starts_on=datetime.date(2030, 1, size)
    )
    for _ in range(size):
        institution = MemberInstitutionFactory()
        document = DocumentFactory(event=event, institution=institution)
        PresentationFactory(event=event, document=document, institution=institution)
        DocumentFactory(event=event, institution=MemberInstitutionFactory())
    return event


def _count(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


@pytest.mark.parametrize("language", ["en", "km"])
def test_the_meeting_page_makes_the_same_few_queries_whatever_its_papers(client, language):
    small = _count(client, page_of(_meeting_with_papers(2), language))
    large = _count(client, page_of(_meeting_with_papers(9), language))
    assert small == large
    assert small <= 9 + SITE_CHROME_QUERIES
