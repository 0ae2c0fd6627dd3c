"""Rich text written in the admin is sanitised here, on save and again on render; and
escaping for the parts of pages written in Python."""

import html
import unicodedata
from functools import lru_cache

import nh3
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.text import Truncator

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"lang"},
}


def sanitize(html: str) -> str:
    """Keep the structure people write (paragraphs, lists, links, tables); drop the rest.

    Scripts, styles, event handlers, iframes and javascript: links never survive.
    """
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


@lru_cache(maxsize=256)
def sanitize_for_display(html: str) -> str:
    """``sanitize``, remembered per text: a page shows the text saved (and sanitised) by
    the model, sanitised again in case it came in another way (an update, an import);
    the second pass runs once per process and text, not at every render."""
    return sanitize(html)


def esc(value) -> SafeString:
    """``django.utils.html.conditional_escape(value)``, the same result, made cheaper.

    What ``{{ value }}`` writes for a string: unchanged if already safe (``__html__``),
    else escaped. Django's version passes through a wrapper that checks every argument
    for lazy strings, some ten Python calls; a card of a list escapes a dozen values.
    """
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return SafeString(html.escape(str(value)))


def truncated_text(text: str, length: int) -> str:
    """``Truncator(text).chars(length)``: what the ``truncatechars`` filter gives.

    Django walks the text a character at a time, a few hundred Python calls for a
    summary that is cut; the same summary is cut on every view of its page (description,
    sharing tags), so a cut one is kept. A short text is only normalised (NFC), as
    Django does.
    """
    if len(text) <= length:
        return unicodedata.normalize("NFC", text)
    return _cut(text, length)


@lru_cache(maxsize=1024)
def _cut(text: str, length: int) -> str:
    return Truncator(text).chars(length)
