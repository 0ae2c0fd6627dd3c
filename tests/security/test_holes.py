"""The smaller holes of the security audit, each tried as an attacker (or a clerk) would."""

import importlib
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.test import Client

from documents.models import Document, DocumentStatus
from documents.services import create_document
from members.models import Membership
from tests.documents import files
from tests.factories import (
    ArticleFactory,
    EventFactory,
    MemberInstitutionFactory,
    MembershipFactory,
    SecretariatUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
KHMER = re.compile("[\u1780-\u17ff]")


@pytest.fixture
def nssf():
    return MemberInstitutionFactory(slug="nssf-cambodia", acronym="NSSF")


@pytest.fixture
def sso():
    return MemberInstitutionFactory(slug="sso-thailand", acronym="SSO", country="TH")


@pytest.fixture
def clerk():
    return SecretariatUserFactory(username="clerk")


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def member(nssf):
    return MembershipFactory(
        user__username="sokha", user__first_name="Sokha", user__last_name="Chan", institution=nssf
    ).user


def pdf(seed: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"paper-{seed}.pdf", files.pdf_bytes(1, width=500 + seed))


def admin_form_data(response) -> dict:
    """What the admin's change form would post back unchanged: the main form and every
    inline formset's management form and forms, from the page's context."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or isinstance(value, FieldFile) or value is False:
                continue
            data[key] = "on" if value is True else value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.forms:
            add(form)
    return data


# ---- memberships: superusers only ---------------------------------------------------------


def test_a_clerk_sees_memberships_read_only_and_cannot_post_one(client, clerk, member, nssf, sso):
    membership = member.membership
    client.force_login(clerk)
    assert client.get("/admin/members/membership/").status_code == 200
    page = client.get(f"/admin/members/membership/{membership.pk}/change/")
    assert page.status_code == 200
    assert 'name="institution"' not in page.content.decode()

    moved = client.post(
        f"/admin/members/membership/{membership.pk}/change/",
        {"user": member.pk, "institution": sso.pk, "language": "en"},
    )
    assert moved.status_code == 403
    membership.refresh_from_db()
    assert membership.institution == nssf

    stranger = UserFactory(username="stranger")
    added = client.post(
        "/admin/members/membership/add/",
        {"user": stranger.pk, "institution": sso.pk, "language": "en"},
    )
    assert added.status_code == 403
    deleted = client.post(f"/admin/members/membership/{membership.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    assert list(Membership.objects.values_list("user__username", "institution__acronym")) == [
        ("sokha", "NSSF")
    ]


def test_a_clerk_cannot_move_a_user_through_the_institution_page(client, clerk, member, sso):
    """The "users of this institution" table is read-only for the clerk; a forged row in the
    post (a user moved to SSO) is ignored while the rest of the form saves."""
    client.force_login(clerk)
    url = f"/admin/members/memberinstitution/{sso.pk}/change/"
    page = client.get(url)
    html = page.content.decode()
    assert 'name="memberships-0-user"' not in html and "memberships-empty" not in html
    data = admin_form_data(page)
    data["name_en"] = "Social Security Office of Thailand"
    data.update(
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": str(member.pk),
            "memberships-0-institution": str(sso.pk),
            "memberships-0-language": "en",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    sso.refresh_from_db()
    assert sso.name_en == "Social Security Office of Thailand"
    assert Membership.objects.get(user=member).institution.acronym == "NSSF"


def test_a_superuser_moves_a_user_to_another_institution(client, superuser, member, sso):
    membership = member.membership
    client.force_login(superuser)
    response = client.post(
        f"/admin/members/membership/{membership.pk}/change/",
        {"user": member.pk, "institution": sso.pk, "language": "en"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.institution == sso


# ---- draft previews: the secretariat only -------------------------------------------------


@pytest.fixture
def drafts():
    event = EventFactory(slug="draft-meeting", is_published=False)
    ArticleFactory(slug="draft-article", status="draft")
    return [
        f"/en/events/{event.kind}/{event.slug}/",
        f"/km/events/{event.kind}/{event.slug}/",
        "/en/news/draft-article/",
        "/km/news/draft-article/",
    ]


def test_drafts_are_404_for_staff_outside_the_secretariat(client, drafts):
    client.force_login(UserFactory(username="helpdesk", is_staff=True))
    for path in drafts:
        assert client.get(path).status_code == 404, path


def test_drafts_are_404_for_members_and_the_public(client, drafts, member):
    for path in drafts:
        assert client.get(path).status_code == 404, path
    client.force_login(member)
    for path in drafts:
        assert client.get(path).status_code == 404, path


def test_the_secretariat_and_superusers_preview_drafts(client, drafts, clerk, superuser):
    for user in (clerk, superuser):
        client.force_login(user)
        for path in drafts:
            assert client.get(path).status_code == 200, (user, path)


# ---- deleting an event keeps its documents ------------------------------------------------


def test_deleting_an_event_with_documents_is_refused_and_lists_them(client, clerk, nssf):
    event = EventFactory(slug="cambodia-2020", title_en="Cambodia 2020", host=nssf)
    paper = create_document(
        pdf(1), original_name="a.pdf", title_en="Coverage of informal workers", event=event
    )
    client.force_login(clerk)
    url = f"/admin/events/event/{event.pk}/delete/"
    confirmation = client.get(url).content.decode()
    assert "so it cannot be deleted: they are kept" in confirmation
    assert "Coverage of informal workers" in confirmation
    response = client.post(url, {"post": "yes"})
    assert "Coverage of informal workers" in response.content.decode()
    event.refresh_from_db()
    paper.refresh_from_db()
    assert paper.event == event

    # The change list's "delete selected" says the same and deletes nothing either.
    bulk = client.post(
        "/admin/events/event/",
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    assert "so it cannot be deleted: they are kept" in bulk.content.decode()
    assert "Coverage of informal workers" in bulk.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    assert "ដូច្នេះមិនអាចលុបបានទេ" in client.get(url).content.decode()
    assert Document.objects.filter(pk=paper.pk, event=event).exists()


def test_an_event_without_documents_can_still_be_deleted(client, clerk):
    event = EventFactory()
    client.force_login(clerk)
    response = client.post(f"/admin/events/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not type(event).objects.filter(pk=event.pk).exists()


# ---- deleting a user keeps the uploader's name --------------------------------------------


def test_deleting_an_uploader_keeps_their_name_on_their_documents(
    client, member, nssf, superuser, clerk
):
    client.force_login(member)
    response = client.post(
        "/en/portal/upload/",
        {"title_en": "Coverage", "kind": "paper", "language": "en", "file": pdf(2)},
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.uploaded_by_name == "Sokha Chan"

    client.force_login(superuser)
    deleted = client.post(f"/admin/auth/user/{member.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    assert not get_user_model().objects.filter(pk=member.pk).exists()
    document.refresh_from_db()
    assert document.uploaded_by is None
    assert document.uploaded_by_name == "Sokha Chan"

    client.force_login(clerk)
    page = client.get(f"/admin/documents/document/{document.pk}/change/").content.decode()
    assert "Sokha Chan (account deleted)" in page
    submissions = client.get("/admin/documents/submission/").content.decode()
    assert "Sokha Chan (account deleted)" in submissions


def test_the_migration_gives_existing_documents_their_uploaders_name(nssf):
    migration = importlib.import_module(
        "documents.migrations.0006_protect_event_keep_uploader_name"
    )
    named = UserFactory(username="dara", first_name="Dara", last_name="Sok")
    unnamed = UserFactory(username="vanna")
    first = create_document(pdf(3), original_name="a.pdf", title_en="A", uploaded_by=named)
    second = create_document(pdf(4), original_name="b.pdf", title_en="B", uploaded_by=unnamed)
    Document.objects.update(uploaded_by_name="")
    migration.fill_uploader_names(apps, None)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.uploaded_by_name, second.uploaded_by_name) == ("Dara Sok", "vanna")


# ---- the duplicate message tells nothing of other institutions' papers ---------------------


def upload_as(client, user, data: bytes, title="My copy"):
    client.force_login(user)
    return client.post(
        "/en/portal/upload/",
        {
            "title_en": title,
            "kind": "paper",
            "language": "en",
            "file": SimpleUploadedFile("copy.pdf", data),
        },
    )


def test_another_institutions_unpublished_file_is_not_revealed(client, nssf, sso, member):
    data = files.pdf_bytes(1, width=611)
    create_document(
        SimpleUploadedFile("secret.pdf", data),
        original_name="secret.pdf",
        title_en="Confidential reform plan",
        institution=nssf,
        uploaded_by=member,
    )
    other = MembershipFactory(user__username="somchai", institution=sso).user
    response = upload_as(client, other, data)
    # Accepted as SSO's own submission; nothing names NSSF's paper.
    assert response.status_code == 302
    copy = Document.objects.get(institution=sso)
    assert copy.status == DocumentStatus.SUBMITTED and copy.title == "My copy"
    dashboard = client.get(response["Location"]).content.decode()
    assert "Confidential reform plan" not in dashboard
    assert "already" not in dashboard


def test_a_published_or_own_file_is_still_refused_with_a_link(client, nssf, sso, member):
    published_data = files.pdf_bytes(1, width=612)
    published = create_document(
        SimpleUploadedFile("p.pdf", published_data),
        original_name="p.pdf",
        title_en="Published paper",
        institution=sso,
        status=DocumentStatus.APPROVED,
    )
    own_data = files.pdf_bytes(1, width=613)
    own = create_document(
        SimpleUploadedFile("o.pdf", own_data),
        original_name="o.pdf",
        title_en="Our own submission",
        institution=nssf,
        uploaded_by=member,
    )
    for existing, data in ((published, published_data), (own, own_data)):
        html = upload_as(client, member, data).content.decode()
        assert "This file has already been uploaded" in html
        assert f'href="{existing.get_absolute_url()}"' in html
    assert Document.objects.count() == 2


# ---- the language links stay on this site -------------------------------------------------

HOSTILE_PATHS = [
    "//evil.example/en/",
    "///evil.example/en/",
    "/\\evil.example/en/",
    "//evil.example/km/news/",
    "/\\/evil.example/en/events/",
]


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_language_links_never_point_to_another_host(client, path):
    response = client.get("/", PATH_INFO=path)
    html = response.content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.DOTALL).group(0)
    links = re.findall(r'href="([^"]*)"', switcher)
    alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]*)"', html)
    assert links and len(alternates) == len(LANGUAGES) + 1
    for link in links:
        # A path on this site (perhaps a 404 one), never an address on another host.
        assert link.startswith("/") and not link.startswith(("//", "/\\")), link
        assert urlsplit(urljoin("http://testserver/", link)).netloc == "testserver", link
    for link in alternates:
        assert link.startswith("http://testserver/"), link


def test_language_links_of_a_normal_page_are_its_twins(client):
    html = client.get("/en/news/?year=2024").content.decode()
    assert 'href="/km/news/?year=2024"' in html
    assert 'hreflang="km" href="http://testserver/km/news/?year=2024"' in html


# ---- 400, 403 and CSRF failure pages: styled and translated ------------------------------


def assert_site_page(response, status, language, heading_en):
    assert response.status_code == status
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert "/static/css/site.css" in html and 'class="site-header"' in html
    assert response.headers.get("Content-Security-Policy")
    heading = re.search(r"<h1>(.*?)</h1>", html, re.DOTALL).group(1)
    if language == "en":
        assert heading == heading_en
    else:
        assert KHMER.search(heading) and heading != heading_en
        # No English UI: the sentences of the page are the catalogue's Khmer.
        main = re.search(r'<main id="main".*?</main>', html, re.DOTALL).group(0)
        text = re.sub(r"<[^>]+>", " ", main)
        assert not re.search(r"\b(the|page|form|cookies?)\b", text, re.IGNORECASE), text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_host_gets_the_styled_400_page(client, language):
    response = client.get(f"/{language}/", HTTP_HOST="evil.example")
    assert_site_page(response, 400, language, "Bad request")
    assert "evil.example" not in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_permission_denied_gets_the_styled_403_page(client, clerk, language):
    client.force_login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post("/admin/members/membership/add/", {})
    assert_site_page(response, 403, language, "Access denied")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_without_its_csrf_token_gets_the_styled_page(language, member):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/{language}/portal/login/",
        {"username": "sokha", "password": "correct horse battery staple"},
    )
    assert_site_page(response, 403, language, "The form could not be sent")
    assert "_auth_user_id" not in client.session


def test_the_error_pages_render_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/km/", HTTP_HOST="evil.example")
    assert response.status_code == 400
