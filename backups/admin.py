"""The record of backups, restores and file checks: read-only, for the Secretariat."""

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from backups.models import MaintenanceRun
from core.permissions import is_secretariat


@admin.register(MaintenanceRun)
class MaintenanceRunAdmin(admin.ModelAdmin):
    list_display = ["finished_at", "kind", "succeeded", "size_display", "summary"]
    list_filter = ["kind", "succeeded"]
    date_hierarchy = "finished_at"
    fields = [
        "kind",
        "succeeded",
        "started_at",
        "finished_at",
        "size_display",
        "files_checked",
        "problems",
        "summary",
        "details",
    ]
    readonly_fields = fields

    @admin.display(description=_("size"), ordering="size")
    def size_display(self, run):
        return filesizeformat(run.size) if run.size is not None else "–"

    # Written by the commands only; the Secretariat reads them (so does a superuser).
    def has_module_permission(self, request):
        return is_secretariat(request.user)

    def has_view_permission(self, request, obj=None):
        return is_secretariat(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
