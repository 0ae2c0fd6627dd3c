"""What the importer puts where: a title written in Khmer in the Khmer field (the English one
left for the secretariat, the public pages showing the Khmer one, marked as Khmer), and
imported files published on their meeting's day, not on the day of the import."""

import datetime
import textwrap

import pytest
from django.utils import timezone

from documents.models import Document, Presentation
from events.models import Event
from tests.importer.conftest import make_files

pytestmark = pytest.mark.django_db

KHMER_PAPER = "ការពង្រីកសន្តិសុខសង្គមដល់កម្មករក្រៅប្រព័ន្ធ"


def khmer_paper() -> Document:
    return Document.objects.get(legacy_paths__path__contains="Malaysia 2019/ការពង្រីក")


def test_a_khmer_title_goes_into_the_khmer_field(institutions, run_import):
    run_import()
    document = khmer_paper()
    assert (document.title_en or "", document.title_km) == ("", KHMER_PAPER)
    assert document.language == "km"
    item = document.presentations.get()
    assert (item.title_en or "", item.title_km) == ("", KHMER_PAPER)
    # English titles stay English.
    roadmap = Presentation.objects.get(title_en__startswith="A Roadmap for Pension Reform")
    assert not roadmap.title_km and roadmap.document.language == "en"


def test_imported_files_are_published_on_their_meetings_day(institutions, run_import):
    run_import()
    malaysia = Event.objects.get(slug="malaysia-2019")
    documents = Document.objects.filter(event=malaysia)
    assert documents.count() == 3
    for document in documents:
        published = timezone.localtime(document.published_at)
        assert (published.date(), published.time()) == (
            datetime.date(2019, 11, 26),
            datetime.time(),
        )
    # So the library lists a 2019 paper with its year, after the 2021 ones, not first.
    thailand = Document.objects.filter(event__slug="thailand-2018")
    assert {timezone.localtime(d.published_at).date() for d in thailand} == {
        datetime.date(2018, 9, 12)
    }


def test_running_again_keeps_the_fields_and_an_english_title_written_meanwhile(
    institutions, run_import
):
    run_import()
    document = khmer_paper()
    document.title_en = "Extending social security to informal workers"
    document.save()
    item = document.presentations.get()
    item.title_en = "Extending social security to informal workers"
    item.save()
    output = run_import()
    assert "Documents: 0 created, 0 updated, 10 unchanged" in output
    assert "Presentations: 0 created, 0 updated, 11 unchanged" in output
    document.refresh_from_db()
    item.refresh_from_db()
    assert document.title_en == item.title_en == "Extending social security to informal workers"
    assert document.title_km == item.title_km == KHMER_PAPER


def test_an_earlier_import_that_put_khmer_in_the_english_field_is_corrected(
    institutions, run_import
):
    run_import()
    document = khmer_paper()
    Document.objects.filter(pk=document.pk).update(
        title_en=KHMER_PAPER, title_km=None, published_at=timezone.now()
    )
    output = run_import()
    assert "Documents: 0 created, 1 updated, 9 unchanged" in output
    document.refresh_from_db()
    assert (document.title_en, document.title_km) == ("", KHMER_PAPER)
    assert timezone.localtime(document.published_at).date() == datetime.date(2019, 11, 26)


def test_public_pages_show_the_khmer_title_marked_as_khmer_on_english_pages(
    institutions, run_import, client
):
    run_import()
    document = khmer_paper()
    event_page = client.get("/en/events/assa-board-meeting/malaysia-2019/").content.decode()
    assert f'<span lang="km">{KHMER_PAPER}</span>' in event_page
    assert "Not yet translated: some of this text is shown in Khmer." in event_page
    # The library's row: marked as Khmer, and labelled Khmer, not English.
    library = client.get("/en/documents/").content.decode()
    row = library[library.rindex('<li class="doc-row">', 0, library.index(KHMER_PAPER)) :]
    row = row[: row.index("</li>")]
    assert f'<span lang="km">{KHMER_PAPER}</span>' in row
    assert '<span class="doc-lang">Khmer</span>' in row and "English" not in row
    # The document's page.
    html = client.get(document.get_absolute_url()).content.decode()
    main = html[html.index("<main") :]
    assert f'<span lang="km">{KHMER_PAPER}</span>' in main
    assert "<dd>Khmer</dd>" in main and "<dd>English</dd>" not in main
    # On Khmer pages it is the page's own language: no marking.
    khmer_page = client.get("/km/events/assa-board-meeting/malaysia-2019/").content.decode()
    assert KHMER_PAPER in khmer_page
    assert f'<span lang="km">{KHMER_PAPER}</span>' not in khmer_page


def test_a_page_titled_in_khmer_makes_an_event_titled_in_khmer(institutions, run_import, tmp_path):
    page = tmp_path / "seminar-km.md"
    page.write_text(
        textwrap.dedent(
            """\
            ---
            title: សិក្ខាសាលាស្តីពីរបបសោធននិវត្តន៍
            permalink: /events/Seminars/pension-seminar-2019
            third_nav_title: Seminars and Workshops
            ---
            Date: 2019-05-14

            A seminar on pensions, hosted by NSSF, Cambodia.
            """
        ),
        encoding="utf-8",
    )
    run_import(page, files=make_files(tmp_path / "files", [page]))
    event = Event.objects.get(slug="pension-seminar-2019")
    assert (event.title_en or "", event.title_km) == ("", "សិក្ខាសាលាស្តីពីរបបសោធននិវត្តន៍")
    assert event.heading == "សិក្ខាសាលាស្តីពីរបបសោធននិវត្តន៍"  # the English pages fall back
    assert "Events: 0 created, 0 updated, 1 unchanged" in run_import(page, files=tmp_path / "files")


def test_a_board_meeting_page_titled_with_its_heading_gets_no_subtitle(
    institutions, run_import, tmp_path
):
    page = tmp_path / "philippines-2023.md"
    page.write_text(
        textwrap.dedent(
            """\
            ---
            title: 40th ASSA Board Meeting
            permalink: /events/ASSA-Board-Meeting/philippines-2023
            third_nav_title: ASSA Board Meeting
            ---
            ## PHILIPPINES
            Date: Oct 10, 2023
            """
        ),
        encoding="utf-8",
    )
    output = run_import(page, files=make_files(tmp_path / "files", [page]))
    event = Event.objects.get(slug="philippines-2023")
    assert (event.number, event.title_en or "") == (40, "")
    assert str(event) == "40th ASSA Board Meeting"
    assert "Events: 1 created" in output
    assert "Events: 0 created, 0 updated, 1 unchanged" in run_import(page, files=tmp_path / "files")
