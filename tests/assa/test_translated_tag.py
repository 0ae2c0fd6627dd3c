import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load assa %}" + source).render(Context(context))


def test_field_in_the_page_language_is_shown_plainly():
    event = EventFactory(title_en="Board meeting", title_km="កិច្ចប្រជុំ")
    with translation.override("km"):
        assert render('{% translated e "title" %}', e=event) == "កិច្ចប្រជុំ"


def test_missing_khmer_falls_back_to_english_marked_with_its_language():
    event = EventFactory(title_en="Board <meeting>", starts_on=datetime.date(2021, 1, 1))
    with translation.override("km"):
        html = render('{% translated e "title" %}', e=event)
    assert html == '<span lang="en">Board &lt;meeting&gt;</span>'  # no label on the field


def test_fallback_notice_is_given_once_for_all_the_fields_shown_in_english():
    event = EventFactory(title_en="Board", summary_en="Sum", starts_on=datetime.date(2021, 1, 1))
    template = '{% fallback_notice e "title" "summary" "body" %}'
    with translation.override("km"):
        html = render(template, e=event)
    assert html.count('class="fallback-note"') == 1
    with translation.override("en"):
        assert render(template, e=event) == ""


def test_rich_text_is_sanitised_on_render():
    event = EventFactory(body_en='<p onclick="x()">Hi<script>alert(1)</script></p>')
    with translation.override("en"):
        html = render('{% translated e "body" html=True %}', e=event)
    assert html == "<p>Hi</p>"
