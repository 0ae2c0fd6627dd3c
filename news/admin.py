from django.contrib import admin, messages
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from core.admin import ProseEditorAdminMixin, YearListFilter
from core.images import ImageFormField
from core.signals import objects_updated
from news.models import Article, ArticleImage, ArticleStatus
from news.services import refresh_renditions


class YearFilter(YearListFilter):
    date_field = "published_at"


# A picture with too many pixels is refused with the site's message, before Pillow decodes it.
IMAGE_FORM_FIELD = {models.ImageField: {"form_class": ImageFormField}}


class ArticleImageInline(TranslationStackedInline):
    model = ArticleImage
    formfield_overrides = IMAGE_FORM_FIELD
    extra = 0
    ordering = ["order", "pk"]
    fields = [
        ("image", "thumbnail"),
        ("caption_en", "caption_km"),
        ("alt_text_en", "alt_text_km"),
        "order",
    ]
    readonly_fields = ["thumbnail"]

    @admin.display(description=_("preview"))
    def thumbnail(self, obj):
        if not obj or not obj.image:
            return "–"
        return format_html('<img src="{}" alt="" class="admin-thumbnail">', obj.image.url)


@admin.register(Article)
class ArticleAdmin(ProseEditorAdminMixin, TranslationAdmin):
    inlines = [ArticleImageInline]
    formfield_overrides = IMAGE_FORM_FIELD
    list_display = [
        "__str__",
        "category",
        "status",
        "published_at",
        "source_institution",
        "written_in",
        "visibility",
    ]
    list_filter = ["status", "category", "source_institution", YearFilter]
    list_select_related = ["source_institution"]
    search_fields = ["title_en", "title_km", "summary_en", "summary_km", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["related_event"]
    readonly_fields = ["preview_links"]
    save_on_top = True
    actions = ["publish", "unpublish"]
    # Each pair sits on one row: English on the left, Khmer on the right.
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("title_en", "title_km"),
                    "slug",
                    ("category", "source_institution"),
                    "related_event",
                ]
            },
        ),
        (
            _("Publication"),
            {"fields": [("status", "published_at"), "preview_links"]},
        ),
        (
            _("Text"),
            {"fields": [("summary_en", "summary_km"), ("body_en", "body_km")]},
        ),
        (
            _("Cover image"),
            {
                "fields": [
                    "cover",
                    ("cover_alt_en", "cover_alt_km"),
                    ("cover_caption_en", "cover_caption_km"),
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["news/admin.css"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Renditions are made here, once per new picture, not in the model's save().
        refresh_renditions(obj, "cover", "cover_renditions")

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is ArticleImage:
            changed = [photo for photo, _fields in formset.changed_objects]
            for photo in [*formset.new_objects, *changed]:
                refresh_renditions(photo, "image", "renditions")

    @admin.display(description=_("written in"))
    def written_in(self, obj: Article) -> str:
        return ", ".join(code.upper() for code in obj.languages)

    @admin.display(description=_("public now"), boolean=True)
    def visibility(self, obj: Article) -> bool:
        return obj.is_public

    @admin.display(description=_("preview on the site"))
    def preview_links(self, obj: Article):
        if not obj or not obj.pk:
            return _("Save the article first; then you can look at it on the site.")
        links = []
        for code, name in (("en", "English"), ("km", "ខ្មែរ")):
            with translation.override(code):
                links.append((reverse("news:detail", kwargs={"slug": obj.slug}), name))
        note = (
            _("The public sees this article now.")
            if obj.is_public
            else _("Only the secretariat can see these pages until the article is published.")
        )
        return format_html(
            "{} <br><span class='help'>{}</span>",
            format_html_join(" · ", '<a href="{}" target="_blank" rel="noopener">{}</a>', links),
            note,
        )

    @staticmethod
    def _set_status(queryset, status) -> int:
        # The selection is read once: re-reading a filtered changelist after the update
        # (?status=draft, say) would miss the rows just changed.
        selected = Article.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))
        count = selected.update(status=status, updated_at=timezone.now())
        # update() sends no post_save: tell who keeps copies (the site search).
        objects_updated.send(sender=Article, objects=selected)
        return count

    @admin.action(description=_("Publish the selected articles"))
    def publish(self, request, queryset):
        count = self._set_status(queryset, ArticleStatus.PUBLISHED)
        self.message_user(
            request,
            ngettext(
                "%(count)d article published (a future publication time still applies).",
                "%(count)d articles published (a future publication time still applies).",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Return the selected articles to draft"))
    def unpublish(self, request, queryset):
        count = self._set_status(queryset, ArticleStatus.DRAFT)
        self.message_user(
            request,
            ngettext(
                "%(count)d article returned to draft.",
                "%(count)d articles returned to draft.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
