"""Site-wide template filters: dates and numbers in the page's language."""

import datetime
import html
from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.i18n import translated_value
from core.khmer import to_khmer_digits

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
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    # Aware datetimes are equal across zones: the zone is part of the key.
    return _formatted_date(value, getattr(value, "tzinfo", None), fmt, get_language())


@lru_cache(maxsize=4096)
def _formatted_date(value, tzinfo, fmt: str, language: str) -> str:
    """Formatting a date costs some 150 Python calls; a list shows the same dates often."""
    return _localise_digits(formats.date_format(value, fmt))


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


@receiver(setting_changed, dispatch_uid="assa_forget_formatted_dates")
def _forget_formatted_dates(**kwargs) -> None:
    """Tests may change formats or time zones."""
    _formatted_date.cache_clear()


@register.simple_tag
def sitemap_urls(urlset) -> str:
    """The <url> entries of a sitemap page: Django's sitemap.xml, written in Python.

    The same XML as Django's template (spaceless), without rendering a dozen template
    nodes per entry: a page of a section has a thousand entries. (``html.escape`` is
    what Django's ``escape`` runs.)
    """
    parts = []
    for url in urlset:
        parts.append(f"<url><loc>{html.escape(url['location'])}</loc>")
        if lastmod := url["lastmod"]:
            if isinstance(lastmod, datetime.datetime) and timezone.is_aware(lastmod):
                lastmod = timezone.localtime(lastmod)
            parts.append(f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>")
        if changefreq := url["changefreq"]:
            parts.append(f"<changefreq>{html.escape(str(changefreq))}</changefreq>")
        if priority := url["priority"]:
            parts.append(f"<priority>{html.escape(str(priority))}</priority>")
        for alternate in url["alternates"]:
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{html.escape(alternate["lang_code"])}" '
                f'href="{html.escape(alternate["location"])}"/>'
            )
        parts.append("</url>")
    return mark_safe("".join(parts))
