"""Template helpers of the events pages: date ranges and links to optional objects."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from core.templatetags.assa import digits, fallback_notice, ldate, translated

register = template.Library()


@register.simple_tag
def date_range(starts_on, ends_on=None):
    """ "9 December 2020", "21–22 September 2022", "30 November – 2 December 2022".

    Both languages' date formats begin with the day, so a range within one month
    puts the first day in front of the full last date.
    """
    if not ends_on or ends_on == starts_on:
        return format_html('<time datetime="{}">{}</time>', starts_on.isoformat(), ldate(starts_on))
    if (starts_on.year, starts_on.month) == (ends_on.year, ends_on.month):
        first = digits(starts_on.day)
        separator = "–"
    elif starts_on.year == ends_on.year:
        first = ldate(starts_on, "MONTH_DAY_FORMAT")
        separator = " – "
    else:
        first = ldate(starts_on)
        separator = " – "
    return format_html(
        '<time datetime="{}">{}</time>{}<time datetime="{}">{}</time>',
        starts_on.isoformat(),
        first,
        separator,
        ends_on.isoformat(),
        ldate(ends_on),
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
