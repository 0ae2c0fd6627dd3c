"""Who may see what: every library, download and portal view, for the four kinds of visitor.

The NSSF member's institution owns the unpublished document; SSO's member is another
institution's; the secretariat is staff in the Secretariat group.
"""

import pytest
from django.urls import reverse

from documents.models import DocumentStatus
from tests.documents import files
from tests.documents.conftest import upload
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

VISITORS = ["anonymous", "owner", "other", "secretariat"]


@pytest.fixture
def visitors(member, other_member, secretariat):
    return {"anonymous": None, "owner": member, "other": other_member, "secretariat": secretariat}


@pytest.fixture
def as_visitor(client, visitors):
    def login(who):
        if visitors[who] is not None:
            client.force_login(visitors[who])
        return client

    return login


@pytest.fixture
def documents(make_pdf_document, nssf, member, secretariat, meeting):
    from documents.services import replace_file

    published = make_pdf_document(title_en="Published paper", institution=nssf, event=meeting)
    replace_file(published, upload("v2.pdf", files.pdf_bytes(2)), secretariat)
    pending = {
        status: DocumentFactory(
            title_en=f"Paper {status}",
            institution=nssf,
            uploaded_by=member,
            status=status,
            published_at=None,
        )
        for status in (DocumentStatus.SUBMITTED, DocumentStatus.REJECTED, DocumentStatus.WITHDRAWN)
    }
    return published, pending


# What each visitor gets for a document that is not published (of NSSF).
UNPUBLISHED = {"anonymous": 404, "owner": 200, "other": 404, "secretariat": 200}


@pytest.mark.parametrize("who", VISITORS)
def test_library_lists_only_published_documents_for_everyone(as_visitor, documents, who):
    response = as_visitor(who).get(reverse("documents:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Published paper" in html
    for status in ("submitted", "rejected", "withdrawn"):
        assert f"Paper {status}" not in html


@pytest.mark.parametrize("who", VISITORS)
@pytest.mark.parametrize("status", ["submitted", "rejected", "withdrawn"])
def test_unpublished_document_page_and_file(as_visitor, documents, who, status):
    published, pending = documents
    client = as_visitor(who)
    document = pending[status]
    assert client.get(document.get_absolute_url()).status_code == UNPUBLISHED[who]
    assert client.get(document.get_download_url()).status_code == UNPUBLISHED[who]
    file_url = reverse("documents:file", kwargs={"pk": document.pk})
    assert client.get(file_url).status_code == {200: 302, 404: 404}[UNPUBLISHED[who]]


@pytest.mark.parametrize("who", VISITORS)
def test_published_document_page_and_file_are_public(as_visitor, documents, who):
    published, _ = documents
    client = as_visitor(who)
    assert client.get(published.get_absolute_url()).status_code == 200
    assert client.get(published.get_download_url()).status_code == 200


@pytest.mark.parametrize("who", VISITORS)
def test_earlier_versions_are_for_the_secretariat_only(as_visitor, documents, who):
    published, _ = documents
    version = published.versions.get()
    expected = 200 if who == "secretariat" else 404
    assert as_visitor(who).get(version.get_download_url()).status_code == expected


@pytest.mark.parametrize("who", VISITORS)
def test_event_zip_is_public_and_holds_only_published_files(as_visitor, documents, meeting, who):
    import io
    import zipfile

    _, pending = documents
    pending["submitted"].event = meeting
    pending["submitted"].save()
    response = as_visitor(who).get(reverse("downloads:event_zip", kwargs={"event_pk": meeting.pk}))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == ["v2.pdf"]


PORTAL = {
    # view: {visitor: status}; anonymous visitors are sent to the login page.
    "dashboard": {"anonymous": 302, "owner": 200, "other": 200, "secretariat": 403},
    "upload": {"anonymous": 302, "owner": 200, "other": 200, "secretariat": 403},
    "withdraw": {"anonymous": 302, "owner": 200, "other": 404, "secretariat": 403},
}


@pytest.mark.parametrize("who", VISITORS)
@pytest.mark.parametrize("view", list(PORTAL))
def test_portal_views(as_visitor, documents, who, view):
    _, pending = documents
    urls = {
        "dashboard": reverse("documents:portal_dashboard"),
        "upload": reverse("documents:portal_upload"),
        "withdraw": reverse("documents:portal_withdraw", kwargs={"pk": pending["submitted"].pk}),
    }
    response = as_visitor(who).get(urls[view])
    assert response.status_code == PORTAL[view][who]
    if who == "anonymous":
        assert response["Location"].startswith(reverse("documents:portal_login"))


@pytest.mark.parametrize("who", VISITORS)
def test_dashboard_shows_only_my_institutions_documents(as_visitor, documents, who):
    if who in ("anonymous", "secretariat"):
        return
    html = as_visitor(who).get(reverse("documents:portal_dashboard")).content.decode()
    shown = "Paper submitted" in html and "Paper rejected" in html
    assert shown is (who == "owner")


def test_another_institution_cannot_withdraw_by_posting(client, documents, other_member):
    _, pending = documents
    client.force_login(other_member)
    url = reverse("documents:portal_withdraw", kwargs={"pk": pending["submitted"].pk})
    assert client.post(url).status_code == 404
    pending["submitted"].refresh_from_db()
    assert pending["submitted"].status == DocumentStatus.SUBMITTED


@pytest.mark.parametrize("who", VISITORS)
def test_only_the_secretariat_reaches_the_admin(as_visitor, documents, who):
    response = as_visitor(who).get(reverse("admin:documents_submission_changelist"))
    if who == "secretariat":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
