"""Board meetings are named by their number; their title is only a subtitle.

"40th ASSA Board Meeting" (Khmer "កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៤០") is made from the
number everywhere the event is named: its page (heading, <title>, breadcrumbs), cards,
search results, the calendar feed, emails and the admin. The title ("Philippines 2027") is
optional; one that repeats the heading is cut back to what follows it.
"""

import datetime
import re

import pytest
from django.contrib.admin.sites import site as admin_site
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from icalendar import Calendar

from events.models import Event, strip_repeated_heading
from tests.events.test_admin import ADD_URL, event_data
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

KHMER_40 = "កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៤០"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("40th ASSA Board Meeting", ""),
        ("40th assa board meeting", ""),
        ("The 40th Board Meeting", ""),
        ("40 ASSA Board Meeting", ""),
        ("40th ASSA Board Meeting: Philippines 2027", "Philippines 2027"),
        ("40th ASSA Board Meeting - Philippines 2027", "Philippines 2027"),
        ("40th ASSA Board Meeting, Manila", "Manila"),
        ("40th ASSA Board Meeting (Philippines 2027)", "Philippines 2027"),
        (KHMER_40, ""),
        (f"{KHMER_40} ហ្វីលីពីន ២០២៧", "ហ្វីលីពីន ២០២៧"),
        (f"{KHMER_40}៖ ហ្វីលីពីន", "ហ្វីលីពីន"),
        ("កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី40", ""),
        # Not a repeated heading: left alone.
        ("Philippines 2027", "Philippines 2027"),
        ("41st ASSA Board Meeting", "41st ASSA Board Meeting"),
        ("40th ASSA Board Meeting and Forum", "40th ASSA Board Meeting and Forum"),
        ("កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៤០០", "កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៤០០"),
        ("", ""),
    ],
)
def test_strip_repeated_heading(title, expected):
    assert strip_repeated_heading(40, title) == expected


def test_a_title_repeating_the_heading_is_cut_on_save_in_both_languages():
    event = EventFactory(number=40, title_en="40th ASSA Board Meeting", title_km=KHMER_40)
    event.refresh_from_db()
    assert (event.title_en, event.title_km) == ("", "")
    assert event.heading == "40th ASSA Board Meeting"
    assert event.subtitle == ""
    assert str(event) == "40th ASSA Board Meeting"
    with translation.override("km"):
        assert event.heading == KHMER_40
        assert str(event) == KHMER_40


def test_other_kinds_keep_their_title_whatever_it_says():
    forum = EventFactory(kind="forum", number=40, title_en="40th ASSA Board Meeting")
    forum.refresh_from_db()
    assert forum.title_en == "40th ASSA Board Meeting"
    assert forum.heading == "40th ASSA Board Meeting"
    assert forum.subtitle == ""


def test_heading_subtitle_and_str_with_a_subtitle():
    event = EventFactory(number=40, title_en="Philippines 2027", title_km="ហ្វីលីពីន ២០២៧")
    assert (event.heading, event.subtitle) == ("40th ASSA Board Meeting", "Philippines 2027")
    assert str(event) == "40th ASSA Board Meeting: Philippines 2027"
    with translation.override("km"):
        assert str(event) == f"{KHMER_40}៖ ហ្វីលីពីន ២០២៧"


def test_the_event_page_names_the_meeting_by_its_number(client):
    event = EventFactory(number=40, title_en="40th ASSA Board Meeting", slug="philippines-2027")
    for language, name in (("en", "40th ASSA Board Meeting"), ("km", KHMER_40)):
        response = client.get(f"/{language}/events/assa-board-meeting/philippines-2027/")
        html = response.content.decode()
        assert re.search(r"<title>\s*" + re.escape(name), html)
        assert re.search(r"<h1>" + re.escape(name) + "</h1>", html)
        assert f'<li aria-current="page">{name}</li>' in html
        assert f'content="{name}' in html  # the sharing tags
        # No subtitle, and the heading only once in the page's header.
        assert 'class="event-subtitle"' not in html
        header = html[html.index('<header class="event-header">') :]
        header = header[: header.index("</header>")]
        assert strip_tags(header).count(name) == 1
    with translation.override("en"):
        assert event.get_absolute_url() == "/en/events/assa-board-meeting/philippines-2027/"


def test_the_subtitle_follows_the_heading_on_the_page_and_in_lists(client):
    EventFactory(number=40, title_en="Philippines 2027", title_km="ហ្វីលីពីន ២០២៧", slug="ph")
    html = client.get("/km/events/assa-board-meeting/ph/").content.decode()
    assert f"<h1>{KHMER_40}</h1>" in html
    assert '<p class="event-subtitle">ហ្វីលីពីន ២០២៧</p>' in html
    listing = client.get("/en/events/").content.decode()
    assert "40th ASSA Board Meeting</a>" in listing
    assert '<p class="event-card-subtitle">Philippines 2027</p>' in listing


def test_a_subtitle_shown_in_the_other_language_is_marked(client):
    EventFactory(number=40, title_en="", title_km="ហ្វីលីពីន ២០២៧", slug="ph")
    html = client.get("/en/events/assa-board-meeting/ph/").content.decode()
    assert '<p class="event-subtitle"><span lang="km">ហ្វីលីពីន ២០២៧</span></p>' in html


