"""Template helpers of the documents app, for its own pages and for other apps' pages.

``{% document_link doc %}`` renders a download link with the file's type and size;
``{% event_files event as files %}`` gives an event page its files (those of its programme,
and the papers tied to the event that no programme item holds); ``{% event_zip_link event %}``
offers the same files as one ZIP, with their number (nothing when it has none);
``{% waiting_for_decision user as waiting %}`` is the admin's count of papers to decide.
"""

from dataclasses import dataclass, field

from django import template
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from core.permissions import is_secretariat
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


@dataclass
class EventFiles:
    """What an event page lists: the files of its programme, and the others."""

    # Approved papers tied to the event that no item of its programme holds: the
    # members' (with an institution), then the rest.
    from_members: list = field(default_factory=list)
    others: list = field(default_factory=list)
    # Every distinct file the page lists: the number on the ZIP button.
    count: int = 0


def event_files(event) -> EventFiles:
    """The files an event page lists, the same that its ZIP holds; one query, kept on the
    event for the page's other tags.

    The programme's files come from the event's presentations (prefetched by the page);
    the event's own approved papers from one query. A draft event's page (which only the
    secretariat sees) shows what will be public once it is published.
    """
    if event is None:
        return EventFiles()
    found = getattr(event, "_event_files", None)
    if found is not None:
        return found
    in_programme = {
        document.pk
        for item in event.presentations.all()
        if (document := item.public_document) is not None
    }
    own = list(
        Document.objects.approved()
        .filter(event=event)
        .select_related("institution")
        .order_by("institution__acronym", "pk")
    )
    extra = [document for document in own if document.pk not in in_programme]
    found = EventFiles(
        from_members=[document for document in extra if document.institution_id],
        others=[document for document in extra if not document.institution_id],
        count=len(in_programme | {document.pk for document in own}),
    )
    event._event_files = found
    return found


register.simple_tag(event_files, name="event_files")


@register.inclusion_tag("documents/includes/event_zip_link.html")
def event_zip_link(event):
    """A link to the event's files as one ZIP, with their number (``event_files``)."""
    count = event_files(event).count if event else 0
    return {"event": event, "count": count, "url": event_zip_url(event) if count else ""}


@register.simple_tag
def waiting_for_decision(user) -> int | None:
    """How many papers wait for the secretariat's decision (new ones and new versions);
    None for anyone not in the Secretariat. One query."""
    if not is_secretariat(user):
        return None
    return Document.objects.waiting().count()


@register.simple_tag
def history_message(entry) -> str:
    """A line of a document's History in the reader's language (``documents.history``)."""
    from documents.history import message_of

    return message_of(entry)
