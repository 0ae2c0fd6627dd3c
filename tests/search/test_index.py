"""Keeping the index: PDF text read once per file, the rebuild command, the locale check."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from assa.checks import locale_warnings, postgresql_character_type
from documents.models import Submission
from documents.services import approve_document, create_document, replace_file
from search import index as search_index
from search.models import SearchEntry
from search.text import parse_query
from tests.factories import ArticleFactory, EventFactory, SecretariatUserFactory
from tests.search.pdfs import text_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def extractions(monkeypatch):
    """Counts the PDF text extractions."""
    calls = []
    real = search_index.extract_text

    def counting(field_file):
        calls.append(field_file.name)
        return real(field_file)

    monkeypatch.setattr(search_index, "extract_text", counting)
    return calls


def pdf_upload(*lines: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("paper.pdf", text_pdf(*lines))


def entry_of(document) -> SearchEntry:
    return SearchEntry.objects.get(kind="document", object_id=document.pk)


def test_pdf_text_is_read_once_and_kept_while_the_file_is_unchanged(nssf, extractions):
    document = create_document(
        pdf_upload("Coverage of platform workers"),
        original_name="paper.pdf",
        title_en="Platform work",
        status="approved",
        institution=nssf,
    )
    assert len(extractions) == 1
    assert "platform workers" in entry_of(document).file_text.lower()

    document.title_en = "Platform work in ASEAN"
    document.save()
    call_command("rebuild_search_index", "--no-progress", stdout=io.StringIO())
    assert len(extractions) == 1
    assert "platform workers" in entry_of(document).file_text.lower()


def test_a_submission_is_indexed_only_once_approved(nssf, extractions):
    document = create_document(
        pdf_upload("Lessons from the unemployment scheme"),
        original_name="paper.pdf",
        title_en="Lessons",
        institution=nssf,
    )
    assert not SearchEntry.objects.filter(kind="document").exists()
    assert extractions == []
    approve_document(document, SecretariatUserFactory())
    assert "unemployment scheme" in entry_of(document).file_text


def test_a_replaced_file_is_read_again(nssf, extractions):
    document = create_document(
        pdf_upload("First draft of the minutes"),
        original_name="minutes.pdf",
        title_en="Minutes",
        status="approved",
        institution=nssf,
    )
    replace_file(document, pdf_upload("Corrected minutes, approved"), SecretariatUserFactory())
    assert len(extractions) == 2
    entry = entry_of(document)
    assert "Corrected minutes" in entry.file_text
    assert "First draft" not in entry.file_text


def test_saving_through_the_submission_proxy_updates_the_index(nssf):
    document = create_document(
        pdf_upload("Text"), original_name="p.pdf", title_en="Old title", status="approved"
    )
    submission = Submission.objects.get(pk=document.pk)
    submission.title_en = "Renamed paper"
    submission.save()
    assert list(SearchEntry.objects.matching(parse_query("renamed"))) == [entry_of(document)]


def test_rebuild_command_recreates_the_index_and_drops_stale_rows(capsys):
    article = ArticleFactory(title_en="Maternity benefits")
    event = EventFactory(title_en="Forum on pensions")
    SearchEntry.objects.all().delete()
    SearchEntry.objects.create(kind="article", object_id=999_999)
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert (
        "Search index rebuilt: 1 article, 1 event, 0 document, 0 member, 0 page." in out.getvalue()
    )
    assert "Indexing" in capsys.readouterr().err  # the progress bar
    assert set(SearchEntry.objects.values_list("kind", "object_id")) == {
        ("article", article.pk),
        ("event", event.pk),
    }


def test_rebuild_of_one_kind_leaves_the_others(capsys):
    ArticleFactory(title_en="Maternity benefits")
    EventFactory(title_en="Forum on pensions")
    SearchEntry.objects.filter(kind="event").delete()
    call_command("rebuild_search_index", "--kind", "event", "--no-progress", stdout=io.StringIO())
    assert SearchEntry.objects.filter(kind="article").count() == 1
    assert SearchEntry.objects.filter(kind="event").count() == 1


def test_locale_check_warns_about_byte_locales_only():
    (warning,) = locale_warnings("C", "C", "assa")
    assert warning.id == "assa.W001"
    assert 'LC_CTYPE is "C"' in warning.msg
    assert locale_warnings("POSIX", "en_US.UTF-8", "assa")
    assert locale_warnings("C.UTF-8", "C.UTF-8", "assa") == []
    assert locale_warnings("en_US.UTF-8", "en_US.UTF-8", "assa") == []


def test_locale_check_of_this_database():
    # SQLite has no locale to check; the PostgreSQL of development and CI uses C.UTF-8.
    assert postgresql_character_type(databases=["default"]) == []
    # Without database checks asked for, it does not touch the database.
    assert postgresql_character_type(databases=None) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_match_uses_the_gin_index():
    ArticleFactory(title_en="Maternity benefits")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = SearchEntry.objects.visible().matching(parse_query("maternity")).explain()
        cursor.execute("RESET enable_seqscan")
    assert "searchentry_vector_gin" in plan
