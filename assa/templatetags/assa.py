"""Site-wide template filters: dates and numbers in the page's language."""

import datetime

from django import template
from django.utils import formats
from django.utils.translation import get_language

from assa.khmer import to_khmer_digits

register = template.Library()


def _localise_digits(text: str) -> str:
    return to_khmer_digits(text) if get_language() == "km" else text


@register.filter
def digits(value):
    """Khmer digits on Khmer pages, ASCII digits elsewhere."""
    if value is None or value == "":
        return ""
    return _localise_digits(str(value))


@register.filter
def number(value):
    """A whole number with thousands grouped (3,120,208), in the page's digits."""
    if value is None or value == "":
        return ""
    try:
        text = f"{int(value):,}"
    except (TypeError, ValueError):
        return _localise_digits(str(value))
    return _localise_digits(text)


@register.filter
def ldate(value, fmt="DATE_FORMAT"):
    """A date in the page's language: month names translated, Khmer digits in /km/."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
    return _localise_digits(formats.date_format(value, fmt))
