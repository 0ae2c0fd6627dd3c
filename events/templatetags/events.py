"""Template helpers of the events pages: date ranges and links to optional objects."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext

from core.html import esc
from core.templatetags.assa import digits, fallback_notice, ldate, translated

register = template.Library()


@register.simple_tag
def date_range(starts_on, ends_on=None):
    """ "9 December 2020", "21–22 September 2022", "30 November – 2 December 2022".

    Both languages' date formats begin with the day, so a range within one month
    puts the first day in front of the full last date.
    """
    if not ends_on or ends_on == starts_on:
        return mark_safe(f'<time datetime="{starts_on.isoformat()}">{esc(ldate(starts_on))}</time>')
    if (starts_on.year, starts_on.month) == (ends_on.year, ends_on.month):
        first = digits(starts_on.day)
        separator = "–"
    elif starts_on.year == ends_on.year:
        first = ldate(starts_on, "MONTH_DAY_FORMAT")
        separator = " – "
    else:
        first = ldate(starts_on)
        separator = " – "
    return mark_safe(
        f'<time datetime="{starts_on.isoformat()}">{esc(first)}</time>{separator}'
        f'<time datetime="{ends_on.isoformat()}">{esc(ldate(ends_on))}</time>'
    )


@register.simple_tag
def event_heading(event):
    """The event's heading: "40th ASSA Board Meeting" (made from the number) or its title,
    a title in the other language marked with its ``lang``. Nothing for no event."""
    if event is None or event == "":
        return ""
    if event.numbered_name:
        return conditional_escape(event.numbered_name)
    return translated(event, "title")


@register.simple_tag
def event_subtitle(event):
    """A numbered meeting's subtitle ("Philippines 2027"), marked like ``translated``; or ""."""
    if event is None or event == "" or not event.subtitle:
        return ""
    return translated(event, "title")


@register.simple_tag
def event_name(event):
    """The event named in one line: "40th ASSA Board Meeting: Philippines 2027" (the Khmer
    joins them with ៖), the heading alone without a subtitle, else the title."""
    heading = event_heading(event)
    subtitle = event_subtitle(event)
    if not subtitle:
        return heading
    pattern = conditional_escape(pgettext("numbered event and its title", "%(name)s: %(title)s"))
    return mark_safe(pattern % {"name": heading, "title": subtitle})


@register.filter
def url_or_empty(obj) -> str:
    """obj.get_absolute_url(), or "" when there is no object (an optional host, say)."""
    return obj.get_absolute_url() if obj is not None else ""


@register.simple_tag
def term_fallback_notice(term):
    """One notice for a chairmanship card whose names or titles are shown in English."""
    holders = [holder for _office, _name, holder in term.offices if holder]
    return fallback_notice(
        [holder.institution for holder in holders], "name", compact=True
    ) or fallback_notice(holders, "person_title", compact=True)


# ---- An event card and its place, written in Python ----------------------------------
# A list page shows a dozen cards; as template includes they cost some 900 Python calls
# each (each variable, filter and tag is a few dozen), in Python about a tenth of that.
# The HTML is the same as the templates' were, to the byte (tests/events/test_cards.py).


def place(event) -> str:
    """ "In person · Phnom Penh, Cambodia": the format, the city and the country."""
    text = esc(event.get_format_display())
    city = translated(event, "city")  # "" when written in neither language
    if city or event.country:
        text += " · "
        if city:
            text += city
            if event.country:
                text += ", "
        text += esc(event.get_country_display())
    return text


