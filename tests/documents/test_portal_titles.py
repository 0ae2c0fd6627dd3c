"""The portal's upload form puts a Khmer title in the Khmer field; the site's header links
the portal ("Member login") in both languages."""

import pytest
from django.urls import reverse
from django.utils import translation

from documents.models import Document
from documents.services import approve_document
from tests.documents import files
from tests.documents.conftest import upload

pytestmark = pytest.mark.django_db

KHMER_TITLE = "របាយការណ៍ប្រចាំឆ្នាំ ២០២៤ របស់ ប.ស.ស."


def send(client, language="en", **fields):
    with translation.override(language):
        address = reverse("documents:portal_upload")
    data = {"title_en": "", "title_km": "", "kind": "paper", "language": "km", **fields}
    data["file"] = upload("report.pdf", files.pdf_bytes(2, width=901))
    return client.post(address, data)


def test_a_khmer_title_typed_in_the_english_field_goes_to_the_khmer_one(
    client, member, secretariat
):
    client.force_login(member)
    response = send(client, title_en=KHMER_TITLE)
    assert response.status_code == 302, response.context["form"].errors
    document = Document.objects.get()
    assert document.title_km == KHMER_TITLE
    assert not document.title_en
    approve_document(document, secretariat)
    client.logout()
    # The English page shows the Khmer title, marked as Khmer, until the secretariat
    # writes the English one.
    html = client.get(document.get_absolute_url()).content.decode()
    assert f'<span lang="km">{KHMER_TITLE}</span>' in html
    assert "Not yet translated" in html
    library = client.get("/en/documents/").content.decode()
    assert KHMER_TITLE in library


def test_the_khmer_field_alone_is_enough(client, member):
    client.force_login(member)
    assert send(client, "km", title_km=KHMER_TITLE).status_code == 302
    assert Document.objects.get().title_km == KHMER_TITLE


def test_english_titles_stay_where_they_are(client, member):
    client.force_login(member)
    assert (
        send(client, title_en="NSSF annual report (ប.ស.ស.)", title_km=KHMER_TITLE).status_code
        == 302
    )
    document = Document.objects.get()
    assert (document.title_en, document.title_km) == ("NSSF annual report (ប.ស.ស.)", KHMER_TITLE)


def test_two_khmer_titles_or_none_are_refused(client, member):
    client.force_login(member)
    response = send(client, title_en=KHMER_TITLE, title_km="ចំណងជើងផ្សេង")
    assert "This title is written in Khmer" in response.content.decode()
    response = send(client, "km")
    assert response.context["form"].errors["title_en"]
    assert Document.objects.count() == 0


@pytest.mark.parametrize(("language", "label"), [("en", "Member login"), ("km", "ចូលសម្រាប់សមាជិក")])
def test_the_header_and_footer_link_the_portal(client, language, label):
    html = client.get(f"/{language}/").content.decode()
    header = html[html.index('class="site-header"') : html.index("</header>")]
    assert f'href="/{language}/portal/"' in header and label in header
    footer = html[html.index('class="site-footer"') :]
    assert label in footer
