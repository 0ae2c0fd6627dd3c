import django_filters
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.khmer import to_khmer_digits
from documents.models import Document, DocumentKind, DocumentLanguage, DocumentStatus
from events.models import Event
from members.models import MemberInstitution


class InstitutionFilter(django_filters.ModelChoiceFilter):
    """Only institutions with a published document are offered."""

    def get_queryset(self, request):
        return (
            MemberInstitution.objects.filter(documents__status=DocumentStatus.APPROVED)
            .distinct()
            .order_by("acronym")
        )


class EventFilter(django_filters.ModelChoiceFilter):
    """Only published events with a published document, directly or in their programme."""

    def get_queryset(self, request):
        return (
            Event.objects.published()
            .filter(
                Q(documents__status=DocumentStatus.APPROVED)
                | Q(presentations__document__status=DocumentStatus.APPROVED)
            )
            .distinct()
            .order_by("-starts_on", "-pk")
        )


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Title"), method="filter_title")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=DocumentKind.choices, empty_label=_("All kinds")
    )
    institution = InstitutionFilter(
        label=_("Institution"), to_field_name="slug", empty_label=_("All institutions")
    )
    event = EventFilter(label=_("Event"), method="filter_event", empty_label=_("All events"))
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        method="filter_year",
        choices=[],  # filled per request in __init__, in one query
        empty_label=_("All years"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=DocumentLanguage.choices, empty_label=_("All languages")
    )

    class Meta:
        model = Document
        fields = ["q", "kind", "institution", "event", "year", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show = to_khmer_digits if get_language() == "km" else str
        years = Document.objects.published().years()
        self.filters["year"].extra["choices"] = [(str(year), show(year)) for year in years]
        self.filters["q"].field.widget.input_type = "search"

    def filter_title(self, queryset, name, value):
        return queryset.search(value)

    def filter_event(self, queryset, name, value):
        return queryset.of_event(value) if value else queryset

    def filter_year(self, queryset, name, value):
        return queryset.with_year().filter(year=int(value)) if value else queryset
