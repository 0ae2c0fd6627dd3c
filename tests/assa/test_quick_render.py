"""The shortcuts of list renders give exactly what Django's own code gives."""

import pytest
from django import forms
from django.urls import reverse as django_reverse
from django.utils import translation

from core import links
from core.filters import QuickInput, QuickSelect
from events.models import Event, EventKind, EventStatus
from members.models import Country

CHOICES = [
    ("", "All kinds"),
    (None, "None at all"),
    ("a&b", "Fish & <chips>"),
    (2019, "២០១៩"),
    ("2019", "Twice the same value"),
    ("x", translation.gettext_lazy("Events")),
]


@pytest.mark.parametrize("value", [None, "", "a&b", "2019", 2019, "missing", ["x"]])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_kind", "class": 'a "quoted" class', "disabled": True}]
)
def test_quick_select_writes_the_html_of_djangos_select(value, attrs):
    widget_attrs = {"data-hidden": False, "aria-label": "Kind"}
    expected = forms.Select(attrs=widget_attrs, choices=CHOICES).render("kind", value, attrs)
    got = QuickSelect(attrs=widget_attrs, choices=CHOICES).render("kind", value, attrs)
    assert got == expected


@pytest.mark.parametrize("value", [None, "", "a & <b>", 2019, '"quoted"'])
@pytest.mark.parametrize("input_type", ["text", "search"])
@pytest.mark.parametrize("attrs", [None, {"id": "id_q", "required": True, "disabled": False}])
def test_quick_input_writes_the_html_of_djangos_text_input(value, input_type, attrs):
    widget_attrs = {"maxlength": "200", "placeholder": 'Say "hi" & <go>'}
    django_input = forms.TextInput(attrs=widget_attrs)
    django_input.input_type = input_type
    quick = QuickInput(attrs=widget_attrs)
    quick.input_type = input_type
    assert quick.render("q", value, attrs) == django_input.render("q", value, attrs)


def test_quick_select_leaves_groups_to_django():
    choices = [("Asia", [("kh", "Cambodia"), ("la", "Laos")]), ("", "Anywhere")]
    expected = forms.Select(choices=choices).render("country", "la")
    assert QuickSelect(choices=choices).render("country", "la") == expected


@pytest.mark.parametrize("language", ["en", "km"])
def test_choice_labels_follow_the_active_language(language):
    event = Event(kind=EventKind.BOARD_MEETING, status=EventStatus.HELD, country="KH")
    with translation.override(language):
        assert event.get_kind_display() == str(EventKind.BOARD_MEETING.label)
        assert event.get_status_display() == str(EventStatus.HELD.label)
        assert event.get_country_display() == str(Country("KH").label)
    assert Event(kind="not-a-kind").get_kind_display() == "not-a-kind"


@pytest.mark.parametrize("language", ["en", "km"])
def test_kept_addresses_are_djangos_in_each_language(language):
    with translation.override(language):
        for kwargs in ({"pk": 7, "filename": "a b.pdf"}, {"pk": 8, "filename": "é.docx"}):
            expected = django_reverse("downloads:document", kwargs=kwargs)
            assert links.reverse("downloads:document", **kwargs) == expected
        assert links.reverse("documents:detail", pk=7) == f"/{language}/documents/7/"


@pytest.mark.django_db
def test_each_filter_set_has_its_own_filters_fields_and_methods():
    """Filters are copied without their choices (core.filters.LightCopy), yet nothing a
    request changes is shared: not the extra options, the form fields, the methods."""
    from documents.filters import DocumentFilter
    from documents.models import Document

    first = DocumentFilter({"q": "a"}, queryset=Document.objects.none())
    second = DocumentFilter({}, queryset=Document.objects.none())
    base = DocumentFilter.base_filters
    assert first.filters["q"] is not second.filters["q"] is not base["q"]
    assert first.filters["q"].field is not second.filters["q"].field
    assert first.filters["q"].field.widget.input_type == "search"
    assert first.filters["q"].filter.f is first.filters["q"]
    assert first.filters["q"].parent is first and second.filters["q"].parent is second
    first.filters["kind"].extra["choices"] = [("x", "X")]
    assert second.filters["kind"].extra["choices"] != [("x", "X")]
    assert base["kind"].extra["choices"] != [("x", "X")]
    assert "parent" not in vars(base["q"]) or base["q"].parent is None
