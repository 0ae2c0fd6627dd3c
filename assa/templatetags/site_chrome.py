"""The site's navigation bar, rendered once per language and current section."""

from django import template
from django.template.loader import render_to_string

from core import links
from core.caching import cached_for_content

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
