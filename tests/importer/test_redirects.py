"""The old site's addresses answer with a permanent redirect to the new page or download."""

import shutil
from urllib.parse import quote

import pytest

from documents.models import Document
from events.models import Event
from legacy.models import LegacyPath
from tests.importer.conftest import PAGES

pytestmark = pytest.mark.django_db

PAGE = "/en/events/assa-board-meeting/thailand-2018/"


@pytest.fixture
def imported(institutions, run_import):
    run_import(PAGES / "thailand-2018.md", PAGES / "malaysia-2019.md")
    return Event.objects.get(slug="thailand-2018")


@pytest.mark.parametrize(
    "old",
    [
        "/events/ASSA-Board-Meeting/thailand-2018",
        "/events/ASSA-Board-Meeting/thailand-2018/",
        "/events/assa-board-meeting/Thailand-2018",
        "/EVENTS/ASSA-BOARD-MEETING/THAILAND-2018/",
    ],
)
def test_the_old_permalink_redirects_permanently_to_the_event(client, imported, old):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == PAGE
    assert client.get(response["Location"]).status_code == 200


def test_old_addresses_go_to_the_english_page_whatever_the_browser_prefers(client, imported):
    response = client.get("/events/ASSA-Board-Meeting/thailand-2018", HTTP_ACCEPT_LANGUAGE="km")
    assert response["Location"] == PAGE


@pytest.mark.parametrize(
    "old",
    [
        "/files/ASSA%20Board%20Meeting/Thailand%202018/Chairman%20message%20(signed).pdf",
        "/files/ASSA Board Meeting/Thailand 2018/Chairman message (signed).pdf",
        "/files/assa%20board%20meeting/thailand%202018/CHAIRMAN%20MESSAGE%20(SIGNED).PDF",
        "/files/ASSA%20Board%20Meeting/Thailand%202018/Chairman%20message%20(signed).pdf/",
        "/Files/ASSA%20Board%20Meeting/Thailand%202018/Chairman%20message%20(signed).pdf",
    ],
)
def test_old_file_addresses_redirect_permanently_to_the_download(client, imported, old):
    document = Document.objects.get(legacy_paths__path__endswith="Chairman message (signed).pdf")
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == document.get_download_url()
    download = client.get(response["Location"])
    assert download.status_code == 200
    assert "Chairman message (signed).pdf" in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("old", "name"),
    [
        (
            "/files/ASSA%20Board%20Meeting/Thailand%202018/B%E1%BA%A3o%20hi%E1%BB%83m%20x%C3%A3"
            "%20h%E1%BB%99i%20t%E1%BB%B1%20do.pdf",
            "Bảo hiểm xã hội tự do.pdf",
        ),
        (
            "/files/ASSA%20Board%20Meeting/Malaysia%202019/"
            "%E1%9E%80%E1%9E%B6%E1%9E%9A%E1%9E%96%E1%9E%84%E1%9F%92%E1%9E%9A%E1%9E%B8%E1%9E%80"
            "%E1%9E%9F%E1%9E%93%E1%9F%92%E1%9E%8F%E1%9E%B7%E1%9E%9F%E1%9E%BB%E1%9E%81"
            "%E1%9E%9F%E1%9E%84%E1%9F%92%E1%9E%82%E1%9E%98.pdf",
            "ការពង្រីកសន្តិសុខសង្គម.pdf",
        ),
        (
            "/files/ASSA%20Board%20Meeting/Thailand%202018/Programme,%2012-13%20September.pdf",
            "Programme, 12-13 September.pdf",
        ),
    ],
)
def test_non_ascii_and_punctuated_file_names_redirect(client, imported, old, name):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == Document.objects.get(original_name=name).get_download_url()


def test_unknown_or_unpublished_old_addresses_are_404(client, imported):
    assert client.get("/events/ASSA-Board-Meeting/nowhere-2000").status_code == 404
    assert client.get("/files/ASSA%20Board%20Meeting/nothing.pdf").status_code == 404
    # the missing file was never imported
    missing = "/files/ASSA Board Meeting/Thailand 2018/Claims Counters on Saturdays.pdf"
    assert client.get(missing).status_code == 404
    imported.is_published = False
    imported.save()
    assert client.get("/events/ASSA-Board-Meeting/thailand-2018").status_code == 404
    old = LegacyPath.objects.get(path__endswith="Chairman message (signed).pdf")
    Document.objects.filter(pk=old.document_id).update(status="rejected")
    assert client.get(old.path).status_code == 404


def test_the_redirects_shadow_no_real_page(client, imported):
    assert client.get("/en/events/").status_code == 200
    assert client.get(PAGE).status_code == 200
    # the usual redirects of the site still happen
    assert client.get("/events/")["Location"] == "/en/events/"
    assert client.get("/en/events")["Location"] == "/en/events/"
    assert client.get("/admin")["Location"] == "/admin/"


def test_a_redirect_costs_at_most_two_queries(client, imported, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert client.get("/EVENTS/ASSA-Board-Meeting/thailand-2018/").status_code == 301
    with django_assert_max_num_queries(2):
        response = client.get(
            "/files/ASSA Board Meeting/Thailand 2018/Member Savings - EPF Malaysia.pdf"
        )
        assert response.status_code == 301


def test_every_old_address_of_the_same_file_redirects_to_its_one_document(
    client, institutions, run_import, files_dir
):
    folder = files_dir / "ASSA Board Meeting" / "Thailand 2018"
    shutil.copy(
        folder / "Member Savings - EPF Malaysia.pdf", folder / "Programme, 12-13 September.pdf"
    )
    run_import(PAGES / "thailand-2018.md")
    first = "/files/ASSA Board Meeting/Thailand 2018/Member Savings - EPF Malaysia.pdf"
    second = "/files/ASSA Board Meeting/Thailand 2018/Programme, 12-13 September.pdf"
    document = Document.objects.get(legacy_paths__path=first)
    assert Document.objects.filter(sha256=document.sha256).count() == 1
    assert sorted(old.path for old in document.legacy_paths.all()) == [first, second]
    for old in (first, second, quote(second), second.upper()):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, document.get_download_url())
    download = client.get(document.get_download_url())
    assert (
        b"".join(download.streaming_content)
        == (folder / "Programme, 12-13 September.pdf").read_bytes()
    )


def test_importing_the_same_pages_again_adds_no_second_row_per_address(
    institutions, run_import, files_dir
):
    folder = files_dir / "ASSA Board Meeting" / "Thailand 2018"
    shutil.copy(
        folder / "Member Savings - EPF Malaysia.pdf", folder / "Programme, 12-13 September.pdf"
    )
    run_import(PAGES / "thailand-2018.md")
    paths = sorted(LegacyPath.objects.values_list("path", "document_id"))
    output = run_import(PAGES / "thailand-2018.md")
    assert sorted(LegacyPath.objects.values_list("path", "document_id")) == paths
    assert "Documents: 0 created, 0 updated, 6 unchanged" in output
