"""Template helpers for member institutions, usable by every app's templates."""

from django import template
from django.utils.html import escape, format_html
from django.utils.translation import get_language

from core.i18n import translated_value

register = template.Library()


@register.simple_tag
def institution_name(institution) -> str:
    """The institution's name in the page's language, else its English name.

    An English name on a Khmer page is marked ``lang="en"`` but carries no "English"
    label: it is a proper name, not a missing translation of a text.
    """
    if institution is None:
        return ""
    value, code = translated_value(institution, "name")
    if code and code != get_language():
        return format_html('<span lang="{}">{}</span>', code, value)
    return escape(value)
