"""The base of the public lists' filter forms (events, news, the library)."""

from __future__ import annotations

from collections.abc import Callable

import django_filters

from core.caching import cached_for_content

Choices = list[tuple[str, str]]


def model_choices(queryset, to_field_name: str = "pk") -> Choices:
    """The (value, label) pairs a ModelChoiceField would offer for ``queryset``."""
    return [(str(getattr(obj, to_field_name)), str(obj)) for obj in queryset]


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
            for name, options in self.cached_choices.items():
                if isinstance(self.filters[name], django_filters.ModelChoiceFilter):
                    # Only what is shown: the field keeps its queryset to check a choice.
                    field = form.fields[name]
                    empty = [("", field.empty_label)] if field.empty_label is not None else []
                    field.widget.choices = empty + list(options)
        return self._form
