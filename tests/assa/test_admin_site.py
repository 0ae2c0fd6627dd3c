"""Site-wide admin look: the Khmer web font on every admin page."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import EventFactory, SecretariatUserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name", ["admin:index", "admin:events_event_add", "admin:documents_document_changelist"]
)
def test_every_admin_page_loads_the_khmer_font(client, url_name):
    client.force_login(SecretariatUserFactory())
    html = client.get(reverse(url_name)).content.decode()
    assert re.search(r'<link rel="stylesheet" href="/static/css/admin(\.[0-9a-f]+)?\.css">', html)
    # The admin's own title and styles are still there.
    assert "ASSA administration" in html
    assert "admin/css/base" in html


def test_the_admin_stylesheet_points_at_the_font_we_ship():
    css = Path(finders.find("css/admin.css")).read_text(encoding="utf-8")
    font = re.search(r'url\("\.\./(fonts/[^"]+)"\)', css).group(1)
    assert finders.find(font), font


def test_year_filter_lists_the_years_with_rows_and_keeps_one_year(client):
    EventFactory(title_en="Meeting of 2020", starts_on=datetime.date(2020, 12, 9))
    EventFactory(title_en="Meeting of 2021", starts_on=datetime.date(2021, 11, 26))
    client.force_login(SecretariatUserFactory())
    url = reverse("admin:events_event_changelist")
    html = client.get(url).content.decode()
    assert "?year=2021" in html and "?year=2020" in html
    assert html.index("?year=2021") < html.index("?year=2020")
    html = client.get(url, {"year": "2021"}).content.decode()
    assert "Meeting of 2021" in html
    assert "Meeting of 2020" not in html
    # A year that is not a number is ignored, not an error.
    assert client.get(url, {"year": "20x1"}).status_code in (200, 302)