def test_the_calendar_feed_names_the_meeting_by_its_number(client):
    EventFactory(number=40, title_en="40th ASSA Board Meeting")
    EventFactory(number=41, title_en="Thailand 2028")
    calendar = Calendar.from_ical(client.get("/en/events/calendar.ics").content)
    summaries = sorted(str(item["summary"]) for item in calendar.walk("VEVENT"))
    assert summaries == [
        "40th ASSA Board Meeting",
        "41st ASSA Board Meeting: Thailand 2028",
    ]


def test_the_search_index_and_results_name_the_meeting_by_its_number(client):
    EventFactory(number=40, title_en="40th ASSA Board Meeting", summary_en="Pensions in Manila.")
    html = client.get("/en/search/?q=manila").content.decode()
    assert "40th ASSA Board Meeting</a></h2>" in html
    assert 'class="search-subtitle"' not in html
    khmer = client.get("/km/search/?q=លើកទី៤០").content.decode()
    assert f"{KHMER_40}</a></h2>" in khmer.replace("<mark>", "").replace("</mark>", "")


def test_emails_and_the_admin_use_the_built_name(admin_client):
    event = EventFactory(number=40, title_en="40th ASSA Board Meeting: Philippines 2027")
    assert str(event) == "40th ASSA Board Meeting: Philippines 2027"
    html = admin_client.get(reverse("admin:events_event_changelist")).content.decode()
    assert "40th ASSA Board Meeting: Philippines 2027</a>" in html
    answer = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "documents",
            "model_name": "document",
            "field_name": "event",
            "term": "Philippines",
        },
    ).json()
    assert [result["text"] for result in answer["results"]] == [
        "40th ASSA Board Meeting: Philippines 2027"
    ]


# ---- the admin ----------------------------------------------------------------------------


def test_admin_labels_the_title_as_a_subtitle_and_shows_the_heading(admin_client):
    event = EventFactory(number=40, title_en="Philippines 2027")
    html = admin_client.get(reverse("admin:events_event_change", args=[event.pk])).content
    html = html.decode()
    assert "Title, or subtitle of a board meeting (English)" in html
    assert '<span lang="en">40th ASSA Board Meeting</span>' in html
    assert f'<span lang="km">{KHMER_40}</span>' in html
    assert not admin_site._registry[Event].prepopulated_fields


def test_admin_cuts_a_typed_heading_and_makes_the_address_from_country_and_year(admin_client):
    data = event_data(
        number="40",
        title_en="40th ASSA Board Meeting",
        title_km="",
        slug="",
        country="PH",
        starts_on="2027-03-04",
    )
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(number=40)
    assert (event.title_en, event.slug) == ("", "philippines-2027")
    assert str(event) == "40th ASSA Board Meeting"


def test_admin_address_suggestion_is_free_and_an_existing_one_is_kept(admin_client):
    EventFactory(number=39, slug="philippines-2027")
    data = event_data(number="40", title_en="Manila", slug="", country="PH", starts_on="2027-09-01")
    assert admin_client.post(ADD_URL, data).status_code == 302
    event = Event.objects.get(number=40)
    assert event.slug == "philippines-2027-2"
    # Editing keeps the address, whatever the title or the date becomes.
    change = reverse("admin:events_event_change", args=[event.pk])
    edited = event_data(
        number="40", title_en="Cebu", slug=event.slug, country="PH", starts_on="2028-01-01"
    )
    assert admin_client.post(change, edited).status_code == 302
    event.refresh_from_db()
    assert (event.title_en, event.slug) == ("Cebu", "philippines-2027-2")


def test_admin_other_events_need_a_title_and_get_their_address_from_it(admin_client):
    data = event_data(kind="forum", number="", title_en="", slug="")
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["title_en"] == [
        "Give the event its title in English."
    ]
    data = event_data(kind="forum", number="", title_en="Regional Forum on Pensions", slug="")
    assert admin_client.post(ADD_URL, data).status_code == 302
    assert Event.objects.get(kind="forum").slug == "regional-forum-on-pensions"


def test_admin_number_clash_names_the_other_meeting(admin_client):
    EventFactory(number=40, title_en="Philippines 2027", starts_on=datetime.date(2027, 3, 4))
    response = admin_client.post(ADD_URL, event_data(number="40", slug="other"))
    assert response.context["adminform"].form.errors["number"] == [
        "There is already a 40th ASSA Board Meeting: “Philippines 2027” (2027-03-04). "
        "Each number is used once per kind of event."
    ]


@pytest.mark.parametrize("term", ["40th", "40", "លើកទី៤០", "40th ASSA Board Meeting"])
def test_admin_search_finds_a_meeting_by_its_number(admin_client, term):
    EventFactory(number=40, title_en="Philippines 2027")
    EventFactory(number=41, title_en="Thailand 2028")
    answer = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": "term", "field_name": "handover_event", "term": term},
    ).json()
    assert [result["text"] for result in answer["results"]] == [
        "40th ASSA Board Meeting: Philippines 2027"
    ]
