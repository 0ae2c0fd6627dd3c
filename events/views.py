from functools import lru_cache

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import DetailView, ListView

from core.caching import cached_for_content
from core.permissions import is_secretariat
from core.views import FilteredListView
from events.feeds import build_calendar
from events.filters import EventFilter
from events.models import Event, EventKind, OfficeHolder, Term


class EventListView(FilteredListView):
    """All published events, or one kind's: upcoming first, then the past, latest first."""

    filterset_class = EventFilter
    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 12

    def get_kind(self) -> str | None:
        kind = self.kwargs.get("kind")
        if kind is not None and kind not in EventKind.values:
            raise Http404
        return kind

    def get_queryset(self):
        return _listing(self.get_kind(), timezone.localdate()).all()

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["kind"] = self.get_kind()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.get_kind()
        context["kind"] = kind
        context["kind_label"] = EventKind(kind).label if kind else ""
        context["kinds"] = EventKind.choices
        return context


# The columns of a link to another event: its name, address and date.
EVENT_LINK_FIELDS = ("kind", "slug", "number", "title", "starts_on", "is_published")
# The columns of a link to an institution.
INSTITUTION_LINK_FIELDS = ("slug", "acronym", "name")


@lru_cache(maxsize=32)
def _listing(kind: str | None, today):
    """The published events (of one kind) in calendar order, as of ``today``.

    Built once per kind and day and copied for each request (a QuerySet is never run
    here, only copied): the order's two CASE expressions cost more Python to build
    than the page's query takes to run.
    """
    events = Event.objects.published().for_listing().in_calendar_order(today)
    return events.of_kind(kind) if kind else events


def _related_articles(event: Event) -> list:
    """Published news linked to this event (one query), through news' ``related_event``."""
    return list(
        event.articles.published().only("title", "slug", "published_at", "related_event")[:6]
    )


def programme_items():
    """The items of a programme, each with its institution and its file (one query); the
    file's event too, which decides whether the file is public.

    Only the columns the programme shows (the file's for its link, not its text). Built
    once per process (naming the columns costs more than the query) and copied.
    """
    return _programme_items().all()


@lru_cache(maxsize=1)
def _programme_items():
    presentation = Event._meta.get_field("presentations").related_model
    return presentation._default_manager.select_related(
        "institution", "document", "document__event"
    ).only(
        "event",
        "category",
        "title",
        "speaker_name",
        "speaker_role",
        "order",
        "institution",
        *(f"institution__{name}" for name in INSTITUTION_LINK_FIELDS),
        "document",
        "document__title",
        "document__status",
        "document__original_name",
        "document__content_type",
        "document__size",
        "document__page_count",
        "document__event",
        "document__event__is_published",
    )


