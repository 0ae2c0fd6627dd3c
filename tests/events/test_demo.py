import datetime

import pytest
from django.utils import timezone

from documents.forms import event_choices
from documents.models import Presentation
from events.demo import NEXT_MEETING_LEAD, next_board_meeting
from events.models import Event, OfficeHolder, Term
from tests.factories import MemberInstitutionFactory

pytestmark = pytest.mark.django_db


def test_demo_has_the_meetings_their_programmes_and_the_terms(client, demo):
    assert Event.objects.filter(kind="assa-board-meeting").count() == 4
    meeting_37 = Event.objects.get(slug="cambodia-2020")
    categories = list(meeting_37.presentations.values_list("category", flat=True))
    assert categories.count("chairman-message") == 1
    assert categories.count("speaker") == 2
    assert categories.count("good-practice") == 6
    good = meeting_37.presentations.filter(category="good-practice")
    assert {p.institution.slug for p in good} == {
        "nssf-cambodia",
        "epf-malaysia",
        "philhealth",
        "sss-philippines",
        "sso-thailand",
        "vss-vietnam",
    }
    assert meeting_37.minutes_approved_at.slug == "indonesia-2021"
    assert Event.objects.get(slug="laos-2022").status == "planned"
    assert list(Term.objects.values_list("number", flat=True)) == [40, 39, 38, 37]
    assert OfficeHolder.objects.get(term__number=38, office="chairman").person_name == (
        "Anggoro Eko Cahyo"
    )
    # The events demo makes no documents: the documents demo attaches placeholder files.
    assert Presentation.objects.filter(event=meeting_37).count() == 10
    # Every demo page renders in both languages.
    for event in Event.objects.all():
        for language in ("en", "km"):
            address = f"/{language}/events/{event.kind}/{event.slug}/"
            assert client.get(address).status_code == 200
    assert client.get("/km/chairmanship/").status_code == 200


def test_the_demo_has_the_next_board_meeting_ahead_of_the_day_it_is_loaded(client, demo):
    today = timezone.localdate()
    meeting = Event.objects.get(kind="assa-board-meeting", number=40)
    assert (
        today + datetime.timedelta(days=60)
        < meeting.starts_on
        < today + datetime.timedelta(days=120)
    )
    assert (meeting.status, meeting.is_published, meeting.host.slug) == (
        "planned",
        True,
        "epf-malaysia",
    )
    year = meeting.starts_on.year
    assert (meeting.slug, meeting.title_en) == (f"malaysia-{year}", f"Malaysia {year}")
    assert str(meeting) == f"40th ASSA Board Meeting: Malaysia {year}"
    # The home page's next event, the incoming chairmanship and the portal's upload form.
    home = client.get("/en/").content.decode()
    assert "40th ASSA Board Meeting" in home and "Incoming term, from" in home
    assert Term.objects.incoming().handover_event == meeting
    assert Term.objects.current().number == 39
    assert meeting in event_choices()


@pytest.mark.parametrize("days_later", [1, 60, 200, 400])
def test_loading_the_demo_on_another_day_keeps_one_next_meeting_ahead(days_later):
    epf = MemberInstitutionFactory(slug="epf-malaysia")
    first_day = datetime.date(2026, 12, 1)
    first = next_board_meeting(epf, today=first_day)
    assert first.starts_on == first_day + NEXT_MEETING_LEAD
    later_day = first_day + datetime.timedelta(days=days_later)
    again = next_board_meeting(epf, today=later_day)
    assert Event.objects.filter(kind="assa-board-meeting", number=40).count() == 1
    assert again.pk == first.pk
    if first.starts_on > later_day:
        # Still ahead: left where it was, address and all.
        assert (again.starts_on, again.slug) == (first.starts_on, first.slug)
    else:
        # Past: moved ahead of the new day, with its year in its address and subtitle.
        assert again.starts_on == later_day + NEXT_MEETING_LEAD
        assert again.slug == f"malaysia-{again.starts_on.year}"
        assert again.title_en == f"Malaysia {again.starts_on.year}"
