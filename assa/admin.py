"""Admin pieces shared by the apps."""

from django.contrib import admin
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _


class YearListFilter(admin.SimpleListFilter):
    """Filter a change list by the year of ``date_field``, newest year first.

    Subclass and set ``date_field``: ``class YearFilter(YearListFilter): date_field = "starts_on"``.
    """

    title = _("year")
    parameter_name = "year"
    date_field = ""

    def lookups(self, request, model_admin):
        years = (
            model_admin.model._default_manager.annotate(year=ExtractYear(self.date_field))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        return [(str(year), str(year)) for year in years if year is not None]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(**{f"{self.date_field}__year": self.value()})
        return queryset
