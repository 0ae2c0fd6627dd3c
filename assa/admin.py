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


class CSPNonceMediaMixin:
    """Change forms whose widgets bring an import map (django-prose-editor's rich text).

    The import map is an inline ``<script type="importmap">``, which the site's
    Content-Security-Policy allows only with the request's nonce (``script-src 'self'
    'nonce-...'``): this hands the nonce to the form's media, and asking for it puts it in
    the page's header. Pages that never ask for a nonce get none.
    """

    def render_change_form(self, request, context, *args, **kwargs):
        # django-js-asset's Media (what the editor's widgets use) can carry a nonce.
        with_nonce = getattr(context.get("media"), "with_nonce", None)
        nonce = getattr(request, "csp_nonce", None)
        if with_nonce is not None and nonce is not None:
            context["media"] = with_nonce(str(nonce))
        return super().render_change_form(request, context, *args, **kwargs)
