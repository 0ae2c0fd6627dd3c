from django.views.generic import DetailView, ListView

from members.filters import DirectoryFilter
from members.models import Country, MemberInstitution


class DirectoryView(ListView):
    """Active member institutions grouped by country, filterable by country.

    Two queries whatever the number of institutions: the list and the count per country.
    """

    template_name = "members/directory.html"
    context_object_name = "institutions"

    def get_queryset(self):
        self.filterset = DirectoryFilter(
            self.request.GET or None, queryset=MemberInstitution.objects.for_directory()
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        institutions = list(context["institutions"])
        counts = MemberInstitution.objects.country_counts()
        selected = (
            self.filterset.form.cleaned_data.get("country")
            if self.filterset.is_bound and self.filterset.is_valid()
            else ""
        )
        context.update(
            {
                "groups": group_by_country(institutions),
                "countries": [
                    {"code": code, "label": label, "count": counts[code]}
                    for code, label in Country.choices
                    if code in counts
                ],
                # Every ASEAN country, for the tile map: those without members show empty.
                "country_grid": [
                    {"code": code, "label": label, "count": counts.get(code, 0)}
                    for code, label in Country.choices
                ],
                "selected_country": selected or "",
                "selected_country_label": Country(selected).label if selected else "",
                "total": sum(counts.values()),
                "filter": self.filterset,
            }
        )
        return context


def group_by_country(institutions: list[MemberInstitution]) -> list[dict]:
    """[{"code": "KH", "label": "Cambodia", "institutions": [...]}, ...] in Country's order."""
    by_code: dict[str, list[MemberInstitution]] = {}
    for institution in institutions:
        by_code.setdefault(institution.country, []).append(institution)
    return [
        {"code": code, "label": label, "institutions": by_code[code]}
        for code, label in Country.choices
        if code in by_code
    ]


class InstitutionDetailView(DetailView):
    """One active institution with its key figures (two queries); inactive ones are 404."""

    template_name = "members/institution_detail.html"
    context_object_name = "institution"

    def get_queryset(self):
        return MemberInstitution.objects.active().with_key_figures()
