"""Admin pieces shared by the apps, and the login-throttling records for superusers."""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from csp.decorators import csp_update
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


# ---- django-axes: failed logins, lockouts and logins, for superusers only ----------------
# Deleting an access attempt unlocks that user name and address (see README, "Running the
# site"). Not for the Secretariat: the records hold addresses and the power to unlock.


for model in (AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class SuperuserOnlyAdmin:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(SuperuserOnlyAdmin, axes_admin.AccessAttemptAdmin):
    pass


@admin.register(AccessLog)
class AccessLogAdmin(SuperuserOnlyAdmin, axes_admin.AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class AccessFailureLogAdmin(SuperuserOnlyAdmin, axes_admin.AccessFailureLogAdmin):
    pass


# The stylesheet that Tiptap (the prose editor's engine) adds to the page as an inline
# <style data-tiptap-style> when an editor starts: the policy allows that one block by its
# hash. A new django-prose-editor may change it; the browser tests then fail on the CSP
# violation, and Chromium's console message gives the new hash to put here.
PROSE_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


class ProseEditorAdminMixin:
    """Change forms with django-prose-editor's rich-text widgets, under the site's CSP.

    The editor needs two inline things, allowed on these pages only and one by one:
    its import map, an inline ``<script type="importmap">``, gets the request's nonce
    (``script-src 'self' 'nonce-...'``; pages that never ask for a nonce get none), and
    Tiptap's own stylesheet is allowed by its hash. Nothing else inline runs.
    """

    def render_change_form(self, request, context, *args, **kwargs):
        # django-js-asset's Media (what the editor's widgets use) can carry a nonce.
        with_nonce = getattr(context.get("media"), "with_nonce", None)
        nonce = getattr(request, "csp_nonce", None)
        if with_nonce is not None and nonce is not None:
            context["media"] = with_nonce(str(nonce))
        render = csp_update({"style-src": [PROSE_EDITOR_STYLE_HASH]})(super().render_change_form)
        return render(request, context, *args, **kwargs)
