"""manage.py import_isomer on the fixture pages: what it makes, reports, keeps and repeats."""

import datetime
import shutil

import pytest
from django.core.management import CommandError, call_command

from documents.models import Document, DocumentVersion, Presentation
from events.models import Event
from tests.factories import EventFactory
from tests.importer.conftest import BROKEN, PAGES, make_files, placeholder_pdf, stored_files

pytestmark = pytest.mark.django_db

THAILAND = "/events/ASSA-Board-Meeting/thailand-2018"


def thailand():
    return Event.objects.get(legacy_permalink=THAILAND)


def programme(event):
    return list(event.presentations.select_related("institution", "document").order_by("order"))


def test_a_board_meeting_page_becomes_a_published_event(institutions, run_import):
    run_import()
    event = thailand()
    assert event.kind == "assa-board-meeting"
    assert event.number == 35
    assert event.slug == "thailand-2018"
    assert event.title_en == "Thailand 2018"
    assert event.country == "TH"
    assert event.city_en == "Bangkok"
    assert (event.starts_on, event.ends_on) == (
        datetime.date(2018, 9, 12),
        datetime.date(2018, 9, 13),
    )
    assert event.host == institutions["sso-thailand"]
    assert event.status == "held"
    assert event.is_published
    assert event.summary_en.startswith("Heads of the member institutions came to Bangkok")
    assert event.get_absolute_url() == "/en/events/assa-board-meeting/thailand-2018/"


def test_number_country_date_and_host_come_from_the_body(institutions, run_import):
    run_import()
    malaysia = Event.objects.get(slug="malaysia-2019")
    assert malaysia.number == 36  # "The 36th ASSA Board Meeting ..."
    assert malaysia.country == "MY"  # "## MALAYSIA"
    assert malaysia.starts_on == datetime.date(2019, 11, 26)  # written in Khmer
    assert malaysia.host == institutions["epf-malaysia"]


def test_kind_comes_from_third_nav_title_and_unknown_kinds_are_other(institutions, run_import):
    output = run_import()
    seminar = Event.objects.get(slug="migrant-workers-seminar-2019")
    assert (seminar.kind, seminar.number, seminar.format) == ("seminar-workshop", None, "virtual")
    assert seminar.host == institutions["sss-philippines"]  # "hosted by SSS, Philippines"
    visit = Event.objects.get(slug="singapore-2017")
    assert visit.kind == "other"
    assert "third_nav_title “Study Visits” is not a known kind" in output


def test_presentations_keep_the_page_order_with_speakers_and_institutions(institutions, run_import):
    run_import()
    items = programme(thailand())
    assert [(p.order, p.category) for p in items] == [
        (10, "chairman-message"),
        (20, "speaker"),
        (30, "good-practice"),
        (40, "good-practice"),
        (50, "good-practice"),
        (60, "good-practice"),
    ]
    message, speaker, *papers = items
    assert message.title_en == "Message from the ASSA Chairman"
    assert message.title_km == "សាររបស់ប្រធាន ASSA"
    assert speaker.title_en == "Ageing Societies and the Future of Pensions in ASEAN"
    assert speaker.speaker_name == "Dr Ananya Wong"
    assert speaker.speaker_role_en == (
        "Regional Adviser on Pensions, Example Institute for Social Policy"
    )
    assert [p.title_en for p in papers] == [
        "Registering Employers Online",
        "Bảo hiểm xã hội cho người lao động tự do",
        "Savings for Members in a Changing Economy",
        "Claims Counters Open on Saturdays",
    ]
    # by full name, by full name, by acronym, by full name
    assert [p.institution.slug for p in papers] == [
        "nssf-cambodia",
        "vss-vietnam",
        "epf-malaysia",
        "sss-philippines",
    ]


def test_institutions_are_matched_despite_small_differences_in_their_names(
    institutions, run_import
):
    run_import()
    papers = programme(Event.objects.get(slug="malaysia-2019"))[1:]
    # "NSSF, Cambodia" (acronym) and "Philippines Health Insurance Corporation" (close name)
    assert papers[0].institution == institutions["nssf-cambodia"]
    assert papers[2].institution == institutions["philhealth"]


def test_an_unmatched_institution_is_reported_and_kept_in_the_title(institutions, run_import):
    output = run_import()
    paper = Presentation.objects.get(title_en__startswith="A Roadmap for Pension Reform")
    assert paper.institution is None
    assert paper.title_en == ("A Roadmap for Pension Reform by National Pension Office, Lao PDR")
    assert "Unmatched institutions: 1" in output
    assert "malaysia-2019.md: National Pension Office (“A Roadmap for Pension Reform”)" in output


