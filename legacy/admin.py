from django.contrib import admin

from legacy.models import LegacyPath


@admin.register(LegacyPath)
class LegacyPathAdmin(admin.ModelAdmin):
    """The old site's file addresses and the documents they redirect to."""

    list_display = ["path", "document"]
    list_select_related = ["document"]
    search_fields = ["path"]
    autocomplete_fields = ["document"]
