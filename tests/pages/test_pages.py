import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.groups import ensure_secretariat_group
from pages.models import Page
from search.models import SearchEntry, SearchKind
from search.text import parse_query
from tests.factories import (
    MemberInstitutionFactory,
    OfficeHolderFactory,
    PageFactory,
    SecretariatUserFactory,
    TermFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_published_page_is_shown_in_both_languages_at_its_slug(client):
    PageFactory(slug="about", title_en="About ASSA", title_km="អំពី ASSA")
    assert "About ASSA" in client.get("/en/about/").content.decode()
    assert "អំពី ASSA" in client.get("/km/about/").content.decode()


def test_draft_page_is_404_for_the_public_and_shown_to_the_secretariat(client):
    PageFactory(slug="draft-page", status="draft")
    assert client.get("/en/draft-page/").status_code == 404
    client.force_login(SecretariatUserFactory())
    response = client.get("/en/draft-page/")
    assert response.status_code == 200
    assert "only the secretariat can see it" in response.content.decode()


def test_staff_outside_the_secretariat_do_not_see_drafts(client):
    PageFactory(slug="draft-page", status="draft")
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/en/draft-page/").status_code == 404


def test_body_is_sanitised_on_save():
    page = PageFactory(
        body_en='<p onclick="steal()">Hi<script>alert(1)</script></p><iframe src="x"></iframe>'
    )
    page.refresh_from_db()
    assert page.body_en == "<p>Hi</p>"


def test_a_slug_the_site_already_uses_is_refused():
    for slug in ("members", "events", "news", "documents", "portal", "search", "chairmanship"):
        page = Page(title_en="Clash", slug=slug)
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "slug" in error.value.message_dict
    Page(title_en="Fine", slug="privacy").full_clean()


def test_existing_addresses_still_reach_their_pages(client):
    PageFactory(slug="about")
    assert client.get("/en/members/").resolver_match.view_name == "members:list"
    assert client.get("/en/events/").resolver_match.view_name == "events:list"
    assert client.get("/en/about/").resolver_match.view_name == "pages:detail"


def test_khmer_page_falls_back_to_english_with_one_notice_and_no_khmer_hreflang(client):
    PageFactory(slug="privacy", title_en="Privacy", body_en="<p>No tracking.</p>")
    html = client.get("/km/privacy/").content.decode()
    assert '<html lang="km">' in html
    assert '<span lang="en">Privacy</span>' in html
    assert '<div class="fallback" lang="en"><p>No tracking.</p></div>' in html
    assert html.count('class="fallback-note') == 1
    # The English page is this content's only real version: no hreflang="km" claim.
    assert 'hreflang="km"' not in html.split("</head>")[0]
    assert 'hreflang="en" href="http://testserver/en/privacy/"' in html


def test_translated_page_links_both_languages(client):
    PageFactory(slug="about", title_en="About", title_km="អំពី")
    head = client.get("/en/about/").content.decode().split("</head>")[0]
    assert 'hreflang="km" href="http://testserver/km/about/"' in head
    assert 'hreflang="en" href="http://testserver/en/about/"' in head


def test_pages_are_linked_from_the_footer_and_the_navigation(client):
    PageFactory(slug="about", title_en="About ASSA", placement="navigation")
    PageFactory(slug="privacy", title_en="Privacy", placement="footer")
    PageFactory(slug="hidden", title_en="Hidden draft", status="draft")
    html = client.get("/en/news/").content.decode()
    nav = html.split('class="site-nav"')[1].split("</nav>")[0]
    footer = html.split('class="site-footer"')[1]
    assert 'href="/en/about/"' in nav
    assert 'href="/en/privacy/"' in footer and 'href="/en/privacy/"' not in nav
    assert "Hidden draft" not in html
    # The feeds and the member portal are in the footer too.
    for name in ("news:feed", "events:calendar", "documents:portal_login"):
        assert f'href="{reverse(name)}"' in footer


def test_contact_details_from_the_admin_show_in_the_footer_and_on_contact(client):
    bpjs = MemberInstitutionFactory(slug="bpjs", name_en="BPJS Ketenagakerjaan", acronym="BPJS")
    term = TermFactory(number=38, starts_year=2021, ends_year=2022)
    OfficeHolderFactory(term=term, office="secretary-general", institution=bpjs)
    PageFactory(
        slug="contact",
        title_en="Contact",
        shows_contact_details=True,
        address_en="1 Example Road\nJakarta",
        email="secretariat@example.org",
        phone="+62 21 000",
    )
    footer = client.get("/en/").content.decode().split('class="site-footer"')[1]
    assert 'href="mailto:secretariat@example.org"' in footer
    assert 'href="tel:+6221000"' in footer
    assert "1 Example Road\nJakarta" in footer
    contact = client.get("/en/contact/").content.decode()
    assert "Secretary General" in contact
    assert 'href="/en/members/bpjs/"' in contact.split('class="contact-details')[1]


def test_secretariat_group_may_edit_pages_in_the_admin(client):
    ensure_secretariat_group()
    user = SecretariatUserFactory()
    assert user.has_perm("pages.change_page") and user.has_perm("pages.add_page")
    assert Permission.objects.filter(group__name="Secretariat", codename="add_page").exists()
    client.force_login(user)
    response = client.post(
        reverse("admin:pages_page_add"),
        {
            "title_en": "About ASSA",
            "title_km": "អំពី ASSA",
            "slug": "about",
            "status": "published",
            "placement": "navigation",
            "order": "1",
            "body_en": "<p>Who we are<script>x</script></p>",
            "body_km": "",
            "summary_en": "",
            "summary_km": "",
            "email": "",
            "phone": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(slug="about")
    assert page.body_en == "<p>Who we are</p>"
    assert client.get(reverse("admin:pages_page_change", args=[page.pk])).status_code == 200


def test_member_uploaders_cannot_reach_the_pages_admin(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:pages_page_changelist"))
    assert response.status_code == 302  # to the admin login


def test_published_pages_are_in_the_sitemap_with_both_languages(client):
    PageFactory(slug="about")
    PageFactory(slug="secret", status="draft")
    index = client.get("/sitemap.xml").content.decode()
    sections = [el.text for el in ET.fromstring(index).iter() if el.tag.endswith("loc")]
    assert "http://testserver/sitemap-site-pages.xml" in sections
    xml = client.get("/sitemap-site-pages.xml").content.decode()
    locations = [el.text for el in ET.fromstring(xml).iter() if el.tag.endswith("loc")]
    assert "http://testserver/en/about/" in locations
    assert "http://testserver/km/about/" in locations
    assert not any(location.endswith("/secret/") for location in locations)


def test_published_pages_are_found_by_site_search(client):
    page = PageFactory(slug="privacy", title_en="Privacy", body_en="<p>Cookies explained</p>")
    draft = PageFactory(slug="draft", title_en="Cookies draft", status="draft")
    found = SearchEntry.objects.matching(parse_query("cookies")).of_kind(SearchKind.PAGE)
    assert list(found.values_list("object_id", flat=True)) == [page.pk]
    html = client.get("/en/search/", {"q": "cookies"}).content.decode()
    assert 'href="/en/privacy/"' in html
    assert draft.slug not in html
    page.status = "draft"
    page.save()
    assert not SearchEntry.objects.of_kind(SearchKind.PAGE).exists()


def test_demo_has_the_three_pages_and_the_footer_shows_the_contact(client, demo):
    assert set(Page.objects.values_list("slug", flat=True)) >= {"about", "contact", "privacy"}
    assert Page.objects.count() == 3
    assert client.get("/km/about/").status_code == 200
    assert "secretariat@example.org" in client.get("/en/").content.decode()