class EventDetailView(DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        events = Event.objects.all()
        # The secretariat may look at a draft from the admin ("view on site"); no one else,
        # not even other staff.
        if not is_secretariat(self.request.user):
            events = events.published()
        return with_page_data(events)

    def get_object(self, queryset=None):
        kind, slug = self.kwargs["kind"], self.kwargs["slug"]
        if queryset is None and not is_secretariat(self.request.user):
            return published_event_page(kind, slug)
        return _event_page(self.get_queryset() if queryset is None else queryset, kind, slug)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        presentations = list(event.presentations.all())
        context["programme"] = _group_programme(presentations)
        context["minutes"] = [p for p in presentations if p.category == "minutes"]
        published = published_event_links()
        # Only published meetings are linked (the index holds no other).
        context["minutes_approved_at"] = published.get(event.minutes_approved_at_id)
        context["approved_minutes_of"] = [
            earlier for earlier in published.values() if earlier.minutes_approved_at_id == event.pk
        ]
        context["previous_event"], context["next_event"] = _neighbours(event, published)
        context["handovers"] = [
            term for term in chairmanship_terms() if term.handover_event_id == event.pk
        ]
        context["related_articles"] = event.related_articles
        return context


def with_page_data(events):
    """The events with what their page shows from other tables, in two queries.

    The meetings it links to (previous, next, minutes) come from published_event_links,
    the terms handed over at it from chairmanship_terms.
    """
    return events.select_related("host").prefetch_related(
        # The programme: the documents app's presentations of this event with their
        # institutions and files, in one query. Events do not import documents: the
        # model is the one at the other end of the relation's related_name.
        Prefetch("presentations", queryset=programme_items()),
    )


def published_event_page(kind: str, slug: str) -> Event:
    """The published event at this address with what its page reads from the database
    (its host, its programme with institutions and files, the related news), kept until
    content changes (``core.caching``); Http404 if there is none (not kept: a crawler's
    made-up addresses fill no memory).

    Everyone but the secretariat sees the same published event, so each process builds
    it once per content version rather than in four queries per request.
    """

    return cached_for_content(
        f"event-page:{kind}:{slug}",
        lambda: _event_page(with_page_data(Event.objects.published()), kind, slug),
        per_language=False,
    )


def _event_page(events, kind: str, slug: str) -> Event:
    """The event at this address among ``events`` (``with_page_data``), with its related
    news; Http404 if there is none."""
    event = get_object_or_404(events, kind=kind, slug=slug)
    event.related_articles = _related_articles(event)
    return event


def _group_programme(presentations: list) -> list[dict]:
    """The programme in sections, in the order of the categories (minutes shown apart)."""
    if not presentations:
        return []
    categories = presentations[0]._meta.get_field("category").choices
    sections = []
    for category, _label in categories:
        if category == "minutes":
            continue
        items = [p for p in presentations if p.category == category]
        if items:
            sections.append({"category": category, "items": items})
    return sections


def published_event_links() -> dict[int, Event]:
    """Every published event with what a link to it shows (name, address, date), by pk,
    in date order; kept until content changes (``core.caching``).

    An event page links the meetings before and after it, the one that approved its
    minutes and those whose minutes it approved: looked up here rather than with a query
    each. A few dozen small rows (a meeting or two a year).
    """
    return cached_for_content(
        "event-links",
        lambda: {
            event.pk: event
            for event in Event.objects.published()
            .only(*EVENT_LINK_FIELDS, "minutes_approved_at")
            .order_by("starts_on", "pk")
        },
        per_language=False,
    )


def chairmanship_terms() -> list[Term]:
    """Every chairmanship term with its office holders and their institutions, newest
    first; kept until content changes (a term a year: a few dozen small rows)."""
    holders = OfficeHolder.objects.select_related("institution").only(
        "term",
        "office",
        "person_name",
        "person_title",
        "institution",
        *(f"institution__{name}" for name in INSTITUTION_LINK_FIELDS),
    )
    return cached_for_content(
        "chairmanship-terms",
        lambda: list(
            Term.objects.order_by("-number").prefetch_related(
                Prefetch("office_holders", queryset=holders)
            )
        ),
        per_language=False,
    )


def _neighbours(event: Event, published: dict[int, Event]) -> tuple[Event | None, Event | None]:
    """The published events of the same kind just before and just after this one."""
    here = (event.starts_on, event.pk)
    same_kind = [e for e in published.values() if e.kind == event.kind and e.pk != event.pk]
    earlier = [e for e in same_kind if (e.starts_on, e.pk) < here]
    later = [e for e in same_kind if (e.starts_on, e.pk) > here]
    # The index is in date order (then pk): the last earlier one, the first later one.
    return (earlier[-1] if earlier else None), (later[0] if later else None)


class ChairmanshipView(ListView):
    """Every chairmanship term, newest first, with its office holders and handover meeting."""

    template_name = "events/chairmanship.html"
    context_object_name = "terms"

    def get_queryset(self):
        return Term.objects.select_related("handover_event").prefetch_related(
            Prefetch("office_holders", queryset=OfficeHolder.objects.select_related("institution"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Which term is in office today, and which is recorded ahead of its handover.
        today = timezone.localdate()
        terms = context["terms"] = list(context["terms"])
        started = [term for term in terms if term.has_started(today)]
        current = max(started, key=lambda term: term.number, default=None)
        for term in terms:
            if not term.has_started(today):
                term.state = "incoming"
            elif term is current:
                term.state = "current"
            else:
                term.state = ""
        return context


def calendar_feed(request):
    """An iCalendar (RFC 5545) file of every published event, in the page's language."""
    events = Event.objects.published().select_related("host").order_by("starts_on", "pk")
    body = build_calendar(events)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="assa-events.ics"'
    return response
