import re

from django.contrib import admin
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.admin import ProseEditorAdminMixin, YearListFilter
from core.i18n import language_codes
from core.khmer import to_ascii_digits
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
    # No prepopulated slug: left empty, the form makes it from the country and year of a
    # board meeting ("philippines-2027"), or from the title of another event.
    autocomplete_fields = ["minutes_approved_at"]
    readonly_fields = ["heading"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["kind", "number", "heading", "title", "slug", "is_published"]}),
        (
            _("When and where"),
            {"fields": ["starts_on", "ends_on", "format", "host", "country", "city"]},
        ),
        (_("Status"), {"fields": ["status", "status_note"]}),
        (_("Text"), {"fields": ["summary", "body"]}),
        (_("Minutes"), {"fields": ["minutes_approved_at"]}),
        (_("Old site"), {"fields": ["legacy_permalink"], "classes": ["collapse"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """Also finds a numbered meeting by its number: "40", "40th", "លើកទី៤០" (the
        heading is not stored, so the words of the other fields alone would not)."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        number = re.search(r"(?<!\d)(\d{1,4})(?:st|nd|rd|th)?(?!\d)", to_ascii_digits(search_term))
        if number:
            results = results | queryset.filter(number=int(number.group(1)))
        return results, may_have_duplicates

    @admin.display(description=_("heading"))
    def heading(self, event):
        """The heading the site makes from a board meeting's number, in each language."""
        names = []
        for code in language_codes():
            with translation.override(code):
                names.append((code, event.numbered_name))
        if not event.pk or not names[0][1]:
            return _("Made from the number for a board meeting, once saved.")
        return format_html_join(" · ", '<span lang="{}">{}</span>', names)


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
