"""Model helpers shared by every app (no models of its own)."""

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language


class ChoiceLabels:
    """A model mixin: ``get_FOO_display()`` without rebuilding the choices at each call.

    Django's version makes a dict of the field's (hashable) choices on every call, some
    three hundred Python calls for a short list: a page of twenty cards spent more on
    that than on its SQL. Here each field keeps, per language, its labels already
    translated: a call is a dictionary lookup (the labels are lazy, translated when the
    language is first met).
    """

    def _get_FIELD_display(self, field):
        language = get_language()
        try:
            labels = field._choice_labels[language]
        except AttributeError:
            field._choice_labels = {}
            labels = field._choice_labels[language] = _labels(field)
        except KeyError:
            labels = field._choice_labels[language] = _labels(field)
        value = getattr(self, field.attname)
        try:
            return labels[value]
        except (KeyError, TypeError):  # not a choice, or not hashable as it is
            return force_str(labels.get(make_hashable(value), value), strings_only=True)


def _labels(field) -> dict:
    return {
        make_hashable(value): force_str(label, strings_only=True)
        for value, label in field.flatchoices
    }
