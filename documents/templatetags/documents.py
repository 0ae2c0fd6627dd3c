"""Template helpers of the documents app, for its own pages and for other apps' pages.

``{% document_link doc %}`` renders a download link with the file's type and size;
``{% event_files event as files %}`` gives an event page its files (those of its programme,
and the papers tied to the event that no programme item holds); ``{% event_zip_link event %}``
offers the same files as one ZIP, with their number (nothing when it has none);
``{% waiting_for_decision user as waiting %}`` is the admin's count of papers to decide.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext

from core import links
from core.html import esc
from core.i18n import translated_value
from core.permissions import is_secretariat
from core.templatetags.assa import digits, ldate, translated
from documents.models import Document
from events.templatetags.events import event_heading

register = template.Library()


@register.simple_tag
def document_link(document, title="", label=""):
    """A document's download link with its type, size and pages. Makes no query.

    ``{% document_link doc title=doc.title %}``: ``title`` names the link for screen
    readers ("Download “…”"), ``label`` replaces its text ("Download"). Written in Python
    rather than as an include: a library page has twenty of them.
    """
    return mark_safe(_document_link(document, document.get_download_url(), title, label))


def _document_link(document, url: str, title="", label="", language=None) -> str:
    """The HTML of ``{% document_link %}``, for a link whose address is known."""
    language = language or get_language()
    name = ""
    if title:
        name = ' aria-label="{}"'.format(_texts(language)[1] % {"title": esc(title)})
    facts = esc(document.type_label)
    if document.size:
        facts += ", " + _size(document.size, language)
    if document.page_count:
        facts += ", " + _pages(document.page_count, language)
    return (
        f'<span class="document-link"><a href="{esc(url)}" class="file-link"'
        f"{'' if document.is_pdf else ' download'}{name}>"
        f"{esc(label) if label else _texts(language)[0]}</a> "
        f'<span class="file-facts">{facts}</span></span>'
    )


@lru_cache(maxsize=8)
def _texts(language) -> tuple[str, str]:
    """The link's words in the page's language: "Download", "Download “%(title)s”"."""
    return esc(gettext("Download")), gettext("Download “%(title)s”")


@lru_cache(maxsize=1024)
def _pages(count: int, language) -> str:
    """ "12 pages" in the page's language and digits."""
    return ngettext("%(pages)s page", "%(pages)s pages", count) % {"pages": esc(digits(count))}


@lru_cache(maxsize=4096)
def _size(size: int, language) -> str:
    """ "2.4 MB" in the page's language and digits (a hundred Python calls to make)."""
    return esc(digits(filesizeformat(size)))


@receiver(setting_changed, dispatch_uid="documents_forget_link_texts")
def _forget_texts(**kwargs) -> None:
    """Tests may change languages or formats."""
    for kept in (_texts, _pages, _size):
        kept.cache_clear()


@register.simple_tag
def document_rows(documents):
    """The rows of the library: ``{% document_rows documents %}`` (from ``for_listing()``).

    Each with its first page (or its type), kind, title, institution, meeting, date,
    language and download link. Written in Python, the HTML the template gave: twenty
    rows of template markup were most of the page's render.
    """
    url = links.reverser()
    language = get_language()
    first_page = gettext("First page")
    rows = []
    for document in documents:
        page = esc(url("documents:detail", pk=document.pk))
        if document.preview:
            thumbnail = (
                f'<img class="doc-thumb" src="{esc(document.preview_url)}" alt="{first_page}" '
                'width="96" loading="lazy">'
            )
        else:
            kind = document.type_label
            thumbnail = (
                f'<span class="doc-thumb doc-thumb-none doc-type-{esc(kind.lower())}" '
                f'aria-hidden="true">{esc(kind)}</span>'
            )
        institution = document.institution
        event = document.event
        published = document.published_at
        source = f"<span>{esc(institution.acronym)}</span>" if institution else ""
        meeting = ""
        if event and event.is_published:
            meeting = f"<span>{event_heading(event)}</span>"
        date = f"<span>{esc(ldate(published))}</span>" if published else ""
        download = url(
            "downloads:document", pk=document.pk, filename=document.original_name or "document"
        )
        title = translated_value(document, "title", language)[0]
        rows.append(
            '\n        <li class="doc-row">\n'
            f'          <a class="doc-row-thumb" href="{page}" tabindex="-1" aria-hidden="true">'
            f"{thumbnail}\n</a>\n"
            '          <div class="doc-row-body">\n'
            f'            <p class="doc-kind">{esc(document.get_kind_display())}</p>\n'
            f'            <h2 class="doc-title"><a href="{page}">'
            f"{translated(document, 'title')}</a></h2>\n"
            '            <p class="meta doc-source">\n'
            f"              {source}\n"
            f"              {meeting}\n"
            f"              {date}\n"
            "            </p>\n"
            '            <p class="doc-facts">\n'
            f'              <span class="doc-lang">{esc(document.get_language_display())}</span>\n'
            f"              {_document_link(document, download, title, language=language)}\n"
            "            </p>\n"
            "          </div>\n"
            "        </li>\n      "
        )
    return mark_safe("".join(rows))


@register.simple_tag
def programme_items(items):
    """The items of an event's programme: ``{% programme_items section.items %}``.

    Each with its title (linked to its document's page when that is published), its
    speaker and their role, its institution and its download link. Needs institution and
    document selected. Written in Python (the HTML of the include it replaces).
    """
    url = links.reverser()
    language = get_language()
    by = gettext("by %(name)s")
    rows = []
    for item in items:
        document = item.public_document
        title = translated(item, "title")
        if document:
            title = f'<a href="{esc(url("documents:detail", pk=document.pk))}">{title}</a>'
        speaker = ""
        if item.speaker_name:
            role = translated(item, "speaker_role")
            if role:
                role = f', <span class="programme-role">{role}</span>'
            speaker = (
                f'<p class="programme-speaker">{by % {"name": esc(item.speaker_name)}}{role}</p>'
            )
        institution = item.institution
        presenter = ""
        if institution:
            name = translated(institution, "name")
            page = url("members:detail", slug=institution.slug)
            presenter = f'<a href="{esc(page)}">{name}</a>' if page else name
            if institution.acronym != institution.name:
                presenter += f" ({esc(institution.acronym)})"
            presenter = f'<p class="programme-institution">{presenter}</p>'
        download = ""
        if document:
            link = _document_link(
                document,
                url(
                    "downloads:document",
                    pk=document.pk,
                    filename=document.original_name or "document",
                ),
                translated_value(item, "title", language)[0],
                language=language,
            )
            download = f'<p class="file-meta">{link}</p>'
        rows.append(
            '\n<li class="programme-item">\n'
            f'  <p class="programme-title">{title}</p>\n'
            f"  {speaker}\n"
            f"  {presenter}\n"
            f"  {download}\n"
            "</li>\n\n"
        )
    return mark_safe("".join(rows))


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
