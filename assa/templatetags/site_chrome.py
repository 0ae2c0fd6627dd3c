"""The site's chrome: the navigation bar (rendered once per language and current entry),
the language switcher and the alternate links of every page."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core import links
from core.caching import cached_for_content
from core.html import esc

register = template.Library()

# The navigation's fixed entries: (key, route). A section is current on its own address
# and below it (/en/events/...); the home page only on itself.
SECTIONS = (
    ("home", "home"),
    ("members", "members:list"),
    ("events", "events:list"),
    ("news", "news:list"),
    ("documents", "documents:list"),
    ("chairmanship", "events:chairmanship"),
)


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """``includes/navigation.html`` for this page, with the current entry marked.

    The bar shows only content (the pages placed in it) and the language, and which
    entry is current: it is kept per language and current entry until content changes
    (``core.caching``), rather than rendered with every page.
    """
    request = context.get("request")
    path = request.path if request is not None else ""
    urls = {f"{key}_url": links.reverse(route) for key, route in SECTIONS}
    current = [
        key
        for key, _route in SECTIONS
        if (path == urls["home_url"] if key == "home" else urls[f"{key}_url"] in path)
    ]
    pages = [
        (page, page.get_absolute_url() == path) for page in context.get("navigation_pages") or []
    ]
    current += [f"page-{page.pk}" for page, is_current in pages if is_current]
    return cached_for_content(
        "fragment:navigation:" + ",".join(current),
        lambda: render_to_string(
            "includes/navigation.html", {**urls, "current": current, "page_entries": pages}
        ),
        shared=False,
    )


@register.simple_tag(takes_context=True)
def language_switcher(context):
    """The links to this page in the other languages (``language_alternates``, from
    ``assa.context_processors.site``), the current one marked. Written in Python: it is
    on every page."""
    items = []
    for alt in context.get("language_alternates") or ():
        code, name = esc(alt["code"]), esc(alt["name"])
        if alt["is_current"]:
            item = f'<span aria-current="true" lang="{code}">{name}</span>'
        else:
            item = (
                f'<a href="{esc(alt["url"])}" hreflang="{code}" lang="{code}" '
                f'data-language="{code}">{name}</a>'
            )
        items.append(f"\n      <li>{item}</li>\n    ")
    label = gettext("Language")
    return mark_safe(
        f'<nav class="language-switcher" aria-label="{label}">\n'
        f"  <ul>\n    {''.join(items)}\n  </ul>\n</nav>\n"
    )


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """``<link rel="alternate" hreflang>`` for each language of the page, and x-default.

    A page written in one language only (``content_languages``, from the view) does not
    claim a twin in the other.
    """
    languages = context.get("content_languages")
    links_ = "".join(
        f'<link rel="alternate" hreflang="{esc(alt["code"])}" href="{esc(alt["absolute_url"])}">\n  '
        for alt in context.get("language_alternates") or ()
        if not languages or alt["code"] in languages
    )
    default = context.get("x_default_url")
    if default:
        links_ += f'<link rel="alternate" hreflang="x-default" href="{esc(default)}">'
    return mark_safe(links_)
