from django.db.models import Exists, OuterRef
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.filters import (
    AllowedChoiceFilter,
    CachedChoicesFilterSet,
    CharFilter,
    ChoiceFilter,
    model_choices,
)
from core.khmer import to_khmer_digits
from documents.models import (
    Document,
    DocumentKind,
    DocumentLanguage,
    Presentation,
    public_q,
)
from events.models import Event
from members.models import MemberInstitution


def institutions_with_documents():
    """Institutions with a published document (EXISTS: no DISTINCT over whole rows)."""
    published = Document.objects.published().filter(institution=OuterRef("pk"))
    return (
        MemberInstitution.objects.filter(Exists(published))
        .only("pk", "slug", "acronym", "country")
        .order_by("acronym")
    )


def events_with_documents():
    """Published events with a published document, directly or in their programme."""
    documents = Document.objects.published().filter(event=OuterRef("pk"))
    in_programme = Presentation.objects.filter(public_q("document__"), event=OuterRef("pk"))
    return (
        Event.objects.published()
        .filter(Exists(documents) | Exists(in_programme))
        .only("pk", "kind", "number", "title", "starts_on")
        .order_by("-starts_on", "-pk")
    )


class DocumentFilter(CachedChoicesFilterSet):
    q = CharFilter(label=_("Title"), method="filter_title")
    kind = ChoiceFilter(label=_("Kind"), choices=DocumentKind.choices, empty_label=_("All kinds"))
    # Only institutions with a published document, and published events with a published
    # document (directly or in their programme), are offered.
    institution = AllowedChoiceFilter(
        label=_("Institution"),
        queryset=MemberInstitution.objects.all(),
        allowed=institutions_with_documents,
        to_field_name="slug",
        empty_label=_("All institutions"),
    )
    event = AllowedChoiceFilter(
        label=_("Event"),
        queryset=Event.objects.all(),
        allowed=events_with_documents,
        method="filter_event",
        empty_label=_("All events"),
    )
    year = ChoiceFilter(
        label=_("Year"),
        method="filter_year",
        choices=[],  # filled per request in __init__, in one query
        empty_label=_("All years"),
    )
    language = ChoiceFilter(
        label=_("Language"), choices=DocumentLanguage.choices, empty_label=_("All languages")
    )

    class Meta:
        model = Document
        fields = ["q", "kind", "institution", "event", "year", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["q"].field.widget.input_type = "search"

    def choice_builders(self):
        show = to_khmer_digits if get_language() == "km" else str
        return {
            "institution": lambda: model_choices(institutions_with_documents(), "slug"),
            "event": lambda: model_choices(events_with_documents()),
            "year": lambda: [
                (str(year), show(year)) for year in Document.objects.published().years()
            ],
        }

    def filter_title(self, queryset, name, value):
        return queryset.search(value)

    def filter_event(self, queryset, name, value):
        return queryset.of_event(value) if value else queryset

    def filter_year(self, queryset, name, value):
        return queryset.with_year().filter(year=int(value)) if value else queryset
