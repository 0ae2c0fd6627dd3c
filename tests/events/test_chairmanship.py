"""The current chairmanship follows the calendar: a term takes office at its handover
meeting (or on 1 January of its first year when it has none) and stays until the next one
does. A term recorded ahead of its meeting is "incoming, from <date>" until then."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import strip_tags

from events.models import Term
from pages.views import current_secretary_general
from tests.factories import EventFactory, MemberInstitutionFactory, OfficeHolderFactory, TermFactory

pytestmark = pytest.mark.django_db

HANDOVER = datetime.date(2027, 3, 4)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def terms():
    """ASSA 39 in office (no meeting recorded, from 2026), ASSA 40 handed over on HANDOVER."""
    meeting = EventFactory(number=40, starts_on=HANDOVER, ends_on=HANDOVER + DAY, status="planned")
    return {
        39: TermFactory(number=39, starts_year=2026, ends_year=2027),
        40: TermFactory(number=40, starts_year=2027, ends_year=2028, handover_event=meeting),
    }


@pytest.mark.parametrize(
    ("today", "current", "incoming"),
    [
        (datetime.date(2025, 12, 31), None, 39),  # before ASSA 39's first year
        (datetime.date(2026, 1, 1), 39, 40),  # ASSA 39 from 1 January of its first year
        (HANDOVER - DAY, 39, 40),  # the day before the handover meeting
        (HANDOVER, 40, None),  # the meeting's first day
        (HANDOVER + DAY, 40, None),  # during and after it
        (datetime.date(2031, 1, 1), 40, None),  # until a next term is recorded
    ],
)
def test_current_and_incoming_terms_by_date(terms, today, current, incoming):
    found = Term.objects.current(today)
    assert (found.number if found else None) == current
    upcoming = Term.objects.incoming(today)
    assert (upcoming.number if upcoming else None) == incoming
    both = list(Term.objects.current_and_incoming(today).select_related("handover_event"))
    assert [t.number for t in both] == [n for n in (current, incoming) if n]
    assert [t.has_started(today) for t in both] == [n == current for n in (current, incoming) if n]


def test_saving_a_future_term_does_not_make_it_current():
    today = timezone.localdate()
    TermFactory(number=39, starts_year=today.year - 1, ends_year=today.year)
    assert Term.objects.current().number == 39
    meeting = EventFactory(number=40, starts_on=today + 90 * DAY, status="planned")
    TermFactory(number=40, starts_year=today.year, ends_year=today.year + 1, handover_event=meeting)
    assert Term.objects.current().number == 39
    assert Term.objects.incoming().number == 40


def test_a_term_starts_on_its_handover_meeting_else_on_1_january(terms):
    assert terms[40].starts_on == HANDOVER
    assert terms[39].starts_on == datetime.date(2026, 1, 1)


def test_the_term_query_is_one_query_with_its_office_holders(terms):
    OfficeHolderFactory(term=terms[39], office="chairman")
    OfficeHolderFactory(term=terms[40], office="chairman")
    with CaptureQueriesContext(connection) as queries:
        found = list(
            Term.objects.current_and_incoming(HANDOVER - DAY)
            .select_related("handover_event")
            .prefetch_related("office_holders")
        )
        assert [len(term.office_holders.all()) for term in found] == [1, 1]
    assert len(queries) == 2


# ---- the pages ----------------------------------------------------------------------------


@pytest.fixture
def handover_ahead():
    """ASSA 39 in office; ASSA 40 saved already, handed over at a meeting in 30 days."""
    today = timezone.localdate()
    lsso = MemberInstitutionFactory(slug="lsso", acronym="LSSO", name_en="Lao Social Security")
    epf = MemberInstitutionFactory(slug="epf", acronym="EPF", name_en="Employees Provident Fund")
    current = TermFactory(number=39, starts_year=today.year - 1, ends_year=today.year)
    OfficeHolderFactory(term=current, office="chairman", institution=lsso)
    meeting = EventFactory(number=40, starts_on=today + 30 * DAY, status="planned")
    incoming = TermFactory(
        number=40, starts_year=today.year, ends_year=today.year + 1, handover_event=meeting
    )
    OfficeHolderFactory(term=incoming, office="chairman", institution=epf)
    return {"current": current, "incoming": incoming, "meeting": meeting}


def test_home_shows_the_current_term_and_the_incoming_one_from_its_date(client, handover_ahead):
    html = client.get("/en/").content.decode()
    section = strip_tags(html[html.index('class="home-section home-chairmanship"') :])
    section = " ".join(section.split())
    assert "Current chairmanship" in section
    assert section.index("ASSA 39") < section.index("ASSA 40")
    when = handover_ahead["meeting"].starts_on
    assert f"Incoming term, from {when.day} {when:%B %Y}" in section
    assert section.index("Lao Social Security") < section.index("Incoming term")
    assert section.index("Employees Provident Fund") > section.index("Incoming term")


def test_home_in_khmer_says_from_in_khmer(client, handover_ahead):
    html = client.get("/km/").content.decode()
    assert "អាណត្តិថ្មី ចាប់ពី" in html
    assert "ASSA ៤០" in html


def test_home_leaves_out_roles_not_recorded(client, handover_ahead):
    html = client.get("/en/").content.decode()
    section = html[html.index('class="home-section home-chairmanship"') :]
    section = section[: section.index("</section>")]
    assert "Chairman" in section
    assert "Vice Chairman" not in section and "Secretary General" not in section
    assert "Not recorded" not in section and "not recorded" not in section


def test_home_without_a_current_term_shows_the_incoming_one(client):
    meeting = EventFactory(number=40, starts_on=timezone.localdate() + 10 * DAY, status="planned")
    TermFactory(number=40, starts_year=2099, ends_year=2100, handover_event=meeting)
    html = client.get("/en/").content.decode()
    assert "Current chairmanship" not in html
    assert "Incoming term, from" in html


def test_the_handover_day_makes_the_term_current_on_the_home_page(client, handover_ahead):
    meeting = handover_ahead["meeting"]
    meeting.starts_on = timezone.localdate()
    meeting.save()
    html = client.get("/en/").content.decode()
    section = strip_tags(html[html.index('class="home-section home-chairmanship"') :])
    assert "ASSA 40" in section and "ASSA 39" not in section
    assert "Incoming term" not in section


def test_chairmanship_page_marks_the_current_and_the_incoming_term(client, handover_ahead):
    response = client.get("/en/chairmanship/")
    states = {term.number: term.state for term in response.context["terms"]}
    assert states == {40: "incoming", 39: "current"}
    html = response.content.decode()
    assert 'class="card term-card term-incoming" id="term-40"' in html
    assert 'class="card term-card term-current" id="term-39"' in html
    assert "Current term" in html and "Incoming term, from" in html
    khmer = client.get("/km/chairmanship/").content.decode()
    assert "អាណត្តិបច្ចុប្បន្ន" in khmer and "អាណត្តិថ្មី ចាប់ពី" in khmer


def test_the_contact_details_name_the_secretary_general_in_office(handover_ahead):
    OfficeHolderFactory(term=handover_ahead["current"], office="secretary-general")
    OfficeHolderFactory(term=handover_ahead["incoming"], office="secretary-general")
    holder = current_secretary_general()
    assert holder.term == handover_ahead["current"]