@register.simple_tag
def event_card(event, heading="h3"):
    """One event in a list: ``{% event_card event heading="h2" %}``. Needs event.host selected.

    The kind and status, the name (the numbered name of a board meeting, with its title
    below), the dates, the place and the host.
    """
    status = esc(event.status)
    heading = esc(heading or "h3")
    subtitle = event_subtitle(event)
    if subtitle:
        subtitle = f'<p class="event-card-subtitle">{subtitle}</p>'
    host = event.host
    if host:
        label = gettext("Host")
        host = (
            '<p class="meta event-card-host"><span class="event-card-label">'
            f"{label}</span> {esc(host.acronym)}</p>"
        )
    else:
        host = ""
    return mark_safe(
        f'\n<article class="card event-card event-{status}">\n'
        '  <p class="event-card-top">\n'
        f'    <span class="event-kind">{esc(event.get_kind_display())}</span>\n'
        f'    <span class="badge badge-{status}">{esc(event.get_status_display())}</span>\n'
        "  </p>\n"
        f'  <{heading} class="event-card-title"><a href="{esc(event.get_absolute_url())}">'
        f"{event_heading(event)}</a></{heading}>\n"
        f"  {subtitle}\n"
        f'  <p class="event-card-when">{date_range(event.starts_on, event.ends_on)}</p>\n'
        f'  <p class="meta event-card-where">{place(event)}\n</p>\n'
        f"  {host}\n"
        "</article>\n"
    )


@register.simple_tag
def term_card(term, heading="h2", show_handover=False, state=""):
    """A chairmanship term: ``{% term_card term heading="h2" show_handover=True state="current" %}``.

    Its number and years, who held each office (an office nobody is recorded for is left
    out), and with ``show_handover`` the meeting at which it was handed over. Needs
    office_holders prefetched with their institutions (and handover_event selected to
    show it).
    """
    heading = esc(heading or "h2")
    state_class = f" term-{esc(state)}" if state else ""
    if state == "incoming":
        said = gettext("Incoming term, from %(date)s") % {"date": ldate(term.starts_on)}
        state_line = f'<p class="term-state">{esc(said)}</p>'
    elif state == "current":
        said = gettext("Current term")
        state_line = f'<p class="term-state">{esc(said)}</p>'
    else:
        state_line = ""
    parts = [
        f'\n<article class="card term-card{state_class}" id="term-{esc(term.number)}">\n'
        f'  <{heading} class="term-title">ASSA {esc(digits(term.number))} '
        f'<span class="term-years">{esc(digits(term.starts_year))}–'
        f"{esc(digits(term.ends_year))}</span></{heading}>\n"
        f"  {state_line}\n"
        '  <dl class="office-holders">\n    '
    ]
    for office, office_name, holder in term.offices:
        if not holder:
            continue
        institution = holder.institution
        name = translated(institution, "name")
        url = url_or_empty(institution)
        link = f'<a href="{esc(url)}">{name}</a>' if url else name
        if institution.acronym != institution.name:
            link += f' <span class="meta">({esc(institution.acronym)})</span>'
        person = ""
        if holder.person_name:
            title = translated(holder, "person_title")
            person = (
                f'<br><span class="office-person">{esc(holder.person_name)}'
                f"{', ' + title if title else ''}</span>"
            )
        parts.append(
            f'\n      <div class="office-holder office-{esc(office)}">\n'
            f"        <dt>{esc(office_name)}</dt>\n"
            f"        <dd>{link}\n"
            f"          {person}\n"
            "        </dd>\n"
            "      </div>\n    "
        )
    parts.append(f"\n  </dl>\n  {esc(term_fallback_notice(term))}\n  ")
    if show_handover:
        meeting = term.handover_event
        if meeting and meeting.is_published:
            if meeting.status == "held":
                said = gettext("Handed over at")
            else:
                said = gettext("Handover planned at")
            handover = (
                f'<p class="term-handover">{said} <a href="{esc(meeting.get_absolute_url())}">'
                f"{event_heading(meeting)}</a>, "
                f"{date_range(meeting.starts_on, meeting.ends_on)}</p>"
            )
        else:
            said = gettext("The handover meeting has not been recorded.")
            handover = f'<p class="term-handover muted">{said}</p>'
        parts.append(f"\n    \n      \n        {handover}\n      \n    \n  ")
    parts.append("\n</article>\n")
    return mark_safe("".join(parts))
