from django import forms
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget

from events.models import NUMBERED_KINDS, Event, EventKind, strip_repeated_heading


class EventAdminForm(forms.ModelForm):
    """The event form of the admin: the number and the kind are checked with clear messages."""

    class Meta:
        model = Event
        fields = [
            "kind",
            "number",
            "title_en",
            "title_km",
            "slug",
            "is_published",
            "starts_on",
            "ends_on",
            "format",
            "host",
            "country",
            "city_en",
            "city_km",
            "status",
            "status_note_en",
            "status_note_km",
            "summary_en",
            "summary_km",
            "body_en",
            "body_km",
            "minutes_approved_at",
            "legacy_permalink",
        ]
        widgets = {
            "body_en": AdminProseEditorWidget,
            "body_km": AdminProseEditorWidget,
        }
        labels = {
            "title_en": _("Title, or subtitle of a board meeting (English)"),
            "title_km": _("Title, or subtitle of a board meeting (Khmer)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made from the country and year (or the title) when left empty: see clean().
        self.fields["slug"].required = False
        self.fields["slug"].widget.attrs["placeholder"] = _("e.g. philippines-2027")

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        number = cleaned.get("number")
        numbered = kind in NUMBERED_KINDS and bool(number)
        if numbered:
            # The heading is made from the number: typed into the subtitle, it would show twice.
            for field in ("title_en", "title_km"):
                if cleaned.get(field):
                    cleaned[field] = strip_repeated_heading(number, cleaned[field])
        elif kind and not (cleaned.get("title_en") or "").strip():
            self.add_error("title_en", _("Give the event its title in English."))
        if kind == EventKind.BOARD_MEETING and not number:
            self.add_error(
                "number",
                _("A board meeting needs its number, e.g. 37 for the 37th ASSA Board Meeting."),
            )
        elif kind and number:
            clash = Event.objects.filter(kind=kind, number=number)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            clash = clash.first()
            if clash is not None:
                if kind in NUMBERED_KINDS:
                    name = NUMBERED_KINDS[kind](number)
                else:
                    name = _("number %(number)s") % {"number": number}
                self.add_error(
                    "number",
                    _(
                        "There is already a %(name)s: “%(title)s” (%(date)s). "
                        "Each number is used once per kind of event."
                    )
                    % {
                        "name": name,
                        "title": clash.subtitle or clash,
                        "date": clash.starts_on.isoformat(),
                    },
                )
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        if not cleaned.get("slug") and kind and not self.errors:
            cleaned["slug"] = self._suggested_slug(cleaned)
        return cleaned

    def _suggested_slug(self, cleaned) -> str:
        """The address for an empty slug field: country-year, else from the English title."""
        draft = Event(
            pk=self.instance.pk,
            kind=cleaned["kind"],
            number=cleaned.get("number"),
            country=cleaned.get("country") or "",
            starts_on=cleaned.get("starts_on"),
        )
        draft.title_en = cleaned.get("title_en") or ""
        return draft.suggested_slug()
