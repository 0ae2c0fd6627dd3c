"""Publication follows the meeting: the documents of a draft event are public nowhere
(document page, download, preview, library, search, sitemap, ZIP, home page) until the event
is published, whatever their own status; then everywhere at once."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from core.storage import public_storage
from documents.models import Document
from documents.services import create_document
from search.models import SearchEntry
from tests.factories import EventFactory
from tests.search.pdfs import text_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return EventFactory(
        number=40,
        slug="philippines-2027",
        title_en="Philippines 2027",
        starts_on=datetime.date(2027, 9, 1),
        is_published=False,
        status="planned",
    )


@pytest.fixture
def paper(draft, nssf):
    return create_document(
        SimpleUploadedFile("agenda.pdf", text_pdf("Provisional agenda of the mangosteen meeting")),
        original_name="agenda.pdf",
        title_en="Provisional agenda",
        institution=nssf,
        event=draft,
        status="approved",
    )


def addresses(document, event) -> dict:
    with translation.override("en"):
        return {
            "page": document.get_absolute_url(),
            "download": document.get_download_url(),
            "preview": reverse("downloads:preview", kwargs={"pk": document.pk}),
            "file": reverse("documents:file", kwargs={"pk": document.pk}),
            "zip": reverse("downloads:event_zip", kwargs={"event_pk": event.pk}),
        }


def listed(client, document) -> dict:
    """Where the public finds the document."""
    library = client.get("/en/documents/").content.decode()
    library_km = client.get("/km/documents/").content.decode()
    search = client.get("/en/search/", {"q": "mangosteen"})
    sitemap = client.get("/sitemap-documents.xml").content.decode()
    home = client.get("/en/").content.decode()
    return {
        "library": f"/en/documents/{document.pk}/" in library,
        "library-km": f"/km/documents/{document.pk}/" in library_km,
        "search": document in [result.obj for result in search.context["outcome"].results],
        "sitemap": f"/documents/{document.pk}/" in sitemap,
        "home": f"/en/documents/{document.pk}/" in home,
        "index": SearchEntry.objects.filter(kind="document", object_id=document.pk).exists(),
    }


def test_a_draft_events_documents_are_404_everywhere_until_it_is_published(client, paper, draft):
    assert paper.status == "approved"
    for name, address in addresses(paper, draft).items():
        assert client.get(address).status_code == 404, name
    assert not any(listed(client, paper).values()), listed(client, paper)
    assert Document.objects.published().count() == 0
    # No public copy of its preview either.
    assert paper.preview and not public_storage().exists(paper.preview.name)

    draft.is_published = True
    draft.save()
    for name, address in addresses(paper, draft).items():
        response = client.get(address)
        assert response.status_code in (200, 302), name
    assert all(listed(client, paper).values()), listed(client, paper)
    assert public_storage().exists(paper.preview.name)
    assert paper.preview_url == public_storage().url(paper.preview.name)

    # Back to draft: gone again, index and public preview included.
    draft.is_published = False
    draft.save()
    for name, address in addresses(paper, draft).items():
        assert client.get(address).status_code == 404, name
    assert not any(listed(client, paper).values())
    assert not public_storage().exists(paper.preview.name)


def test_events_published_in_bulk_take_their_documents_along(client, paper, draft):
    from core.signals import objects_updated
    from events.models import Event

    Event.objects.filter(pk=draft.pk).update(is_published=True)
    draft.refresh_from_db()
    objects_updated.send(sender=Event, objects=[draft])
    assert client.get(paper.get_absolute_url()).status_code == 200
    assert listed(client, paper)["index"] and public_storage().exists(paper.preview.name)


def test_the_cached_library_follows_the_event(client, paper, draft, settings):
    settings.PAGE_CACHE = True
    first = client.get("/en/documents/")
    assert f"/en/documents/{paper.pk}/" not in first.content.decode()
    draft.is_published = True
    draft.save()
    again = client.get("/en/documents/")
    assert again["X-Page-Cache"] == "miss"
    assert f"/en/documents/{paper.pk}/" in again.content.decode()


def test_its_institution_and_the_secretariat_still_see_it_and_are_told_why(
    client, paper, member, secretariat
):
    for who in (member, secretariat):
        client.force_login(who)
        response = client.get(paper.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert "Not public: its event is a draft." in html
        assert '<meta name="robots" content="noindex">' in html
        download = client.get(paper.get_download_url())
        assert download.status_code == 200
        assert download["Cache-Control"] == "private, no-store"


def test_the_document_admin_says_it_is_not_public(client, paper, secretariat, draft):
    client.force_login(secretariat)
    change = client.get(reverse("admin:documents_document_change", args=[paper.pk]))
    html = change.content.decode()
    assert "Not public: its event “" in html and "is a draft" in html
    changelist = client.get(reverse("admin:documents_document_changelist")).content.decode()
    assert "not public: its event is a draft" in changelist
    draft.is_published = True
    draft.save()
    html = client.get(reverse("admin:documents_document_change", args=[paper.pk])).content
    assert "is a draft" not in html.decode()


def test_a_submission_of_a_draft_event_approved_stays_private(client, draft, nssf, secretariat):
    from documents.services import approve_document

    document = create_document(
        SimpleUploadedFile("late.pdf", text_pdf("Late mangosteen paper")),
        original_name="late.pdf",
        title_en="Late paper",
        institution=nssf,
        event=draft,
    )
    approve_document(document, secretariat)
    assert client.get(document.get_absolute_url()).status_code == 404
    assert not public_storage().exists(document.preview.name)
    draft.is_published = True
    draft.save()
    assert client.get(document.get_absolute_url()).status_code == 200
