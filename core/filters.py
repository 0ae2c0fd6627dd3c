"""The base of the public lists' filter forms (events, news, the library)."""

from __future__ import annotations

import copy
from collections.abc import Callable

import django_filters
from django import forms
from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from core.caching import cached_for_content
from core.html import esc

Choices = list[tuple[str, str]]


class QuickSelect(forms.Select):
    """A drop-down written out in Python, the same HTML as Django's ``Select``.

    Django renders a template per option (and one for its attributes): the filters'
    drop-downs of a list page, some sixty options, cost a third of the page's render.
    Groups and multiple choice are left to Django.
    """

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)
        if self.allow_multiple_selected or any(
            isinstance(label, (list, tuple)) for _value, label in choices
        ):
            return super().render(name, value, attrs, renderer)
        chosen = self.format_value(value)
        parts = [
            f'<select name="{conditional_escape(name)}"{_attrs(self.build_attrs(self.attrs, attrs))}>'
        ]
        has_selected = False
        for option_value, label in choices:
            option_value = "" if option_value is None else option_value
            selected = not has_selected and str(option_value) in chosen
            has_selected |= selected
            if not isinstance(label, str):  # a lazy label, a number...
                label = str(formats.localize(label))
            parts.append(
                f'\n  <option value="{esc(f"{option_value}")}"'
                f"{' selected' if selected else ''}>{esc(label)}</option>\n"
            )
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class QuickInput(forms.TextInput):
    """A text (or search) box written in Python, the same HTML as Django's ``TextInput``
    (whose two templates, for the box and its attributes, cost a few hundred calls)."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        shown = "" if value is None else f' value="{conditional_escape(value)}"'
        return mark_safe(
            f'<input type="{conditional_escape(self.input_type)}" name="{conditional_escape(name)}"'
            f"{shown}{_attrs(self.build_attrs(self.attrs, attrs))}>"
        )


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html`` in Python."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(f"{value}")}"'
        for name, value in attrs.items()
        if value is not False
    )


def model_choices(queryset, to_field_name: str = "pk") -> Choices:
    """The (value, label) pairs a ModelChoiceField would offer for ``queryset``."""
    return [(str(getattr(obj, to_field_name)), str(obj)) for obj in queryset]


class LightCopy:
    """A filter copied for each request without deep-copying what it never changes.

    django-filter deep-copies every declared filter for each form it makes, with its
    choices (labels, querysets) too: a third of a list's filter work. A filter's copy
    here shares those (read-only) and gets its own ``extra`` dict, and its form field is
    made again and its filter method bound to it (never shared).
    """

    def __deepcopy__(self, memo):
        copied = copy.copy(self)
        copied.extra = dict(self.extra)
        copied.__dict__.pop("_field", None)
        if copied.method is not None:
            copied.method = copied.method  # its filter method, bound to the copy
        return copied


class CharFilter(LightCopy, django_filters.CharFilter):
    pass


class ChoiceFilter(LightCopy, django_filters.ChoiceFilter):
    pass


class AllowedChoiceFilter(LightCopy, django_filters.ModelChoiceFilter):
    """A drop-down of objects for a ``CachedChoicesFilterSet``, checked only when chosen.

    Declared with ``queryset=`` the model's objects and ``allowed=`` a function giving
    the ones that may be chosen (an ``EXISTS`` query, costly to build). The drop-down
    shows the cached choices; ``allowed()`` is only built to check a value the request
    carries. An empty choice never reaches the queryset.
    """

    def __init__(self, *args, allowed: Callable, **kwargs):
        self.allowed = allowed
        super().__init__(*args, **kwargs)

    def get_queryset(self, request):
        return self.allowed() if self.is_chosen() else super().get_queryset(request)

    def is_chosen(self) -> bool:
        filterset = getattr(self, "parent", None)
        if filterset is None:
            return True
        name = next(name for name, found in filterset.filters.items() if found is self)
        prefix = filterset.form_prefix
        return bool(filterset.data.get(f"{prefix}-{name}" if prefix else name))


class CachedChoicesFilterSet(django_filters.FilterSet):
    """Drop-downs whose choices come from the content, built once until it changes.

    A subclass gives in ``choice_builders()`` a function per filter returning its
    choices (without the empty one). They are built in one go, kept per language under
    the content version (``core.caching``) and handed to the form, so a render of the
    list costs no query for them. A chosen institution or event is still looked up
    through the filter's queryset, as usual.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        builders = self.choice_builders()
        self.cached_choices = cached_for_content(
            f"choices:{self.choices_cache_name()}",
            lambda: {name: build() for name, build in builders.items()},
        )
        for name, options in self.cached_choices.items():
            if not isinstance(self.filters[name], django_filters.ModelChoiceFilter):
                self.filters[name].extra["choices"] = options

    def choice_builders(self) -> dict[str, Callable[[], Choices]]:
        return {}

    def choices_cache_name(self) -> str:
        """Tells apart forms of one class whose choices differ (say, per event kind)."""
        return type(self).__name__

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for field in form.fields.values():
                widget = field.widget
                if type(widget) is forms.Select:
                    quick = QuickSelect(attrs=widget.attrs, choices=widget.choices)
                elif type(widget) is forms.TextInput:
                    quick = QuickInput(attrs=widget.attrs)
                    quick.input_type = widget.input_type
                else:
                    continue
                quick.is_required = widget.is_required
                field.widget = quick
            for name, options in self.cached_choices.items():
                if isinstance(self.filters[name], django_filters.ModelChoiceFilter):
                    # Only what is shown: the field keeps its queryset to check a choice.
                    field = form.fields[name]
                    empty = [("", field.empty_label)] if field.empty_label is not None else []
                    field.widget.choices = empty + list(options)
        return self._form