def test_linked_files_become_published_documents_with_odd_names(institutions, run_import, client):
    run_import()
    event = thailand()
    items = programme(event)
    message = items[0].document
    assert message.status == "approved" and message.published_at is not None
    assert message.kind == "message"
    assert message.event == event
    assert message.original_name == "Chairman message (signed).pdf"
    assert [old.path for old in message.legacy_paths.all()] == [
        "/files/ASSA Board Meeting/Thailand 2018/Chairman message (signed).pdf"
    ]
    assert items[1].document.original_name == "Ageing Societies, Pensions and ASEAN.pdf"
    assert items[1].document.kind == "presentation"
    nssf_paper = items[2].document
    assert nssf_paper.original_name == "Registering Employers Online (NSSF, Cambodia).pdf"
    assert nssf_paper.institution.slug == "nssf-cambodia"
    assert nssf_paper.kind == "paper"
    assert items[3].document.original_name == "Bảo hiểm xã hội tự do.pdf"
    khmer = Document.objects.get(legacy_paths__path__contains="Malaysia 2019/ការពង្រីក")
    assert khmer.original_name == "ការពង្រីកសន្តិសុខសង្គម.pdf"
    assert khmer.language == "km"
    for document in (message, nssf_paper, khmer):
        response = client.get(document.get_download_url())
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_missing_file_is_reported_and_its_presentation_kept(institutions, run_import):
    output = run_import()
    paper = Presentation.objects.get(title_en="Claims Counters Open on Saturdays")
    assert paper.document is None
    assert paper.institution == institutions["sss-philippines"]
    assert "Missing files (presentation kept without a file): 1" in output
    assert (
        "thailand-2018.md: /files/ASSA Board Meeting/Thailand 2018/Claims Counters on "
        "Saturdays.pdf (for “Claims Counters Open on Saturdays”)"
    ) in output


def test_what_is_not_understood_stays_in_the_body_sanitised(institutions, run_import):
    output = run_import()
    body = thailand().body_en
    assert "<h3>PHOTO GALLERY</h3>" in body
    assert "Delegates in front of the venue" in body  # the picture's description
    assert "<script" not in body and "alert" not in body and "<img" not in body
    programme_file = Document.objects.get(
        legacy_paths__path__endswith="Programme, 12-13 September.pdf"
    )
    assert f'href="{programme_file.get_download_url()}"' in body
    assert programme_file.event == thailand()
    khmer_body = Event.objects.get(slug="malaysia-2019").body_en
    assert '<h3 lang="km">សេចក្តីថ្លែងការណ៍រួម</h3>' in khmer_body
    assert '<p lang="km">ក្រុមប្រឹក្សាភិបាលបានឯកភាពគ្នាថា' in khmer_body
    assert "Kept as body (not interpreted): 2" in output
    assert "thailand-2018.md: section “PHOTO GALLERY”" in output
    assert "malaysia-2019.md: section “សេចក្តីថ្លែងការណ៍រួម”" in output
    assert "picture /images/thailand-2018/group-photo.jpg not imported" in output


def test_a_page_that_cannot_be_imported_is_reported_and_the_others_are(institutions, run_import):
    output = run_import(PAGES, BROKEN)
    assert "Pages not imported: 1" in output
    assert "no-date.md: no date found" in output
    assert not Event.objects.filter(slug="undated").exists()
    assert Event.objects.count() == 4


def test_a_second_meeting_with_the_same_number_is_refused_not_merged(institutions, run_import):
    EventFactory(number=35, slug="bangkok", legacy_permalink="/events/elsewhere")
    output = run_import(PAGES / "thailand-2018.md")
    assert "the 35th board meeting already exists" in output
    assert Event.objects.count() == 1


def test_an_event_typed_in_by_hand_is_completed_not_duplicated(institutions, run_import):
    typed = EventFactory(number=35, slug="thailand-2018", legacy_permalink="", is_published=False)
    run_import(PAGES / "thailand-2018.md")
    event = thailand()
    assert event.pk == typed.pk
    # The secretariat had not published it: the importer leaves that decision alone.
    assert event.is_published is False


def test_running_it_again_changes_nothing_and_duplicates_nothing(
    institutions, run_import, media_root
):
    run_import()
    counts = (Event.objects.count(), Presentation.objects.count(), Document.objects.count())
    files = stored_files(media_root)
    output = run_import()
    assert (Event.objects.count(), Presentation.objects.count(), Document.objects.count()) == counts
    assert stored_files(media_root) == files
    assert "Events: 0 created, 0 updated, 4 unchanged" in output
    assert "Presentations: 0 created, 0 updated, 11 unchanged" in output
    assert "Documents: 0 created, 0 updated, 10 unchanged" in output


