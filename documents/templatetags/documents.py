"""Template helpers of the documents app, for its own pages and for other apps' pages.

``{% include "documents/includes/document_link.html" with document=doc %}`` renders a
download link with the file's type and size; ``{% event_zip_link event %}`` offers all
published files of an event as one ZIP (nothing when it has none).
"""

from django import template
from django.urls import NoReverseMatch, reverse

from documents.models import Document

register = template.Library()


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
