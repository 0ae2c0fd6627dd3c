import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from events.models import Event, board_meeting_name, english_ordinal
from tests.factories import EventFactory, OfficeHolderFactory, TermFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (37, "37th"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
    ],
)
def test_english_ordinals(number, expected):
    assert english_ordinal(number) == expected


def test_board_meeting_name_in_english_and_khmer():
    assert board_meeting_name(37) == "37th ASSA Board Meeting"
    assert board_meeting_name(21) == "21st ASSA Board Meeting"
    with translation.override("km"):
        assert board_meeting_name(37) == "កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៣៧"


def test_only_board_meetings_have_a_numbered_name():
    assert EventFactory(number=38).numbered_name == "38th ASSA Board Meeting"
    assert EventFactory(kind="forum", number=None, title_en="Forum").numbered_name == ""
    assert EventFactory(kind="forum", number=2, title_en="Forum").numbered_name == ""


def test_str_gives_the_numbered_name_and_the_title():
    event = EventFactory(number=37, title_en="Cambodia 2020")
    assert str(event) == "37th ASSA Board Meeting: Cambodia 2020"


def test_str_in_khmer_introduces_the_title_with_the_khmer_colon():
    event = EventFactory(number=37, title_en="Cambodia 2020", title_km="កម្ពុជា")
    with translation.override("km"):
        assert str(event) == "កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៣៧៖ កម្ពុជា"


def test_body_is_sanitised_on_save():
    event = EventFactory(
        body_en='<p onclick="x()">Hello <script>alert(1)</script><a href="javascript:x">x</a></p>',
        body_km="<p>សួស្តី</p><iframe src='https://example.org'></iframe>",
    )
    event.refresh_from_db()
    assert "script" not in event.body_en
    assert "onclick" not in event.body_en
    assert "javascript" not in event.body_en
    assert event.body_en.startswith("<p>Hello")
    assert event.body_km == "<p>សួស្តី</p>"


def test_database_requires_a_number_for_board_meetings():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(number=None)


def test_database_keeps_numbers_unique_per_kind():
    EventFactory(number=37)
    EventFactory(kind="forum", number=37, slug="forum-37")  # another kind may reuse it
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(number=37)


def test_calendar_order_puts_upcoming_first_soonest_on_top(today):
    past_old = EventFactory(starts_on=today - datetime.timedelta(days=400))
    past_recent = EventFactory(starts_on=today - datetime.timedelta(days=10))
    running = EventFactory(
        starts_on=today - datetime.timedelta(days=1), ends_on=today + datetime.timedelta(days=1)
    )
    soon = EventFactory(starts_on=today + datetime.timedelta(days=5))
    later = EventFactory(starts_on=today + datetime.timedelta(days=90))
    ordered = list(Event.objects.in_calendar_order())
    assert ordered == [running, soon, later, past_recent, past_old]


def test_years_of_published_events(today):
    EventFactory(starts_on=datetime.date(2020, 12, 9))
    EventFactory(starts_on=datetime.date(2021, 11, 26))
    EventFactory(starts_on=datetime.date(2019, 1, 1), is_published=False)
    assert Event.objects.published().years() == [2021, 2020]


def test_term_offices_come_in_rank_order_with_gaps():
    term = TermFactory(number=38, starts_year=2021, ends_year=2022)
    OfficeHolderFactory(term=term, office="secretary-general")
    OfficeHolderFactory(term=term, office="chairman")
    offices = term.offices
    assert [office for office, _, _ in offices] == [
        "chairman",
        "vice-chairman",
        "secretary-general",
    ]
    assert offices[0][2].office == "chairman"
    assert offices[1][2] is None
    assert term.label == "ASSA 38, 2021-2022"


def test_one_holder_per_office_per_term():
    term = TermFactory()
    OfficeHolderFactory(term=term, office="chairman")
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficeHolderFactory(term=term, office="chairman")