def test_a_changed_page_updates_its_event_in_place(institutions, run_import, tmp_path):
    run_import()
    before = thailand()
    changed = tmp_path / "thailand-2018.md"
    text = (PAGES / "thailand-2018.md").read_text("utf-8")
    text = text.replace("title: Thailand 2018", "title: Thailand 2018 (Bangkok)")
    # the old address written differently: other case, final slash
    text = text.replace(THAILAND, THAILAND.upper().replace("/EVENTS/", "/events/") + "/")
    text = text.replace("Ageing Societies and the Future", "Ageing Societies and the Long Future")
    changed.write_text(text, "utf-8")
    output = run_import(changed)
    event = Event.objects.get(pk=before.pk)
    assert event.title_en == "Thailand 2018 (Bangkok)"
    assert Event.objects.count() == 4
    assert (
        programme(event)[1].title_en == "Ageing Societies and the Long Future of Pensions in ASEAN"
    )
    assert event.presentations.count() == 6
    assert "Events: 0 created, 1 updated, 0 unchanged" in output
    assert "Presentations: 0 created, 1 updated, 5 unchanged" in output


def test_a_replaced_file_updates_its_document_and_keeps_the_old_version(
    institutions, run_import, files_dir
):
    run_import()
    document = programme(thailand())[0].document
    path = files_dir / "ASSA Board Meeting" / "Thailand 2018" / "Chairman message (signed).pdf"
    path.write_bytes(placeholder_pdf("the corrected message"))
    output = run_import(PAGES / "thailand-2018.md")
    document.refresh_from_db()
    assert document.sha256 != DocumentVersion.objects.get(document=document).sha256
    old = document.legacy_paths.get()
    assert Document.objects.filter(legacy_paths__path=old.path).count() == 1
    assert "Documents: 0 created, 1 updated, 5 unchanged" in output


def test_the_same_file_under_two_names_is_stored_once(institutions, run_import, files_dir):
    folder = files_dir / "ASSA Board Meeting" / "Thailand 2018"
    shutil.copy(
        folder / "Member Savings - EPF Malaysia.pdf", folder / "Programme, 12-13 September.pdf"
    )
    output = run_import(PAGES / "thailand-2018.md")
    assert Document.objects.count() == 5
    assert "is the same file as /files/ASSA Board Meeting/Thailand 2018/Member Savings" in output


def test_a_file_that_is_not_a_real_pdf_is_refused_and_reported(institutions, run_import, files_dir):
    path = (
        files_dir
        / "ASSA Board Meeting"
        / "Thailand 2018"
        / "Ageing Societies, Pensions and ASEAN.pdf"
    )
    path.write_bytes(b"<!DOCTYPE html><html><body>Not found</body></html>")
    output = run_import(PAGES / "thailand-2018.md")
    speaker = programme(thailand())[1]
    assert speaker.document is None
    assert speaker.speaker_name == "Dr Ananya Wong"
    assert "Files refused: 1" in output
    assert "Web pages (HTML) are not accepted" in output


def test_files_are_found_whatever_the_case_and_the_unicode_form(institutions, run_import, tmp_path):
    files = tmp_path / "copy"
    make_files(files, [PAGES / "thailand-2018.md"])
    folder = files / "ASSA Board Meeting" / "Thailand 2018"
    folder.rename(files / "ASSA Board Meeting" / "THAILAND 2018")
    output = run_import(PAGES / "thailand-2018.md", files=files)
    assert "Missing files (presentation kept without a file): none" in output
    assert Document.objects.count() == 7


def test_a_dry_run_changes_nothing_and_says_what_it_would_do(institutions, run_import, media_root):
    output = run_import(dry_run=True)
    assert Event.objects.count() == 0
    assert Presentation.objects.count() == 0
    assert Document.objects.count() == 0
    assert stored_files(media_root) == []
    assert "dry run: nothing was saved" in output
    assert "thailand-2018.md: /events/ASSA-Board-Meeting/thailand-2018 -> " in output
    assert "(would create; 6 presentations)" in output
    # the same counts as the real run that follows
    assert "Events: 4 created" in output
    assert "Documents: 10 created" in output
    assert "Missing files (presentation kept without a file): 1" in output
    real = run_import()
    assert real.splitlines()[1:] == [
        line.replace("would create", "created") for line in output.splitlines()[1:]
    ]


def test_a_dry_run_after_an_import_reports_it_unchanged(institutions, run_import, media_root):
    run_import()
    files = stored_files(media_root)
    output = run_import(dry_run=True)
    assert "Events: 0 created, 0 updated, 4 unchanged" in output
    assert "Documents: 0 created, 0 updated, 10 unchanged" in output
    assert stored_files(media_root) == files


def test_the_command_refuses_what_it_cannot_use(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_isomer", str(tmp_path / "nothing"), "--files-dir", str(tmp_path))
    with pytest.raises(CommandError, match="not a folder"):
        call_command("import_isomer", str(PAGES), "--files-dir", str(tmp_path / "nothing"))
    with pytest.raises(CommandError, match="No pages"):
        call_command("import_isomer", str(tmp_path), "--files-dir", str(tmp_path))
