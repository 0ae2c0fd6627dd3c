"""Template helpers of the news: responsive images from the renditions made at upload, and
the article card of the lists."""

from django import template
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from core.html import esc
from core.i18n import translated_value
from core.templatetags.assa import ldate, translated
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


@register.simple_tag
def article_card(article, heading="h3"):
    """One article in a list: ``{% article_card article heading="h2" %}``. Needs
    article.source_institution selected.

    The cover, the category and date, the title (marked when not yet translated), the
    summary and the source. Written in Python rather than as an include: a list shows
    a dozen of them (the HTML is what the include gave).
    """
    language = get_language()
    url = esc(article.get_absolute_url())
    heading = esc(heading or "h3")
    untranslated = not getattr(article, f"title_{language}", "")
    cover = ""
    if article.cover:
        image = picture(
            article.cover,
            article.cover_renditions,
            alt="",
            sizes="(min-width: 60rem) 22rem, 100vw",
        )
        cover = (
            f'<a class="article-card-image" href="{url}" tabindex="-1" aria-hidden="true">'
            f"{esc(image)}</a>"
        )
    published = article.published_at
    if published is not None and timezone.is_aware(published):
        published = timezone.localtime(published)
    note = ""
    if untranslated:
        note = gettext("Not yet translated")
        note = f'<p class="untranslated-note">{note}</p>'
    summary, summary_language = translated_value(article, "summary", language)
    if summary:
        summary = (
            f'<p class="article-card-summary" lang="{esc(summary_language or "")}">'
            f"{esc(summary)}</p>"
        )
    source = article.source_institution
    if source:
        label = gettext("Source")
        source = (
            '<p class="meta article-card-source"><span class="article-card-label">'
            f"{label}</span> {esc(source.acronym)}</p>"
        )
    else:
        source = ""
    return mark_safe(
        "\n<article "
        f'class="card article-card{" article-untranslated" if untranslated else ""}">\n'
        f"  {cover}\n"
        '  <div class="article-card-text">\n'
        '    <p class="article-card-top">\n'
        f'      <span class="article-category">{esc(article.get_category_display())}</span>\n'
        f'      <time datetime="{published.isoformat() if published else ""}">'
        f"{esc(ldate(published))}</time>\n"
        "    </p>\n"
        f'    <{heading} class="article-card-title"><a href="{url}">'
        f"{translated(article, 'title')}</a></{heading}>\n"
        f"    {note}\n"
        f"    {summary}\n"
        f"    {source}\n"
        "  </div>\n"
        "</article>\n"
    )
