"""Template helpers of the news: responsive images from the renditions made at upload."""

from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html

from core.i18n import translated_value
from news.services import srcset as build_srcset

register = template.Library()


def _largest_url(image, renditions: dict) -> str:
    files = (renditions or {}).get("files", {})
    if files:
        return default_storage.url(files[max(files, key=int)])
    return image.url if image else ""


@register.simple_tag
def picture(image, renditions, alt="", sizes="100vw", loading="lazy", css_class=""):
    """An ``<img>`` with ``srcset`` of the renditions, its size known to avoid layout shift."""
    if not image:
        return ""
    renditions = renditions or {}
    files = renditions.get("files", {})
    if files:
        # The smallest copy at least 960 wide is the plain src for old browsers.
        widths = sorted(files, key=int)
        middle = next((w for w in widths if int(w) >= 960), widths[-1])
        src = default_storage.url(files[middle])
    else:
        src = image.url
    width, height = renditions.get("width"), renditions.get("height")
    return format_html(
        '<img src="{}"{}{} alt="{}"{} loading="{}" decoding="async">',
        src,
        format_html(' srcset="{}" sizes="{}"', build_srcset(renditions), sizes) if files else "",
        format_html(' width="{}" height="{}"', width, height) if width and height else "",
        alt,
        format_html(' class="{}"', css_class) if css_class else "",
        loading,
    )


@register.simple_tag(takes_context=True)
def share_image_url(context, article) -> str:
    """The absolute address of the article's cover, for Open Graph and Twitter cards."""
    if not article.cover:
        return ""
    url = _largest_url(article.cover, article.cover_renditions)
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.filter
def text_in_language(obj, field: str) -> str:
    """A bilingual field as plain text in the page's language, else the other one.

    For attributes (alt text, meta tags) where the marked fallback of ``translated``
    cannot go.
    """
    return translated_value(obj, field)[0]


@register.filter
def language_of(obj, field: str = "title") -> str:
    """The language code the field is shown in on this page (``en`` for a fallback)."""
    return translated_value(obj, field)[1] or ""
