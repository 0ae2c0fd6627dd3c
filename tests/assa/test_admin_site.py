"""Site-wide admin look: the Khmer web font on every admin page."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import SecretariatUserFactory

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
