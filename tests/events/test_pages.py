import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from tests.factories import (
    ArticleFactory,
    EventFactory,
    MemberInstitutionFactory,
    OfficeHolderFactory,
    PresentationFactory,
    SecretariatUserFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"events:{name}", kwargs=kwargs or None)


def detail_url(event, language="en"):
    return url("detail", language, kind=event.kind, slug=event.slug)


# ---- the event list ----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "km"])
def test_event_list_in_both_languages(client, meeting_37, language):
    response = client.get(url("list", language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    if language == "en":
        assert "37th ASSA Board Meeting" in html
        assert "9 December 2020" in html
    else:
        assert "កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៣៧" in html
        assert "កម្ពុជា ២០២០" in html
        assert "៩ ខែ ធ្នូ ឆ្នាំ ២០២០" in html
    assert detail_url(meeting_37, language) in html


def test_event_list_urls_are_the_designed_ones():
    assert url("list") == "/en/events/"
    assert url("kind", kind="assa-board-meeting") == "/en/events/assa-board-meeting/"
    assert url("calendar", "km") == "/km/events/calendar.ics"
    assert url("chairmanship") == "/en/chairmanship/"
    assert (
        url("detail", kind="assa-board-meeting", slug="cambodia-2020")
        == "/en/events/assa-board-meeting/cambodia-2020/"
    )


def test_upcoming_events_come_first_then_past_latest_first(client, today):
    past = EventFactory(title_en="Past", starts_on=today - datetime.timedelta(days=30))
    older = EventFactory(title_en="Older", starts_on=today - datetime.timedelta(days=300))
    later = EventFactory(title_en="Later", starts_on=today + datetime.timedelta(days=60))
    soon = EventFactory(title_en="Soon", starts_on=today + datetime.timedelta(days=3))
    events = list(client.get(url("list")).context["events"])
    assert events == [soon, later, past, older]


def test_unpublished_events_are_absent_from_lists(client, meeting_37):
    EventFactory(title_en="Secret draft", number=99, is_published=False)
    for address in (url("list"), url("kind", kind="assa-board-meeting"), url("list", "km")):
        html = client.get(address).content.decode()
        assert "Secret draft" not in html
        assert "99th" not in html
        assert "Cambodia 2020" in html or "កម្ពុជា ២០២០" in html


def test_kind_page_shows_only_that_kind(client, meeting_37):
    EventFactory(kind="forum", number=None, title_en="Regional forum", slug="forum-2023")
    response = client.get(url("kind", kind="forum"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Regional forum" in html
    assert "Cambodia 2020" not in html
    # The kind is chosen by the address, so its filter is not offered again.
    assert 'name="kind"' not in html


def test_unknown_kind_is_404(client):
    assert client.get("/en/events/not-a-kind/").status_code == 404


def test_filter_by_kind_year_host_and_country(client, meeting_37, nssf):
    epf = MemberInstitutionFactory(slug="epf-malaysia", acronym="EPF", country="MY")
    forum = EventFactory(
        kind="forum",
        number=None,
        title_en="Kuala Lumpur forum",
        slug="kl-2021",
        host=epf,
        country="MY",
        starts_on=datetime.date(2021, 5, 1),
    )

    def titles(query):
        return {str(e) for e in client.get(url("list"), query).context["events"]}

    assert titles({"kind": "forum"}) == {str(forum)}
    assert titles({"year": "2020"}) == {str(meeting_37)}
    assert titles({"host": "epf-malaysia"}) == {str(forum)}
    assert titles({"country": "KH"}) == {str(meeting_37)}
    assert titles({"country": "KH", "year": "2021"}) == set()
    # The year choices are the years that have published events.
    form = client.get(url("list")).context["filter"].form
    assert [value for value, _ in form.fields["year"].choices if value] == [2021, 2020]


def test_filtered_empty_result_says_so(client, meeting_37):
    response = client.get(url("list"), {"country": "TH"})
    assert "No event matches these filters." in response.content.decode()


def test_list_is_paginated_and_pages_keep_the_filters(client):
    EventFactory.create_batch(15, country="KH")
    response = client.get(url("list"), {"country": "KH"})
    assert len(response.context["events"]) == 12
    assert "country=KH&amp;page=2" in response.content.decode()
    second = client.get(url("list"), {"country": "KH", "page": 2})
    assert len(second.context["events"]) == 3


# ---- the event page ----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "km"])
def test_event_page_in_both_languages(client, meeting_37, language):
    response = client.get(detail_url(meeting_37, language))
    assert response.status_code == 200
    html = response.content.decode()
    if language == "en":
        assert "<h1>37th ASSA Board Meeting</h1>" in html
        assert "9 December 2020" in html
        assert "Virtual" in html
        assert "National Social Security Fund" in html
        assert "Delegates of the member institutions met online." in html
    else:
        assert "<h1>កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៣៧</h1>" in html
        assert "៩ ខែ ធ្នូ ឆ្នាំ ២០២០" in html
        assert "បេឡាជាតិរបបសន្តិសុខសង្គម" in html
        assert "ប្រតិភូនៃស្ថាប័នសមាជិកបានជួបប្រជុំតាមប្រព័ន្ធអនឡាញ។" in html


def test_unpublished_event_is_404_for_the_public(client):
    draft = EventFactory(is_published=False)
    assert client.get(detail_url(draft)).status_code == 404
    assert client.get(detail_url(draft, "km")).status_code == 404


def test_staff_can_preview_an_unpublished_event(client):
    draft = EventFactory(is_published=False, title_en="Draft meeting")
    client.force_login(SecretariatUserFactory())
    response = client.get(detail_url(draft))
    assert response.status_code == 200
    assert "not published" in response.content.decode()


def test_event_of_another_kind_is_404(client, meeting_37):
    assert client.get(f"/en/events/forum/{meeting_37.slug}/").status_code == 404


def test_programme_is_grouped_by_category_in_order(client, meeting_37):
    vss = MemberInstitutionFactory(slug="vss-vietnam", acronym="VSS", name_en="Vietnam SS")
    PresentationFactory(
        event=meeting_37, category="good-practice", title_en="Paper of VSS", institution=vss
    )
    PresentationFactory(
        event=meeting_37,
        category="speaker",
        title_en="Covid-19 and coverage",
        speaker_name="Jens Schremmer",
        speaker_role_en="Head of Office of the Secretary-General, ISSA",
    )
    PresentationFactory(
        event=meeting_37, category="chairman-message", title_en="Message from the Chairman"
    )
    response = client.get(detail_url(meeting_37))
    html = response.content.decode()
    sections = [section["category"] for section in response.context["programme"]]
    assert sections == ["chairman-message", "speaker", "good-practice"]
    assert html.index("Message from the Chairman") < html.index("Covid-19 and coverage")
    assert html.index("Covid-19 and coverage") < html.index("Paper of VSS")
    assert "Guest speakers" in html
    assert "by Jens Schremmer" in html
    assert "Head of Office of the Secretary-General, ISSA" in html
    assert "Vietnam SS" in html


def test_planned_event_reads_as_planned(client, today):
    planned = EventFactory(
        number=39,
        status="planned",
        city_en="Vientiane",
        country="LA",
        format="in-person",
        starts_on=datetime.date(2022, 9, 21),
        ends_on=datetime.date(2022, 9, 22),
        status_note_en="It may be held online instead.",
    )
    html = client.get(detail_url(planned)).content.decode()
    assert '<span class="badge badge-planned">Planned</span>' in html
    assert "Held" not in html
    assert "Planned for" in html
    assert "21–22 September 2022" in strip_tags(html)
    assert "It may be held online instead." in html
    assert "Vientiane, Lao PDR" in html
    km = client.get(detail_url(planned, "km")).content.decode()
    assert "២១–២២ ខែ កញ្ញា ឆ្នាំ ២០២២" in strip_tags(km)
    assert "គ្រោងនឹងធ្វើ" in km


def test_presentation_links_its_page_and_its_file_with_type_and_size_only_when_published(
    client, meeting_37, make_document
):
    published = make_document(title_en="Published paper")
    submitted = make_document(title_en="Pending paper", status="submitted")
    PresentationFactory(event=meeting_37, title_en="With published file", document=published)
    PresentationFactory(event=meeting_37, title_en="With pending file", document=submitted)
    html = client.get(detail_url(meeting_37)).content.decode()
    item = html[html.index("With published file") - 200 :]
    item = item[: item.index("</li>")]
    assert f'href="{published.get_absolute_url()}"' in item
    assert f'href="{published.get_download_url()}"' in item
    assert "PDF, 1.2\xa0MB" in item
    assert "12 pages" in item
    assert "Download" in item
    pending = html[html.index("With pending file") :]
    pending = pending[: pending.index("</li>")]
    assert "Download" not in pending
    assert "<a" not in pending
    assert submitted.get_download_url() not in html


def test_minutes_and_where_they_were_approved(client, meeting_37):
    meeting_38 = EventFactory(number=38, starts_on=datetime.date(2021, 11, 26))
    meeting_37.minutes_approved_at = meeting_38
    meeting_37.save()
    PresentationFactory(event=meeting_37, category="minutes", title_en="Minutes of the 37th")
    html = client.get(detail_url(meeting_37)).content.decode()
    assert "Minutes of the 37th" in html
    assert "The minutes of this meeting were approved at:" in html
    assert detail_url(meeting_38) in html
    # Minutes are not part of the programme.
    assert "Programme" not in html
    other = client.get(detail_url(meeting_38)).content.decode()
    assert "This meeting approved the minutes of:" in other
    assert detail_url(meeting_37) in other


def test_approval_at_an_unpublished_meeting_is_not_shown(client, meeting_37):
    meeting_37.minutes_approved_at = EventFactory(number=38, is_published=False)
    meeting_37.save()
    html = client.get(detail_url(meeting_37)).content.decode()
    assert "were approved at" not in html


def test_handover_at_this_meeting_lists_the_term_and_office_holders(client):
    meeting_38 = EventFactory(number=38, starts_on=datetime.date(2021, 11, 26))
    bpjs = MemberInstitutionFactory(
        slug="bpjs-ketenagakerjaan", name_en="BPJS Ketenagakerjaan", acronym="BPJS TK"
    )
    lsso = MemberInstitutionFactory(slug="lsso-laos", name_en="Lao SSO", acronym="LSSO")
    term = TermFactory(number=38, starts_year=2021, ends_year=2022, handover_event=meeting_38)
    OfficeHolderFactory(
        term=term,
        office="chairman",
        institution=bpjs,
        person_name="Anggoro Eko Cahyo",
        person_title_en="General Director",
    )
    OfficeHolderFactory(term=term, office="vice-chairman", institution=lsso)
    html = client.get(detail_url(meeting_38)).content.decode()
    assert "Chairmanship handed over at this meeting" in html
    assert "ASSA 38" in html
    assert "Anggoro Eko Cahyo, General Director" in html
    assert html.index("BPJS Ketenagakerjaan") < html.index("Lao SSO")
    # The Secretary General is not known: the office is left out, not "Not recorded".
    assert "Secretary General" not in html
    assert "Not recorded" not in html


def test_previous_and_next_meetings_are_published_ones_of_the_same_kind(client, meeting_37):
    EventFactory(number=36, starts_on=datetime.date(2019, 11, 1), slug="draft-36")
    EventFactory(number=35, starts_on=datetime.date(2019, 12, 1), slug="hidden", is_published=False)
    later = EventFactory(number=38, starts_on=datetime.date(2021, 11, 26), slug="indonesia-2021")
    EventFactory(kind="forum", number=None, starts_on=datetime.date(2021, 1, 1), slug="forum")
    response = client.get(detail_url(meeting_37))
    assert response.context["previous_event"].number == 36
    assert response.context["next_event"] == later


def test_related_news_block_is_empty_without_news(client, meeting_37):
    response = client.get(detail_url(meeting_37))
    assert response.context["related_articles"] == [] or all(
        a.related_event_id == meeting_37.pk for a in response.context["related_articles"]
    )


# ---- chairmanship ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "km"])
def test_chairmanship_page_lists_every_term_newest_first(client, language):
    meeting_38 = EventFactory(number=38, starts_on=datetime.date(2021, 11, 26))
    for number in (37, 38, 39):
        term = TermFactory(
            number=number,
            starts_year=1983 + number,
            ends_year=1984 + number,
            handover_event=meeting_38 if number == 38 else None,
        )
        OfficeHolderFactory(term=term, office="chairman")
    response = client.get(url("chairmanship", language))
    assert response.status_code == 200
    html = response.content.decode()
    assert [t.number for t in response.context["terms"]] == [39, 38, 37]
    if language == "en":
        assert html.index("ASSA 39") < html.index("ASSA 38") < html.index("ASSA 37")
        assert "2021–2022" in strip_tags(html)
        assert "Handed over at" in html
        assert "Vice Chairman" in html and "Secretary General" in html
    else:
        assert "ASSA ៣៨" in html
        assert "២០២១–២០២២" in strip_tags(html)
        assert "អនុប្រធាន" in html
    assert detail_url(meeting_38, language) in html


def test_chairmanship_hides_an_unpublished_handover_meeting(client):
    draft = EventFactory(number=40, is_published=False)
    TermFactory(number=40, handover_event=draft)
    html = client.get(url("chairmanship")).content.decode()
    assert detail_url(draft) not in html


# ---- query budgets -----------------------------------------------------------------------


def _populate(size: int) -> dict:
    """Published board meetings with programmes, related news, terms and office holders,
    `size` times over."""
    events = []
    for index in range(size):
        host = MemberInstitutionFactory()
        event = EventFactory(
            host=host, starts_on=datetime.date(2000, 1, 1) + datetime.timedelta(days=30 * index)
        )
        for _ in range(size):
            PresentationFactory(event=event, institution=host)
            ArticleFactory(related_event=event)
        PresentationFactory(event=event, category="speaker", speaker_name="A speaker")
        term = TermFactory(handover_event=event)
        for office in ("chairman", "vice-chairman", "secretary-general"):
            OfficeHolderFactory(term=term, office=office)
        events.append(event)
    for index in range(1, size):
        events[index - 1].minutes_approved_at = events[index]
        events[index - 1].save()
    return {"event": events[len(events) // 2]}


def _count(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "address",
    [
        lambda data: url("list"),
        lambda data: url("list", "km") + "?kind=assa-board-meeting&country=KH&year=2000",
        lambda data: url("kind", kind="assa-board-meeting"),
        lambda data: detail_url(data["event"]),
        lambda data: detail_url(data["event"], "km"),
        lambda data: url("chairmanship"),
        lambda data: url("calendar"),
    ],
    ids=["list", "list-filtered", "kind", "detail", "detail-km", "chairmanship", "calendar"],
)
def test_query_count_is_fixed_whatever_the_data_size(client, django_assert_num_queries, address):
    small = _count(client, address(_populate(2)))
    assert small <= 10
    large_data = _populate(8)
    with django_assert_num_queries(small):
        client.get(address(large_data))


# ---- what the event page keeps between requests (the page cache off) ------------------


def test_the_event_page_reads_the_database_once_until_content_changes(
    client, django_assert_num_queries
):
    event = EventFactory(title_en="Board meeting in Hanoi", title_km="កិច្ចប្រជុំនៅហាណូយ")
    PresentationFactory(event=event, category="speaker", title_en="Ageing societies")
    first = client.get(detail_url(event)).content.decode()
    assert "Ageing societies" in first
    with django_assert_num_queries(0):
        again = client.get(detail_url(event)).content.decode()
    assert again == first
    # The kept event is the same in both languages: each page shows its own.
    assert "កិច្ចប្រជុំនៅហាណូយ" in client.get(detail_url(event, "km")).content.decode()
    assert "Board meeting in Hanoi" in client.get(detail_url(event)).content.decode()


def test_a_change_to_what_the_event_page_shows_appears_on_the_next_request(client):
    event = EventFactory(title_en="Board meeting in Manila")
    client.get(detail_url(event))
    PresentationFactory(event=event, category="report", title_en="Coverage report 2024")
    assert "Coverage report 2024" in client.get(detail_url(event)).content.decode()
    ArticleFactory(title_en="Delegates arrive in Manila", related_event=event)
    assert "Delegates arrive in Manila" in client.get(detail_url(event)).content.decode()
    event.is_published = False
    event.save()
    assert client.get(detail_url(event)).status_code == 404


def test_a_missing_event_page_is_not_kept(client):
    from core import caching

    caching.forget_local()
    for number in range(5):
        assert client.get(f"/en/events/assa-board-meeting/made-up-{number}/").status_code == 404
    assert not [key for key in caching._local if key.startswith("data:event-page")]
