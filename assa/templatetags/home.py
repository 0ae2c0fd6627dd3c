"""The home page's rows, written in Python (the same HTML their template gave).

The home page shows a few of everything; as template markup each row cost a few hundred
Python calls, most of the page's render.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.html import esc
from core.templatetags.assa import ldate, number, translated

register = template.Library()


@register.simple_tag
def home_key_figure(figure):
    """A member's key figure: its latest value, label, institution and date. Needs
    figure.institution selected."""
    institution = figure.institution
    acronym = esc(institution.acronym)
    as_of = gettext("as of %(date)s") % {"date": esc(ldate(figure.as_of))}
    return mark_safe(
        '<li class="key-figure">\n'
        f'          <span class="key-figure-value">{esc(number(figure.value))}</span>\n'
        f'          <span class="key-figure-label">{translated(figure, "label")}</span>\n'
        '          <span class="key-figure-source meta">'
        f'<a href="{esc(institution.get_absolute_url())}">{acronym}</a> · {as_of}</span>\n'
        "        </li>"
    )


@register.simple_tag
def home_document(document):
    """A new document: its title (linked), institution, kind and date. Needs
    document.institution selected."""
    institution = document.institution
    published = document.published_at
    meta = (
        (f"{esc(institution.acronym)} · " if institution else "")
        + esc(document.get_kind_display())
        + (f" · {esc(ldate(published))}" if published else "")
    )
    return mark_safe(
        f'<li><a href="{esc(document.get_absolute_url())}">{translated(document, "title")}</a>\n'
        f'          <span class="meta">{meta}</span></li>'
    )
