from django import forms
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget

from events.models import Event, EventKind, board_meeting_name


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

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        number = cleaned.get("number")
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
                if kind == EventKind.BOARD_MEETING:
                    name = board_meeting_name(number)
                else:
                    name = _("number %(number)s") % {"number": number}
                self.add_error(
                    "number",
                    _(
                        "There is already a %(name)s: “%(title)s” (%(date)s). "
                        "Each number is used once per kind of event."
                    )
                    % {"name": name, "title": clash.title, "date": clash.starts_on.isoformat()},
                )
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        return cleaned
