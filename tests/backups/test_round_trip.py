"""Back up a site with content, wipe it, restore it: everything is as it was."""

import hashlib
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from documents.models import Document, DocumentVersion
from documents.services import create_document, replace_file
from members.models import MemberInstitution
from news.models import Article
from news.services import refresh_renditions
from tests.documents.files import pdf_bytes
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    MemberInstitutionWithLogoFactory,
    SecretariatUserFactory,
)

KHMER_NAME = "កំណត់ហេតុប្រជុំ.pdf"
PASSWORD = "correct horse battery staple"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def make_content():
    clerk = SecretariatUserFactory(username="clerk")
    nssf = MemberInstitutionWithLogoFactory(
        acronym="NSSF", slug="nssf", logo__filename="និមិត្តសញ្ញា.png"
    )
    document = create_document(
        SimpleUploadedFile(KHMER_NAME, pdf_bytes(2, width=501)),
        original_name=KHMER_NAME,
        title_en="Minutes of the 37th Board Meeting",
        title_km="កំណត់ហេតុ",
        institution=nssf,
        status="approved",
    )
    # Corrected minutes: the first file becomes an earlier version.
    replace_file(document, SimpleUploadedFile("minutes.pdf", pdf_bytes(3, width=502)), clerk)
    article = ArticleFactory(slug="forum")
    article.cover.save("cover.jpg", ArticleImageFactory.build().image.file)
    refresh_renditions(article, "cover", "cover_renditions")  # as the admin does on upload
    ArticleImageFactory(article=article)
    return clerk


def snapshot(client) -> dict[str, tuple[int, bytes | str]]:
    """Every page, download and stored file of the content, as a client gets it."""
    document = Document.objects.get()
    version = DocumentVersion.objects.get()
    nssf = MemberInstitution.objects.get(slug="nssf")
    article = Article.objects.get(slug="forum")
    pages = [
        "/en/",
        "/km/",
        document.get_absolute_url(),
        f"/km/documents/{document.pk}/",
        "/en/documents/",
        nssf.get_absolute_url(),
        article.get_absolute_url(),
        reverse("search") + "?q=Minutes",
    ]
    files = [
        document.get_download_url(),
        document.preview_url,
        nssf.logo.url,
        nssf.logo_web.url,
        article.cover.url,
        *[f"/media/{name}" for name in article.cover_renditions["files"].values()],
        *[image.image.url for image in article.images.all()],
    ]
    client.force_login(get_user_model().objects.get(username="clerk"))
    seen = {}
    for url in pages:
        response = client.get(url)
        # The page's words, not its per-request nonce and CSRF token.
        seen[url] = (
            response.status_code,
            "Minutes of the 37th Board Meeting" in body(response).decode(),
        )
    for url in [
        *files,
        version.get_download_url(),
        reverse("downloads:preview", args=[document.pk]),
    ]:
        response = client.get(url)
        seen[url] = (response.status_code, sha256(body(response)))
    client.logout()
    seen["records"] = (
        document.sha256,
        version.sha256,
        document.original_name,
        version.original_name,
    )
    return seen


@pytest.mark.django_db(transaction=True)
def test_a_restore_brings_back_every_page_download_and_checksum(
    client, media_root, private_media_root, backup_dir
):
    make_content()
    before = snapshot(client)
    document = Document.objects.get()
    assert before[document.get_download_url()] == (200, document.sha256)
    assert before[DocumentVersion.objects.get().get_download_url()][1] == (
        DocumentVersion.objects.get().sha256
    )
    assert before["records"][3] == KHMER_NAME
    assert before[document.get_absolute_url()] == (200, True)
    assert before[reverse("search") + "?q=Minutes"] == (200, True)  # found by the search
    assert all(seen[0] == 200 for url, seen in before.items() if url != "records")

    call_command("backup_site", verbosity=0)

    # A fresh installation: an empty, migrated database and no files at all.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root)
    shutil.rmtree(private_media_root)
    assert client.get(document.get_absolute_url()).status_code == 404

    call_command("restore_site", verbosity=0)

    assert snapshot(client) == before
    assert get_user_model().objects.get(username="clerk").check_password(PASSWORD)
    call_command("verify_files", quiet=True)  # raises if a file is missing or damaged


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_site_with_content_unless_forced(client, backup_dir):
    make_content()
    call_command("backup_site", verbosity=0)
    Document.objects.update(title_en="Changed after the backup")

    with pytest.raises(Exception, match=r"not empty \(1 users.*1 documents.*--force"):
        call_command("restore_site", verbosity=0)
    assert Document.objects.get().title_en == "Changed after the backup"

    call_command("restore_site", force=True, verbosity=0)
    assert Document.objects.get().title_en == "Minutes of the 37th Board Meeting"
