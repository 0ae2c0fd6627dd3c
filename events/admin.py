from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.admin import ProseEditorAdminMixin, YearListFilter
from events.forms import EventAdminForm
from events.models import Event, OfficeHolder, Term


class YearFilter(YearListFilter):
    date_field = "starts_on"


@admin.register(Event)
class EventAdmin(ProseEditorAdminMixin, TranslationAdmin):
    form = EventAdminForm
    list_display = [
        "__str__",
        "kind",
        "starts_on",
        "status",
        "host",
        "format",
        "is_published",
    ]
    list_display_links = ["__str__"]
    list_filter = ["kind", YearFilter, "status", "host", "format", "is_published"]
    list_select_related = ["host"]
    search_fields = ["title_en", "title_km", "summary_en", "city_en", "slug", "host__acronym"]
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["minutes_approved_at"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["kind", "number", "title", "slug", "is_published"]}),
        (
            _("When and where"),
            {"fields": ["starts_on", "ends_on", "format", "host", "country", "city"]},
        ),
        (_("Status"), {"fields": ["status", "status_note"]}),
        (_("Text"), {"fields": ["summary", "body"]}),
        (_("Minutes"), {"fields": ["minutes_approved_at"]}),
        (_("Old site"), {"fields": ["legacy_permalink"], "classes": ["collapse"]}),
    ]


class OfficeHolderInline(TranslationTabularInline):
    model = OfficeHolder
    extra = 0
    max_num = 3
    fields = ["office", "institution", "person_name", "person_title"]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["label", "starts_year", "ends_year", "handover_event"]
    list_select_related = ["handover_event"]
    search_fields = ["number"]
    inlines = [OfficeHolderInline]
    autocomplete_fields = ["handover_event"]
