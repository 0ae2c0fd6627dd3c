import django_filters
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.khmer import to_khmer_digits
from events.models import Event, EventKind
from members.models import Country, MemberInstitution


class HostChoiceFilter(django_filters.ModelChoiceFilter):
    """Only institutions that hosted a published event are offered."""

    def get_queryset(self, request):
        return (
            MemberInstitution.objects.filter(hosted_events__is_published=True)
            .distinct()
            .order_by("acronym")
        )


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=EventKind.choices, empty_label=_("All kinds")
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="starts_on",
        lookup_expr="year",
        choices=[],  # filled per request in __init__, in one query
        empty_label=_("All years"),
    )
    host = HostChoiceFilter(
        label=_("Host"),
        to_field_name="slug",
        empty_label=_("All hosts"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=Country.choices, empty_label=_("All countries")
    )

    class Meta:
        model = Event
        fields = ["kind", "year", "host", "country"]

    def __init__(self, *args, kind: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        years = Event.objects.published()
        if kind:
            years = years.of_kind(kind)
        show = to_khmer_digits if get_language() == "km" else str
        self.filters["year"].extra["choices"] = [(year, show(year)) for year in years.years()]
        # On a kind's own page (/events/assa-board-meeting/) the kind is already chosen.
        if kind:
            del self.filters["kind"]
