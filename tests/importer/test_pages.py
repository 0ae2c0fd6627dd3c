"""Reading old pages, without the database: dates, links, names, kinds, sections."""

import datetime

import pytest

from legacy.pages import (
    find_links,
    kind_of,
    legacy_file_path,
    normalize_permalink,
    parse_dates,
    read_page,
    speaker_from,
    split_by,
    split_institution,
)
from tests.importer.conftest import PAGES

D = datetime.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dec 09, 2020", (D(2020, 12, 9), None)),
        ("December 9 2020", (D(2020, 12, 9), None)),
        ("Wednesday, Dec 9, 2020", (D(2020, 12, 9), None)),
        ("Sep 21-22, 2022", (D(2022, 9, 21), D(2022, 9, 22))),
        ("Nov 30 - Dec 2, 2021", (D(2021, 11, 30), D(2021, 12, 2))),
        ("21 September 2022", (D(2022, 9, 21), None)),
        ("21–22 September 2022", (D(2022, 9, 21), D(2022, 9, 22))),
        ("14 August 2017 - 15 August 2017", (D(2017, 8, 14), D(2017, 8, 15))),
        ("2020-12-09", (D(2020, 12, 9), None)),
        ("ថ្ងៃទី៩ ខែធ្នូ ឆ្នាំ២០២០", (D(2020, 12, 9), None)),
        ("to be announced", None),
        ("Feb 30, 2021", None),
    ],
)
def test_dates_are_read_in_the_ways_the_old_pages_wrote_them(text, expected):
    assert parse_dates(text) == expected


@pytest.mark.parametrize(
    ("third_nav_title", "kind"),
    [
        ("ASSA Board Meeting", "assa-board-meeting"),
        ("Board Meetings", "assa-board-meeting"),
        ("Secretariat Meeting", "secretariat-meeting"),
        ("Seminars and Workshops", "seminar-workshop"),
        ("Working Groups", "working-group"),
        ("ASEAN Forum", "forum"),
        ("Study Visits", "other"),
        ("", "other"),
    ],
)
def test_kind_comes_from_third_nav_title(third_nav_title, kind):
    assert kind_of(third_nav_title) == kind


def test_file_links_are_url_decoded_and_parentheses_in_names_survive():
    text = "* [Paper (final)](/files/A%20B/Paper%20(final),%20v2.pdf) and [x](https://x.org/)"
    (_, _, first), (_, _, second) = find_links(text)
    assert first.text == "Paper (final)"
    assert first.legacy_path == "/files/A B/Paper (final), v2.pdf"
    assert second.legacy_path == ""


@pytest.mark.parametrize(
    ("href", "path"),
    [
        ("/files/a%20b/c.pdf", "/files/a b/c.pdf"),
        ("{{site.baseurl}}/files/c.pdf", "/files/c.pdf"),
        ("https://www.example.org/files/c.pdf", "/files/c.pdf"),
        ("/files/../secret.pdf", ""),
        ("/images/photo.jpg", ""),
        ("mailto:someone@example.org", ""),
    ],
)
def test_legacy_file_paths(href, path):
    assert legacy_file_path(href) == path


def test_permalinks_are_kept_with_their_case_but_without_a_final_slash():
    assert normalize_permalink("/events/ASSA-Board-Meeting/x/") == "/events/ASSA-Board-Meeting/x"


def test_by_lines_and_institutions_are_split():
    assert split_by("Title with a by-line by EPF, Malaysia") == (
        "Title with a by-line",
        "EPF, Malaysia",
    )
    assert split_institution("Social Security System, Philippines") == (
        "Social Security System",
        "PH",
    )
    assert split_institution("Lao Social Security Organization, Lao PDR") == (
        "Lao Social Security Organization",
        "LA",
    )
    assert speaker_from("Mr Nuno Example, Senior Specialist, Some Organisation") == (
        "Nuno Example",
        "Senior Specialist, Some Organisation",
    )


def test_a_board_meeting_page_gives_its_facts_programme_and_kept_parts():
    page = read_page(PAGES / "thailand-2018.md")
    assert (page.kind, page.number, page.country, page.city) == (
        "assa-board-meeting",
        35,
        "TH",
        "Bangkok",
    )
    assert (page.starts_on, page.ends_on) == (D(2018, 9, 12), D(2018, 9, 13))
    assert page.slug == "thailand-2018"
    assert (page.host_text, page.host_country) == ("Social Security Office", "TH")
    assert [item.category for item in page.items] == ["chairman-message", "speaker"] + [
        "good-practice"
    ] * 4
    assert [part.where for part in page.kept] == ["section “PHOTO GALLERY”"]
    assert page.kept[0].images == ["/images/thailand-2018/group-photo.jpg"]
    assert not page.errors


def test_a_page_without_a_date_is_an_error_not_a_guess():
    page = read_page(PAGES.parent / "broken" / "no-date.md")
    assert page.starts_on is None
    assert page.errors == ["no date found (a “Date: …” line is expected)"]
