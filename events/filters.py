from django.db.models import Exists, OuterRef
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.filters import AllowedChoiceFilter, CachedChoicesFilterSet, ChoiceFilter, model_choices
from core.khmer import to_khmer_digits
from events.models import Event, EventKind
from members.models import Country, MemberInstitution


def hosts_of_published_events():
    """Institutions that hosted a published event (EXISTS: no DISTINCT over whole rows)."""
    hosted = Event.objects.published().filter(host=OuterRef("pk"))
    return (
        MemberInstitution.objects.filter(Exists(hosted))
        .only("pk", "slug", "acronym", "country")
        .order_by("acronym")
    )


class EventFilter(CachedChoicesFilterSet):
    kind = ChoiceFilter(label=_("Kind"), choices=EventKind.choices, empty_label=_("All kinds"))
    year = ChoiceFilter(
        label=_("Year"),
        field_name="starts_on",
        lookup_expr="year",
        choices=[],  # filled per request in __init__, in one query
        empty_label=_("All years"),
    )
    # Only institutions that hosted a published event are offered.
    host = AllowedChoiceFilter(
        label=_("Host"),
        queryset=MemberInstitution.objects.all(),
        allowed=hosts_of_published_events,
        to_field_name="slug",
        empty_label=_("All hosts"),
    )
    country = ChoiceFilter(
        label=_("Country"), choices=Country.choices, empty_label=_("All countries")
    )

    class Meta:
        model = Event
        fields = ["kind", "year", "host", "country"]

    def __init__(self, *args, kind: str | None = None, **kwargs):
        self.kind = kind
        super().__init__(*args, **kwargs)
        # On a kind's own page (/events/assa-board-meeting/) the kind is already chosen.
        if kind:
            del self.filters["kind"]

    def choices_cache_name(self) -> str:
        return f"{super().choices_cache_name()}:{self.kind or ''}"

    def choice_builders(self):
        events = Event.objects.published()
        if self.kind:
            events = events.of_kind(self.kind)
        show = to_khmer_digits if get_language() == "km" else str
        return {
            "year": lambda: [(year, show(year)) for year in events.years()],
            "host": lambda: model_choices(hosts_of_published_events(), "slug"),
        }
