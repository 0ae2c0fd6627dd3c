"""Model helpers shared by every app (no models of its own)."""

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


class ChoiceLabels:
    """A model mixin: ``get_FOO_display()`` without rebuilding the choices at each call.

    Django's version makes a dict of the field's (hashable) choices on every call, some
    three hundred Python calls for a short list: a page of twenty cards spent more on
    that than on its SQL. The dict is made once per field here; its labels stay lazy,
    so each call still gives the label in the active language.
    """

    def _get_FIELD_display(self, field):
        try:
            labels = field._choice_labels
        except AttributeError:
            labels = field._choice_labels = dict(make_hashable(field.flatchoices))
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)
