from django.contrib import admin
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.admin import ProseEditorAdminMixin
from pages.models import Page


@admin.register(Page)
class PageAdmin(ProseEditorAdminMixin, TranslationAdmin):
    list_display = ["__str__", "slug", "placement", "order", "status", "written_in"]
    list_editable = ["order"]
    list_filter = ["status", "placement"]
    search_fields = ["title_en", "title_km", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["preview_links"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": [("title_en", "title_km"), "slug"]}),
        (
            _("Publication"),
            {"fields": [("status", "placement", "order"), "preview_links"]},
        ),
        (
            _("Text"),
            {
                "fields": [
                    ("summary_en", "summary_km"),
                    ("body_en", "body_km"),
                ]
            },
        ),
        (
            _("Contact details"),
            {
                "fields": [
                    "shows_contact_details",
                    ("organisation_en", "organisation_km"),
                    ("address_en", "address_km"),
                    ("email", "phone"),
                ],
                "description": _(
                    "Give them on one page only (Contact): the footer of every page shows "
                    "them. They change when the secretariat moves."
                ),
            },
        ),
    ]

    @admin.display(description=_("written in"))
    def written_in(self, obj: Page) -> str:
        return ", ".join(code.upper() for code in obj.languages)

    @admin.display(description=_("preview on the site"))
    def preview_links(self, obj: Page):
        if not obj or not obj.pk:
            return _("Save the page first; then you can look at it on the site.")
        links = []
        for code, name in (("en", "English"), ("km", "ខ្មែរ")):
            with translation.override(code):
                links.append((obj.get_absolute_url(), name))
        return format_html_join(" · ", '<a href="{}" target="_blank" rel="noopener">{}</a>', links)
