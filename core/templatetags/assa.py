"""Site-wide template filters: dates and numbers in the page's language."""

import datetime
import html
from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language, gettext

from core import links
from core.caching import cached_for_content
from core.html import esc, sanitize_for_display, truncated_text
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
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    # Aware datetimes are equal across zones: the zone is part of the key.
    return _formatted_date(value, getattr(value, "tzinfo", None), fmt, get_language())


@lru_cache(maxsize=4096)
def _formatted_date(value, tzinfo, fmt: str, language: str) -> str:
    """Formatting a date costs some 150 Python calls; a list shows the same dates often."""
    return page_digits(formats.date_format(value, fmt))


@register.simple_tag
def translated(obj, field, html=False):
    """Render a bilingual field in the page's language, or mark the fallback.

    ``{% translated article "title" %}`` gives the Khmer title on Khmer pages; where
    there is none, the English one inside ``lang="en"`` (one ``{% fallback_notice %}``
    per page or card says so, rather than a label on every field).
    ``html=True`` sanitises rich text and wraps it in a block.
    """
    language = get_language()
    value, code = translated_value(obj, field, language)
    if not value:
        return ""
    is_fallback = code != language
    if html:
        body = mark_safe(sanitize_for_display(value))
        if is_fallback:
            return mark_safe(f'<div class="fallback" lang="{esc(code)}">{body}</div>')
        return body
    if is_fallback:
        # Marked by its language only: the page or card says once, with
        # {% fallback_notice %}, that some of its text is shown in another language.
        return mark_safe(f'<span lang="{esc(code)}">{esc(value)}</span>')
    return esc(value)


@register.filter(is_safe=True)
def truncated(value, length):
    """``truncatechars``, the same result, kept for texts shown again and again
    (``core.html.truncated_text``): ``{{ event.summary|truncated:200 }}``."""
    cut = truncated_text(str(value), int(length))
    return mark_safe(cut) if isinstance(value, SafeData) else cut


@register.simple_tag
def link(viewname, **kwargs):
    """``{% url %}`` for the site's pages, with keyword arguments only, computed once per
    language and arguments (``core.links.reverse``): ``{% link 'events:kind' kind=k %}``."""
    return links.reverse(viewname, **kwargs)


@register.simple_tag
def filter_fields(form, skip=""):
    """The fields of a list's filter form, each with its label and errors:
    ``{% filter_fields filter.form %}`` (``skip="kind"`` leaves one out).

    Written in Python (a template of it cost some three hundred calls per field):
    ``<div class="filter-field filter-NAME">``, the label, the widget, the errors.
    """
    parts = []
    for field in form:
        if field.name == skip:
            continue
        errors = field.errors
        listed = ""
        if errors:
            listed = (
                '<ul class="errorlist">'
                + "".join(f"<li>{esc(error)}</li>" for error in errors)
                + "</ul>"
            )
        parts.append(
            f'\n<div class="filter-field filter-{esc(field.name)}">\n'
            f'  <label for="{esc(field.id_for_label)}">{esc(field.label)}</label>\n'
            f"  {esc(str(field))}\n"
            f"  {listed}\n"
            "</div>\n"
        )
    parts.append("\n")
    return mark_safe("".join(parts))


@register.simple_tag(takes_context=True)
def pagination(context):
    """Previous / page n of m / next; the page links keep the list's filters.

    ``{% pagination %}`` reads ``page_obj`` and ``filter_query`` (the query string without
    ``page``) from the context. Nothing (but a line) when there is one page.
    """
    page = context.get("page_obj")
    if not page or not page.has_other_pages():
        return mark_safe("\n")
    query = context.get("filter_query")
    query = f"{esc(query)}&amp;" if query else ""
    previous = following = ""
    if page.has_previous():
        label = gettext("Previous")
        previous = (
            f'<li><a href="?{query}page={esc(page.previous_page_number())}" rel="prev">'
            f"{label}</a></li>"
        )
    if page.has_next():
        label = gettext("Next")
        following = (
            f'<li><a href="?{query}page={esc(page.next_page_number())}" rel="next">{label}</a></li>'
        )
    where = gettext("Page %(page)s of %(pages)s") % {
        "page": esc(digits(page.number)),
        "pages": esc(digits(page.paginator.num_pages)),
    }
    label = gettext("Pages")
    return mark_safe(
        f'\n<nav aria-label="{label}">\n'
        '  <ul class="pagination">\n'
        f"    {previous}\n"
        f'    <li><span aria-current="page">{where}</span></li>\n'
        f"    {following}\n"
        "  </ul>\n"
        "</nav>\n\n"
    )


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


def fallback_languages(objects, fields) -> list[str]:
    """The languages other than the page's that these objects' fields are shown in."""
    if objects is None or objects == "":
        return []
    if hasattr(objects, "_meta"):  # one object, else a list or a QuerySet of them
        objects = [objects]
    current = get_language()
    shown = []
    for obj in objects:
        if obj is None:
            continue
        for field in fields:
            code = translated_value(obj, field)[1]
            if code and code != current and code not in shown:
                shown.append(code)
    return shown


@register.simple_tag
def fallback_notice(objects, *fields, compact=False, also=None, also_fields=""):
    """One notice for a page or card whose text is partly shown in another language.

    ``{% fallback_notice event "title" "summary" "body" %}``; ``objects`` may be a list.
    ``also``/``also_fields`` add other objects of the page (``also=institution.key_figures.all
    also_fields="label"``). Nothing when everything is written in the page's language.
    """
    from django.utils.html import format_html
    from django.utils.translation import get_language_info, gettext

    shown = fallback_languages(objects, fields)
    if also is not None:
        more = fallback_languages(also, also_fields.split(","))
        shown += [code for code in more if code not in shown]
    if not shown:
        return ""
    names = ", ".join(str(get_language_info(code)["name_translated"]) for code in shown)
    return format_html(
        '<p class="fallback-note{}">{}</p>',
        " fallback-note-compact" if compact else "",
        gettext("Not yet translated: some of this text is shown in %(language)s.")
        % {"language": names},
    )


class ContentFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        name = self.name.resolve(context)
        vary = ":".join(str(expression.resolve(context)) for expression in self.vary_on)
        return cached_for_content(
            f"fragment:{name}:{vary}", lambda: self.nodelist.render(context), shared=False
        )


@register.tag
def content_fragment(parser, token):
    """A part of a page that shows only content, rendered once per language until it changes.

    ``{% content_fragment "footer" %}...{% endcontent_fragment %}``: kept in the process's
    memory under the content version (``core.caching.cached_for_content``), so a change
    to the content shows at once. Further arguments are added to the key
    (``{% content_fragment "navigation" section %}``). Only for what is the same for every
    visitor of every page using it in a language: no CSRF token, no message, nothing of
    the user, the address or the query string unless it is part of the key.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name.")
    nodelist = parser.parse(("endcontent_fragment",))
    parser.delete_first_token()
    return ContentFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
