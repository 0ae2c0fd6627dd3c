"""Site-wide template filters: dates and numbers in the page's language."""

import datetime

from django import template
from django.utils import formats
from django.utils.translation import get_language

from core.i18n import translated_value
from core.khmer import page_digits

register = template.Library()


@register.filter
def digits(value):
    """Khmer digits on Khmer pages, ASCII digits elsewhere."""
    if value is None or value == "":
        return ""
    return page_digits(str(value))


@register.filter
def number(value):
    """A whole number with thousands grouped (3,120,208), in the page's digits."""
    if value is None or value == "":
        return ""
    try:
        text = f"{int(value):,}"
    except (TypeError, ValueError):
        return page_digits(str(value))
    return page_digits(text)


@register.filter
def ldate(value, fmt="DATE_FORMAT"):
    """A date in the page's language: month names translated, Khmer digits in /km/."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
    return page_digits(formats.date_format(value, fmt))


@register.simple_tag
def translated(obj, field, html=False):
    """Render a bilingual field in the page's language, or mark the fallback.

    ``{% translated article "title" %}`` gives the Khmer title on Khmer pages; where
    there is none, the English one inside ``lang="en"`` with a small "English" label.
    ``html=True`` sanitises rich text and wraps it in a block.
    """
    from django.conf import settings
    from django.utils.html import escape, format_html
    from django.utils.safestring import mark_safe

    from core.html import sanitize_for_display

    value, code = translated_value(obj, field)
    if not value:
        return ""
    names = dict(settings.LANGUAGES)
    is_fallback = code != get_language()
    if html:
        body = mark_safe(sanitize_for_display(value))
        if is_fallback:
            return format_html(
                '<div class="fallback" lang="{}"><p class="lang-note">'
                '<span class="lang-label">{}</span></p>{}</div>',
                code,
                names[code],
                body,
            )
        return body
    if is_fallback:
        return format_html(
            '<span lang="{}">{}</span> <span class="lang-label" lang="{}">{}</span>',
            code,
            value,
            code,
            names[code],
        )
    return escape(value)


@register.filter
def is_translated(obj, field="title"):
    """True when the object has this field in the page's language."""
    return bool(getattr(obj, f"{field}_{get_language()}", ""))
