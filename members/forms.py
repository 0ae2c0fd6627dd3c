from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.images import ImageFormField
from members.models import MemberInstitution
from members.validation import NOT_AN_IMAGE


def formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """A model field's form field; a web address without its scheme is taken as https://."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    if isinstance(db_field, models.ImageField):
        # Too many pixels gets the site's message, before Django's "not an image".
        kwargs.setdefault("form_class", ImageFormField)
    return db_field.formfield(**kwargs)


class MemberInstitutionAdminForm(forms.ModelForm):
    """The secretariat's form: a file that is not an image gets our own clear message."""

    class Meta:
        model = MemberInstitution
        formfield_callback = formfield
        fields = [
            "name_en",
            "name_km",
            "acronym",
            "slug",
            "country",
            "is_active",
            "order",
            "logo",
            "website",
            "contact",
            "description_en",
            "description_km",
        ]
        error_messages = {
            "logo": {
                # Django's ImageField opens the upload with Pillow before our validators run.
                "invalid_image": NOT_AN_IMAGE,
                "empty": _("The uploaded logo file is empty."),
            }
        }
