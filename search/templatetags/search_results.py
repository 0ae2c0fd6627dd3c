"""The rows of the search results page, written in Python (the HTML of the templates
they replace: a row and its kind's heading, some four hundred Python calls each as
template markup)."""

from django import template
from django.utils.safestring import mark_safe

from core.html import esc
from core.templatetags.assa import ldate, translated
from events.templatetags.events import event_heading, event_subtitle
from search.models import SearchKind

register = template.Library()


def _heading(obj, name) -> str:
    return f'<h2 class="search-title"><a href="{esc(obj.get_absolute_url())}">{name}</a></h2>\n'


def _article(obj) -> str:
    return _heading(obj, translated(obj, "title"))


def _document(obj) -> str:
    facts = esc(obj.type_label)
    if obj.institution:
        facts = f"{esc(obj.institution.acronym)} · {facts}"
    return _heading(obj, translated(obj, "title")) + f'<p class="search-subtitle">{facts}</p>\n'


def _event(obj) -> str:
    subtitle = event_subtitle(obj)
    if subtitle:
        subtitle = f'<p class="search-subtitle">{subtitle}</p>'
    return _heading(obj, event_heading(obj)) + subtitle + "\n"


def _member(obj) -> str:
    return (
        _heading(obj, translated(obj, "name"))
        + f'<p class="search-subtitle">{esc(obj.acronym)} · {esc(obj.get_country_display())}</p>\n'
    )


HEADINGS = {
    SearchKind.ARTICLE: _article,
    SearchKind.DOCUMENT: _document,
    SearchKind.EVENT: _event,
    SearchKind.MEMBER: _member,
    SearchKind.PAGE: _article,
}


@register.simple_tag
def search_results(results):
    """``{% search_results outcome.results %}``: each result's kind, date, heading (its
    title linked, with what tells it apart: a document's institution and type, a
    meeting's title under its numbered name, a member's acronym and country) and the
    excerpt with the words found."""
    labels = {value: esc(label) for value, label in SearchKind.choices}
    rows = []
    for result in results:
        date = ""
        if result.date:
            date = f' <span class="search-date">{esc(ldate(result.date))}</span>'
        excerpt = result.excerpt
        if excerpt:
            excerpt = (
                f'<p class="search-excerpt" lang="{esc(excerpt.language)}">{esc(excerpt.html)}</p>'
            )
        else:
            excerpt = ""
        rows.append(
            f'\n        <li class="search-result search-result-{esc(result.kind)}">\n'
            '          <p class="search-result-top">'
            f'<span class="search-kind">{labels[result.kind]}</span>{date}</p>\n'
            f"          {HEADINGS[result.kind](result.obj)}\n"
            f"          {excerpt}\n"
            "        </li>\n      "
        )
    return mark_safe("".join(rows))
