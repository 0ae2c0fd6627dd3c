"""The events as an iCalendar (RFC 5545) file that calendar programs subscribe to."""

import datetime

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from core.site import absolute_url
from events.models import Event, EventFormat, EventStatus

# Calendar programs match updates by UID: it must never change for an event, so it is
# built from the primary key (not the slug or title, which editors may correct).
UID_DOMAIN = "events.asean-ssa"

ICAL_STATUS = {
    EventStatus.PLANNED: "TENTATIVE",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.HELD: "CONFIRMED",
    EventStatus.CANCELLED: "CANCELLED",
}


def event_uid(event: Event) -> str:
    return f"assa-event-{event.pk}@{UID_DOMAIN}"


def _text(event: Event, field: str) -> str:
    language = get_language()
    return getattr(event, f"{field}_{language}", "") or getattr(event, f"{field}_en", "") or ""


def event_summary(event: Event) -> str:
    """The event's name: "40th ASSA Board Meeting: Philippines 2027", or its title."""
    return str(event)


def event_location(event: Event) -> str:
    place = [part for part in (_text(event, "city"), event.get_country_display()) if part]
    if event.format == EventFormat.VIRTUAL:
        place = [str(_("Online"))]
    elif event.format == EventFormat.HYBRID:
        place.append(str(_("and online")))
    return ", ".join(place)


def build_calendar(events) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//ASEAN Social Security Association//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", str(_("ASSA events")))
    now = timezone.now()
    for event in events:
        item = CalendarEvent()
        item.add("uid", event_uid(event))
        item.add("summary", event_summary(event))
        # All-day dates; DTEND is the day after the last day (it is exclusive).
        item.add("dtstart", event.starts_on)
        item.add("dtend", event.last_day + datetime.timedelta(days=1))
        item.add("dtstamp", now)
        item.add("last-modified", event.updated_at)
        item.add("url", absolute_url(event.get_absolute_url()))
        item.add("status", ICAL_STATUS.get(event.status, "CONFIRMED"))
        location = event_location(event)
        if location:
            item.add("location", location)
        description = "\n\n".join(
            part for part in (_text(event, "summary"), _text(event, "status_note")) if part
        )
        if description:
            item.add("description", description)
        calendar.add_component(item)
    return calendar.to_ical()
