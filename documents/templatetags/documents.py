"""Template helpers of the documents app, for its own pages and for other apps' pages.

``{% document_link doc %}`` renders a download link with the file's type and size;
``{% event_zip_link event %}`` offers all
published files of an event as one ZIP (nothing when it has none).
"""

from django import template
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from core.templatetags.assa import digits
from documents.models import Document

register = template.Library()


@register.simple_tag
def document_link(document, title="", label=""):
    """A document's download link with its type, size and pages. Makes no query.

    ``{% document_link doc title=doc.title %}``: ``title`` names the link for screen
    readers ("Download “…”"), ``label`` replaces its text ("Download"). Written in Python
    rather than as an include: a library page has twenty of them.
    """
    name = ""
    if title:
        name = ' aria-label="{}"'.format(
            gettext("Download “%(title)s”") % {"title": conditional_escape(title)}
        )
    facts = [conditional_escape(document.type_label)]
    if document.size:
        facts.append(conditional_escape(digits(filesizeformat(document.size))))
    if document.page_count:
        facts.append(
            ngettext("%(pages)s page", "%(pages)s pages", document.page_count)
            % {"pages": conditional_escape(digits(document.page_count))}
        )
    return mark_safe(
        '<span class="document-link"><a href="{}" class="file-link"{}{}>{}</a> '
        '<span class="file-facts">{}</span></span>'.format(
            conditional_escape(document.get_download_url()),
            "" if document.is_pdf else " download",
            name,
            conditional_escape(label or gettext("Download")),
            ", ".join(facts),
        )
    )


@register.filter
def url_or_empty(obj) -> str:
    """obj.get_absolute_url(), or "" while that page does not exist yet."""
    if obj is None:
        return ""
    try:
        return obj.get_absolute_url()
    except (NoReverseMatch, AttributeError):
        return ""


@register.simple_tag
def event_zip_url(event) -> str:
    return reverse("downloads:event_zip", kwargs={"event_pk": event.pk})


@register.inclusion_tag("documents/includes/event_zip_link.html")
def event_zip_link(event):
    """A link to the event's files as one ZIP, with their number; one query."""
    count = Document.objects.published().of_event(event).count() if event else 0
    return {"event": event, "count": count, "url": event_zip_url(event) if count else ""}
