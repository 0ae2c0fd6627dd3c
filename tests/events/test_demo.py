import pytest

from documents.models import Presentation
from events.models import Event, OfficeHolder, Term

pytestmark = pytest.mark.django_db


def test_demo_has_the_three_meetings_their_programmes_and_the_terms(client, demo):
    assert Event.objects.filter(kind="assa-board-meeting").count() == 3
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
    assert list(Term.objects.values_list("number", flat=True)) == [39, 38, 37]
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
