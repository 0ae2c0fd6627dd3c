from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import DetailView, ListView

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
        events = Event.objects.published().for_listing().in_calendar_order()
        kind = self.get_kind()
        if kind:
            events = events.of_kind(kind)
        return events

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


def _related_articles(event: Event) -> list:
    """Published news linked to this event (one query), through news' ``related_event``."""
    return list(event.articles.published()[:6])


def programme_items():
    """The items of a programme, each with its institution and its file (one query); the
    file's event too, which decides whether the file is public."""
    presentation = Event._meta.get_field("presentations").related_model
    return presentation._default_manager.select_related(
        "institution", "document", "document__event"
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
        return events.select_related("host", "minutes_approved_at").prefetch_related(
            # The programme: the documents app's presentations of this event with their
            # institutions and files, in one query. Events do not import documents: the
            # model is the one at the other end of the relation's related_name.
            Prefetch("presentations", queryset=programme_items()),
            Prefetch(
                "handovers",
                queryset=Term.objects.prefetch_related(
                    Prefetch(
                        "office_holders",
                        queryset=OfficeHolder.objects.select_related("institution"),
                    )
                ),
            ),
            Prefetch(
                "approved_minutes_of",
                queryset=Event.objects.published().order_by("starts_on"),
                to_attr="published_approved_minutes_of",
            ),
        )

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        return get_object_or_404(queryset, kind=self.kwargs["kind"], slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        presentations = list(event.presentations.all())
        context["programme"] = _group_programme(presentations)
        context["minutes"] = [p for p in presentations if p.category == "minutes"]
        approved_at = event.minutes_approved_at
        context["minutes_approved_at"] = (
            approved_at if approved_at and approved_at.is_published else None
        )
        context["previous_event"], context["next_event"] = _neighbours(event)
        context["related_articles"] = _related_articles(event)
        return context


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


def _neighbours(event: Event) -> tuple[Event | None, Event | None]:
    """The published events of the same kind just before and just after this one."""
    same_kind = (
        Event.objects.published()
        .of_kind(event.kind)
        .exclude(pk=event.pk)
        .only("pk", "kind", "slug", "number", "title", "starts_on")
    )
    earlier = Q(starts_on__lt=event.starts_on) | Q(starts_on=event.starts_on, pk__lt=event.pk)
    later = Q(starts_on__gt=event.starts_on) | Q(starts_on=event.starts_on, pk__gt=event.pk)
    previous_event = same_kind.filter(earlier).order_by("-starts_on", "-pk").first()
    next_event = same_kind.filter(later).order_by("starts_on", "pk").first()
    return previous_event, next_event


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
