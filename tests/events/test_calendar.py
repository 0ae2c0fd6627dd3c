import datetime

import pytest
from icalendar import Calendar

from events.feeds import event_uid
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def calendar(client, language="en") -> Calendar:
    response = client.get(f"/{language}/events/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def vevents(cal: Calendar) -> dict:
    return {str(item["UID"]): item for item in cal.walk("VEVENT")}


def test_calendar_parses_and_holds_published_events_only(client, meeting_37):
    planned = EventFactory(
        number=39,
        slug="laos-2022",
        status="planned",
        city_en="Vientiane",
        country="LA",
        format="in-person",
        starts_on=datetime.date(2022, 9, 21),
        ends_on=datetime.date(2022, 9, 22),
    )
    draft = EventFactory(number=40, is_published=False)
    cal = calendar(client)
    assert str(cal["VERSION"]) == "2.0"
    assert cal["PRODID"]
    items = vevents(cal)
    assert set(items) == {event_uid(meeting_37), event_uid(planned)}
    assert event_uid(draft) not in items


def test_calendar_events_are_all_day_with_exclusive_end(client, meeting_37):
    two_days = EventFactory(
        number=39, starts_on=datetime.date(2022, 9, 21), ends_on=datetime.date(2022, 9, 22)
    )
    items = vevents(calendar(client))
    one = items[event_uid(meeting_37)]
    assert one.decoded("DTSTART") == datetime.date(2020, 12, 9)
    assert not isinstance(one.decoded("DTSTART"), datetime.datetime)
    assert one.decoded("DTEND") == datetime.date(2020, 12, 10)
    both = items[event_uid(two_days)]
    assert both.decoded("DTSTART") == datetime.date(2022, 9, 21)
    assert both.decoded("DTEND") == datetime.date(2022, 9, 23)


def test_calendar_event_has_title_url_location_and_status(client, meeting_37):
    planned = EventFactory(
        number=39,
        slug="laos-2022",
        title_en="Lao PDR 2022",
        status="planned",
        city_en="Vientiane",
        country="LA",
        format="in-person",
        starts_on=datetime.date(2022, 9, 21),
    )
    items = vevents(calendar(client))
    item = items[event_uid(meeting_37)]
    assert str(item["SUMMARY"]) == "37th ASSA Board Meeting: Cambodia 2020"
    assert str(item["URL"]) == "http://testserver/en/events/assa-board-meeting/cambodia-2020/"
    assert str(item["LOCATION"]) == "Online"
    assert str(item["STATUS"]) == "CONFIRMED"
    laos = items[event_uid(planned)]
    assert str(laos["LOCATION"]) == "Vientiane, Lao PDR"
    assert str(laos["STATUS"]) == "TENTATIVE"


def test_uids_are_stable_when_an_event_is_edited(client, meeting_37):
    before = set(vevents(calendar(client)))
    meeting_37.title_en = "Cambodia 2020 (corrected)"
    meeting_37.slug = "cambodia-2020-virtual"
    meeting_37.save()
    after = vevents(calendar(client))
    assert set(after) == before
    assert "corrected" in str(after[event_uid(meeting_37)]["SUMMARY"])


def test_khmer_calendar_is_in_khmer(client, meeting_37):
    item = vevents(calendar(client, "km"))[event_uid(meeting_37)]
    assert str(item["SUMMARY"]) == "កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៣៧៖ កម្ពុជា ២០២០"
    assert str(item["URL"]).endswith("/km/events/assa-board-meeting/cambodia-2020/")


def test_calendar_is_not_taken_for_a_kind(client):
    response = client.get("/en/events/calendar.ics")
    assert response.status_code == 200
    assert b"BEGIN:VCALENDAR" in response.content
