from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.images import ImageFormField
from members.forms import MemberInstitutionAdminForm
from members.models import KeyFigure, KeyFigureValue, MemberInstitution, Membership
from members.services import record_current_value, refresh_latest_value, refresh_logo_web

User = get_user_model()


def logo_thumbnail(institution: MemberInstitution, size: str = "small"):
    """The logo as the admin shows it; its size comes from css/admin.css (no inline styles)."""
    image = institution.logo_web or institution.logo
    if not image:
        return "–"
    return format_html(
        '<img src="{}" alt="" class="admin-logo admin-logo-{}">',
        image.url,
        size,
    )


class HttpsURLMixin:
    """Web addresses typed without a scheme are taken as https:// (Django 6's default)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class KeyFigureInline(HttpsURLMixin, TranslationTabularInline):
    model = KeyFigure
    extra = 0
    ordering = ["order", "pk"]
    fields = ["label_en", "label_km", "value", "as_of", "source_url", "order"]
    # Its values over time are entered on the figure's own page ("Change").
    show_change_link = True

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            # A plain box: the admin's "Currently / Change" widget is too wide for a table row.
            kwargs["widget"] = forms.URLInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class SuperuserEditsMembershipsMixin:
    """Memberships: only superusers add, change or delete them; the secretariat sees them.

    The institution a user acts for decides which unpublished papers they read, so moving a
    user is the superuser's decision, like the rest of a user's rights (see README).
    Django drops a change or addition posted by someone without the permission.
    """

    def has_add_permission(self, request, *args):
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class MembershipInline(SuperuserEditsMembershipsMixin, admin.TabularInline):
    """The users who act for the institution in the member portal."""

    model = Membership
    extra = 0
    fields = ["user", "user_email", "user_is_active", "user_last_login", "language"]
    readonly_fields = ["user_email", "user_is_active", "user_last_login"]
    verbose_name = _("user of this institution")
    verbose_name_plural = _("users of this institution")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = User.objects.order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("email"))
    def user_email(self, obj: Membership) -> str:
        return obj.user.email if obj.pk else "–"

    @admin.display(description=_("can log in"), boolean=True)
    def user_is_active(self, obj: Membership) -> bool | None:
        return obj.user.is_active if obj.pk else None

    @admin.display(description=_("last login"))
    def user_last_login(self, obj: Membership):
        return (obj.user.last_login or "–") if obj.pk else "–"


@admin.register(MemberInstitution)
class MemberInstitutionAdmin(HttpsURLMixin, TranslationAdmin):
    form = MemberInstitutionAdminForm
    # A picture with too many pixels is refused with the site's message, before Pillow decodes it.
    formfield_overrides = {models.ImageField: {"form_class": ImageFormField}}
    inlines = [KeyFigureInline, MembershipInline]
    list_display = [
        "thumbnail",
        "acronym",
        "name",
        "country",
        "is_active",
        "order",
        "user_count",
    ]
    list_display_links = ["thumbnail", "acronym", "name"]
    list_filter = ["country", "is_active"]
    search_fields = ["name_en", "name_km", "acronym", "slug"]
    prepopulated_fields = {"slug": ["acronym"]}
    readonly_fields = ["logo_preview"]
    save_on_top = True

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is KeyFigure:
            # A value typed here joins the figure's history (the chart on the public page).
            changed = [figure for figure, _fields in formset.changed_objects]
            for figure in [*formset.new_objects, *changed]:
                record_current_value(figure)

    # Each pair sits on one row: English on the left, Khmer on the right.
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("name_en", "name_km"),
                    ("acronym", "slug"),
                    "country",
                    ("is_active", "order"),
                ]
            },
        ),
        (_("Logo"), {"fields": ["logo", "logo_preview"]}),
        (_("Contact"), {"fields": ["website", "contact"]}),
        (_("Description"), {"fields": [("description_en", "description_km")]}),
    ]

    class Media:
        css = {"all": ["members/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(user_count=Count("memberships"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The web copy is made here, once per new logo, not in the model's save().
        refresh_logo_web(obj)

    @admin.display(description=_("logo"))
    def thumbnail(self, obj: MemberInstitution):
        return logo_thumbnail(obj)

    @admin.display(description=_("web copy of the logo"))
    def logo_preview(self, obj: MemberInstitution):
        if not obj or not obj.logo:
            return _("No logo yet.")
        if not obj.logo_web:
            return _("The logo could not be read, so the site shows the acronym instead.")
        return format_html(
            '{}<br><span class="help">{}</span>',
            logo_thumbnail(obj, "large"),
            _("%(width)s × %(height)s pixels, as the site shows it.")
            % {"width": obj.logo_web_width, "height": obj.logo_web_height},
        )

    @admin.display(description=_("users"), ordering="user_count")
    def user_count(self, obj: MemberInstitution) -> int:
        return obj.user_count


@admin.register(Membership)
class MembershipAdmin(SuperuserEditsMembershipsMixin, admin.ModelAdmin):
    """Links a user account to its institution, for the member portal."""

    list_display = ["user", "user_email", "institution", "language"]
    list_filter = ["institution", "language"]
    list_select_related = ["user", "institution"]
    search_fields = [
        "user__username",
        "user__email",
        "institution__acronym",
        "institution__name_en",
    ]
    fields = ["user", "institution", "language"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = User.objects.order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("email"), ordering="user__email")
    def user_email(self, obj: Membership) -> str:
        return obj.user.email


class MembershipUserInline(SuperuserEditsMembershipsMixin, admin.StackedInline):
    model = Membership
    can_delete = True
    fields = ["institution", "language"]
    verbose_name = _("member institution")
    verbose_name_plural = _("member institution")


# The user's page also shows (and sets) the institution the user acts for.
if admin.site.is_registered(User):
    _BaseUserAdmin = type(admin.site.get_model_admin(User))
    admin.site.unregister(User)
else:
    _BaseUserAdmin = UserAdmin


@admin.register(User)
class InstitutionUserAdmin(_BaseUserAdmin):
    inlines = [*_BaseUserAdmin.inlines, MembershipUserInline]
    list_display = [*_BaseUserAdmin.list_display, "institution"]
    list_filter = [*_BaseUserAdmin.list_filter, "membership__institution"]
    list_select_related = ["membership__institution"]
    search_fields = [*_BaseUserAdmin.search_fields, "membership__institution__acronym"]

    @admin.display(description=_("member institution"), ordering="membership__institution__acronym")
    def institution(self, obj) -> str:
        membership = getattr(obj, "membership", None)
        return membership.institution.acronym if membership else "–"


class KeyFigureValueInline(admin.TabularInline):
    model = KeyFigureValue
    extra = 1
    fields = ["as_of", "value", "note"]
    ordering = ["as_of"]


@admin.register(KeyFigure)
class KeyFigureAdmin(HttpsURLMixin, TranslationAdmin):
    """A key figure and its values over time; the latest one is the figure's value."""

    inlines = [KeyFigureValueInline]
    list_display = ["__str__", "institution", "as_of"]
    list_filter = ["institution"]
    list_select_related = ["institution"]
    fields = ["institution", ("label_en", "label_km"), "source_url", "order", ("value", "as_of")]
    readonly_fields = ["value", "as_of"]

    def get_readonly_fields(self, request, obj=None):
        # A new figure is given its first value here; later ones come through the table.
        return self.readonly_fields if obj else []

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        figure = form.instance
        if not change:
            record_current_value(figure)
        refresh_latest_value(figure)
