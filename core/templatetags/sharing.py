"""Sharing (Open Graph, Twitter cards): the tags of a page, and absolute addresses for them."""

from django import template
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext

from core.html import esc, truncated_text

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute(context, url) -> str:
    """``url`` as an absolute address on this site ("" stays "")."""
    if not url:
        return ""
    request = context.get("request")
    return request.build_absolute_uri(str(url)) if request else str(url)


@register.simple_tag(takes_context=True)
def share_meta(context, title="", description="", image="", image_alt="", type=""):  # noqa: A002
    """The Open Graph and Twitter card tags of a page, in the page's ``<head>``.

    ``{% share_meta title=... description=... image=<absolute URL> image_alt=...
    type="article" %}``; without a picture the site's default one is used. Reads
    ``site_name``, ``canonical_url``, ``language_alternates``, ``default_share_image``
    (``assa.context_processors.site``) and ``content_languages`` from the context.
    Written in Python (as a template include it cost some thousand Python calls a page).
    Values are escaped as a template would: marked-safe ones (translated literals) are not.
    """
    site_name = context.get("site_name", "")
    shown_title = esc(title or site_name)
    # A translated literal of a template is marked safe: so is this default.
    summary = description or mark_safe(
        gettext("The association of the social security institutions of the ASEAN countries.")
    )
    languages = context.get("content_languages")
    alternates = "".join(
        '<meta property="og:locale:alternate" '
        f'content="{"km_KH" if alt["code"] == "km" else "en_US"}">\n  '
        for alt in context.get("language_alternates") or ()
        if not alt["is_current"] and alt["code"] in (languages or alt["code"])
    )
    if image:
        alt_text = esc(image_alt or title)
        picture = (
            f'<meta property="og:image" content="{esc(image)}">\n'
            f'  <meta property="og:image:alt" content="{alt_text}">\n'
            '  <meta name="twitter:card" content="summary_large_image">\n'
            f'  <meta name="twitter:image" content="{esc(image)}">\n'
            f'  <meta name="twitter:image:alt" content="{alt_text}">'
        )
    else:
        default = esc(context.get("default_share_image", ""))
        alt_text = gettext("ASSA, the ASEAN Social Security Association")
        picture = (
            f'<meta property="og:image" content="{default}">\n'
            '  <meta property="og:image:type" content="image/png">\n'
            '  <meta property="og:image:width" content="1200">\n'
            '  <meta property="og:image:height" content="630">\n'
            f'  <meta property="og:image:alt" content="{alt_text}">\n'
            '  <meta name="twitter:card" content="summary_large_image">\n'
            f'  <meta name="twitter:image" content="{default}">\n'
            f'  <meta name="twitter:image:alt" content="{alt_text}">'
        )
    return mark_safe(
        f'\n  <meta property="og:type" content="{esc(type or "website")}">\n'
        f'  <meta property="og:site_name" content="{esc(site_name)}">\n'
        f'  <meta property="og:title" content="{shown_title}">\n'
        f'  <meta property="og:description" content="{esc(_truncated(summary, 300))}">\n'
        f'  <meta property="og:url" content="{esc(context.get("canonical_url", ""))}">\n'
        '  <meta property="og:locale" '
        f'content="{"km_KH" if context.get("LANGUAGE_CODE") == "km" else "en_US"}">\n'
        f"  {alternates}{picture}\n"
        f'  <meta name="twitter:title" content="{shown_title}">\n'
        f'  <meta name="twitter:description" content="{esc(_truncated(summary, 200))}">\n'
    )


def _truncated(text, length: int):
    """The ``truncatechars`` filter (its result marked safe when the text was)."""
    cut = truncated_text(str(text), length)
    return mark_safe(cut) if isinstance(text, SafeData) else cut
