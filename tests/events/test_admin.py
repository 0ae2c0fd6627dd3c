import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from events.models import Event, Term
from tests.factories import EventFactory, MemberInstitutionFactory

pytestmark = pytest.mark.django_db


def event_data(**overrides) -> dict:
    data = {
        "kind": "assa-board-meeting",
        "number": "37",
        "title_en": "Cambodia 2020",
        "title_km": "កម្ពុជា ២០២០",
        "slug": "cambodia-2020",
        "is_published": "on",
        "starts_on": "2020-12-09",
        "ends_on": "",
        "format": "virtual",
        "host": "",
        "country": "KH",
        "city_en": "",
        "city_km": "",
        "status": "held",
        "status_note_en": "",
        "status_note_km": "",
        "summary_en": "",
        "summary_km": "",
        "body_en": "<p>Hello<script>alert(1)</script></p>",
        "body_km": "",
        "minutes_approved_at": "",
        "legacy_permalink": "",
        "presentations-TOTAL_FORMS": "0",
        "presentations-INITIAL_FORMS": "0",
        "presentations-MIN_NUM_FORMS": "0",
        "presentations-MAX_NUM_FORMS": "1000",
    }
    return data | overrides


ADD_URL = reverse("admin:events_event_add")


def test_admin_adds_a_board_meeting_with_a_presentation(admin_client):
    data = event_data(
        **{
            "presentations-TOTAL_FORMS": "1",
            "presentations-0-category": "speaker",
            "presentations-0-order": "1",
            "presentations-0-title_en": "Covid-19 and coverage",
            "presentations-0-title_km": "",
            "presentations-0-speaker_name": "Jens Schremmer",
            "presentations-0-speaker_role_en": "ISSA",
            "presentations-0-speaker_role_km": "",
            "presentations-0-institution": "",
            "presentations-0-document": "",
        }
    )
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="cambodia-2020")
    assert event.number == 37
    assert event.presentations.get().speaker_name == "Jens Schremmer"
    assert "<script>" not in event.body_en


def test_admin_requires_a_number_for_a_board_meeting(admin_client):
    response = admin_client.post(ADD_URL, event_data(number=""))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["number"] == [
        "A board meeting needs its number, e.g. 37 for the 37th ASSA Board Meeting."
    ]
    assert not Event.objects.exists()


def test_admin_refuses_a_number_already_used_by_the_kind(admin_client):
    EventFactory(number=37, slug="other", title_en="First", starts_on=datetime.date(2020, 1, 2))
    response = admin_client.post(ADD_URL, event_data())
    assert response.status_code == 200
    (message,) = response.context["adminform"].form.errors["number"]
    assert "There is already a 37th ASSA Board Meeting: “First” (2020-01-02)." in message
    assert Event.objects.count() == 1


def test_admin_lets_another_kind_reuse_a_number_and_go_without_one(admin_client):
    EventFactory(number=37, slug="board")
    response = admin_client.post(ADD_URL, event_data(kind="forum", number="", slug="forum-2020"))
    assert response.status_code == 302
    response = admin_client.post(ADD_URL, event_data(kind="forum", number="37", slug="forum-b"))
    assert response.status_code == 302


def test_admin_editing_keeps_its_own_number(admin_client):
    event = EventFactory(number=37, slug="cambodia-2020")
    change = reverse("admin:events_event_change", args=[event.pk])
    response = admin_client.post(change, event_data(title_en="Cambodia 2020, edited"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_en == "Cambodia 2020, edited"


def test_admin_refuses_an_end_before_the_start(admin_client):
    response = admin_client.post(ADD_URL, event_data(ends_on="2020-12-01"))
    assert "ends_on" in response.context["adminform"].form.errors


def test_admin_changelist_filters_and_search(admin_client):
    EventFactory(number=37, title_en="Cambodia 2020", starts_on=datetime.date(2020, 12, 9))
    EventFactory(number=38, title_en="Indonesia 2021", starts_on=datetime.date(2021, 11, 26))
    changelist = reverse("admin:events_event_changelist")
    for query, expected in [
        ({"year": "2021"}, ["Indonesia 2021"]),
        ({"kind__exact": "assa-board-meeting", "status__exact": "held"}, None),
        ({"q": "Cambodia"}, ["Cambodia 2020"]),
    ]:
        response = admin_client.get(changelist, query)
        assert response.status_code == 200
        titles = [event.title for event in response.context["cl"].result_list]
        if expected is not None:
            assert titles == expected
    # "View on site" goes to the public page.
    event = Event.objects.get(number=37)
    change = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))
    content_type = ContentType.objects.get_for_model(Event)
    view_on_site = reverse("admin:view_on_site", args=[content_type.pk, event.pk])
    assert view_on_site in change.content.decode()
    assert admin_client.get(view_on_site)["Location"].endswith(event.get_absolute_url())


def test_admin_term_with_office_holders_inline(admin_client):
    bpjs = MemberInstitutionFactory(acronym="BPJS")
    lsso = MemberInstitutionFactory(acronym="LSSO")
    data = {
        "number": "38",
        "starts_year": "2021",
        "ends_year": "2022",
        "handover_event": "",
        "office_holders-TOTAL_FORMS": "2",
        "office_holders-INITIAL_FORMS": "0",
        "office_holders-MIN_NUM_FORMS": "0",
        "office_holders-MAX_NUM_FORMS": "3",
        "office_holders-0-office": "chairman",
        "office_holders-0-institution": str(bpjs.pk),
        "office_holders-0-person_name": "Anggoro Eko Cahyo",
        "office_holders-0-person_title_en": "General Director",
        "office_holders-0-person_title_km": "អគ្គនាយក",
        "office_holders-1-office": "chairman",
        "office_holders-1-institution": str(lsso.pk),
        "office_holders-1-person_name": "",
        "office_holders-1-person_title_en": "",
        "office_holders-1-person_title_km": "",
    }
    add = reverse("admin:events_term_add")
    # Two chairmen in one term are refused.
    response = admin_client.post(add, data)
    assert response.status_code == 200
    assert not Term.objects.exists()
    data["office_holders-1-office"] = "vice-chairman"
    response = admin_client.post(add, data)
    assert response.status_code == 302
    term = Term.objects.get()
    assert {h.office for h in term.office_holders.all()} == {"chairman", "vice-chairman"}
