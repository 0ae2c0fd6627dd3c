"""Image bombs and zip bombs are refused before they are unpacked (issue 13, items 4 and 6).

Every image field gets the same 140 KB PNG of 12000 × 12000 pixels and answers with the
same message; a PDF with a page a million points tall gets a preview of bounded size; a
Word file that would unpack to 300 MB is refused, a normal one is still taken.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from PIL import Image

from documents.models import Document
from documents.services import PREVIEW_MAX_HEIGHT, PREVIEW_WIDTH
from members.models import MemberInstitution
from news.models import Article
from tests.documents import files
from tests.factories import SecretariatUserFactory
from tests.security.bombs import giant_page_pdf, pixel_bomb_png, zip_bomb_docx

pytestmark = pytest.mark.django_db

MESSAGE = "Too many pixels: 12000 × 12000, the limit is 40,000,000."
INLINE_EMPTY = {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0"}


def bomb(name: str = "bomb.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pixel_bomb_png(), content_type="image/png")


def inline(prefix: str, **fields) -> dict:
    values = INLINE_EMPTY | {"MAX_NUM_FORMS": "1000"} | fields
    return {f"{prefix}-{key}": value for key, value in values.items()}


def article_data(**extra) -> dict:
    return {
        "title_en": "A bomb",
        "title_km": "",
        "slug": "a-bomb",
        "category": "news",
        "status": "draft",
        "published_at_0": "2024-05-01",
        "published_at_1": "09:00:00",
        **inline("images"),
        **extra,
    }


@pytest.fixture
def staff_client(client):
    client.force_login(SecretariatUserFactory())
    return client


def error_texts(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def test_a_pixel_bomb_as_a_news_cover_is_refused(staff_client):
    response = staff_client.post(reverse("admin:news_article_add"), article_data(cover=bomb()))
    assert response.status_code == 200
    assert MESSAGE in error_texts(response)
    assert not Article.objects.exists()


def test_a_pixel_bomb_in_a_news_gallery_is_refused(staff_client):
    data = article_data(
        **inline(
            "images",
            **{"TOTAL_FORMS": "1", "0-image": bomb(), "0-order": "0", "0-caption_en": "Bang"},
        )
    )
    response = staff_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 200
    assert MESSAGE in error_texts(response)
    assert not Article.objects.exists()


def test_a_pixel_bomb_as_a_member_logo_is_refused(staff_client):
    data = {
        "name_en": "Social Security Office",
        "name_km": "",
        "acronym": "SSO",
        "slug": "sso-thailand",
        "country": "TH",
        "order": "0",
        "logo": bomb(),
        **inline("key_figures"),
        **inline("memberships"),
    }
    response = staff_client.post(reverse("admin:members_memberinstitution_add"), data)
    assert response.status_code == 200
    assert MESSAGE in error_texts(response)
    assert not MemberInstitution.objects.exists()


def test_a_pixel_bomb_sent_as_a_document_is_refused(client, member):
    client.force_login(member)
    data = {"title_en": "Photo", "title_km": "", "kind": "paper", "language": "en"}
    response = client.post(reverse("documents:portal_upload"), data | {"file": bomb()})
    assert response.status_code == 200
    assert MESSAGE in error_texts(response)
    assert not Document.objects.exists()


def test_the_pixel_message_is_in_khmer_for_khmer_pages(client, member):
    client.force_login(member)
    english = (
        "Too many pixels: %(width)s × %(height)s, the limit is %(limit)s. "
        "Please upload a smaller picture."
    )
    with translation.override("km"):
        path = reverse("documents:portal_upload")
        khmer = translation.gettext(english)
        limit = number_format(40_000_000, force_grouping=True)
    assert khmer != english
    data = {"title_en": "Photo", "title_km": "", "kind": "paper", "language": "en"}
    response = client.post(path, data | {"file": bomb()})
    assert khmer % {"width": 12000, "height": 12000, "limit": limit} in error_texts(response)


def test_a_pdf_with_a_giant_page_gets_a_preview_of_bounded_size(client, member):
    client.force_login(member)
    data = {"title_en": "Tall", "title_km": "", "kind": "paper", "language": "en"}
    upload = SimpleUploadedFile("tall.pdf", giant_page_pdf(), content_type="application/pdf")
    response = client.post(reverse("documents:portal_upload"), data | {"file": upload})
    assert response.status_code == 302
    document = Document.objects.get()
    with Image.open(document.preview.path) as preview:
        # The page's width fills the preview; only its top is drawn.
        assert preview.size == (PREVIEW_WIDTH, PREVIEW_MAX_HEIGHT)


def test_a_zip_bomb_word_file_is_refused(client, member):
    client.force_login(member)
    data = {"title_en": "Zip", "title_km": "", "kind": "paper", "language": "en"}
    upload = SimpleUploadedFile("report.docx", zip_bomb_docx())
    response = client.post(reverse("documents:portal_upload"), data | {"file": upload})
    assert response.status_code == 200
    assert "This Office file would unpack to 300.0\xa0MB" in error_texts(response)
    assert not Document.objects.exists()


def test_a_normal_word_file_is_still_accepted(client, member):
    client.force_login(member)
    data = {"title_en": "Word", "title_km": "", "kind": "paper", "language": "en"}
    upload = SimpleUploadedFile("report.docx", files.docx_bytes())
    response = client.post(reverse("documents:portal_upload"), data | {"file": upload})
    assert response.status_code == 302
    assert Document.objects.get().original_name == "report.docx"


def test_a_highly_packed_office_file_under_the_size_limit_is_refused(client, member, settings):
    # 30 MB of zeros: under OFFICE_MAX_UNPACKED_MB, but a thousand times the file's size.
    client.force_login(member)
    data = {"title_en": "Zip", "title_km": "", "kind": "paper", "language": "en"}
    upload = SimpleUploadedFile("report.docx", zip_bomb_docx(30))
    response = client.post(reverse("documents:portal_upload"), data | {"file": upload})
    assert "This Office file would unpack to 30.0\xa0MB" in error_texts(response)
    assert not Document.objects.exists()
