import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_root_redirects_by_accept_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="km-KH,km;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/km/"


def test_root_redirects_to_english_by_default(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Location"] == "/en/"


def test_root_redirect_follows_the_language_cookie_over_the_browser(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/km/"


@pytest.mark.parametrize("code", ["en", "km"])
def test_home_page_renders_with_the_right_html_lang(client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert f'<html lang="{code}">' in response.content.decode()


def test_khmer_page_shows_khmer_navigation(client):
    html = client.get("/km/").content.decode()
    for label in ["ទំព័រដើម", "សមាជិក", "ព្រឹត្តិការណ៍", "ព័ត៌មាន", "ឯកសារ", "អធិបតីភាព"]:
        assert label in html, label
    assert "Skip to main content" not in html
    assert "រំលងទៅខ្លឹមសារ" in html


def test_english_page_shows_english_navigation(client):
    html = client.get("/en/").content.decode()
    for label in ["Home", "Members", "Events", "News", "Documents", "Chairmanship"]:
        assert f">{label}<" in html


def test_hreflang_alternates_for_both_languages_and_x_default(client):
    html = client.get("/km/").content.decode()
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert links == {
        "en": "http://testserver/en/",
        "km": "http://testserver/km/",
        "x-default": "http://testserver/en/",
    }


def test_language_switcher_points_at_the_same_page_in_the_other_language(client):
    html = client.get("/en/?page=2").content.decode()
    switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]
    assert 'href="/km/?page=2"' in switcher
    assert 'hreflang="km"' in switcher
    assert 'aria-current="true" lang="en"' in switcher


def test_unknown_page_is_a_translated_404(client):
    response = client.get("/km/no-such-page/")
    assert response.status_code == 404
    assert "រកមិនឃើញទំព័រ" in response.content.decode()


def test_khmer_font_is_served_from_our_static_files(client):
    html = client.get("/km/").content.decode()
    assert "fonts/NotoSansKhmer-Khmer" in html
    assert "fonts.googleapis" not in html
    from django.contrib.staticfiles import finders

    assert finders.find("fonts/NotoSansKhmer-Khmer.woff2")
