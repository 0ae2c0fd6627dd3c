"""Every page the site sends carries its Content-Security-Policy and Permissions-Policy."""

import base64
import hashlib
import re
from pathlib import Path

import django_prose_editor
import pytest
from django.conf import settings

from core.admin import PROSE_EDITOR_STYLE_HASH
from tests.factories import (
    ArticleFactory,
    DocumentFactory,
    EventFactory,
    MemberInstitutionFactory,
    MembershipFactory,
    SecretariatUserFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.fixture
def content():
    institution = MemberInstitutionFactory(slug="nssf-cambodia", acronym="NSSF")
    event = EventFactory(slug="cambodia-2020", host=institution)
    article = ArticleFactory(slug="forum-svay-rieng")
    document = DocumentFactory(institution=institution, event=event)
    return {"institution": institution, "event": event, "article": article, "document": document}


def page_paths(language: str, content) -> list[str]:
    event = content["event"]
    return [
        f"/{language}/",
        f"/{language}/members/",
        f"/{language}/members/nssf-cambodia/",
        f"/{language}/chairmanship/",
        f"/{language}/events/",
        f"/{language}/events/{event.kind}/",
        f"/{language}/events/{event.kind}/{event.slug}/",
        f"/{language}/news/",
        f"/{language}/news/forum-svay-rieng/",
        f"/{language}/documents/",
        f"/{language}/documents/{content['document'].pk}/",
        f"/{language}/search/?q=social",
        f"/{language}/portal/login/",
        f"/{language}/portal/password-reset/",
        f"/{language}/no-such-page/",
    ]


def assert_policies(response, path):
    csp = response.headers.get("Content-Security-Policy")
    assert csp, f"{path} has no Content-Security-Policy"
    policy = directives(csp)
    assert policy["default-src"] == ["'self'"], path
    assert policy["object-src"] == ["'none'"], path
    assert policy["frame-ancestors"] == ["'none'"], path
    assert policy["base-uri"] == ["'self'"], path
    assert policy["form-action"] == ["'self'"], path
    # The prose editor's pages add the hash of Tiptap's own stylesheet, nothing looser.
    assert policy["style-src"][0] == "'self'", path
    assert all(source.startswith("'sha256-") for source in policy["style-src"][1:]), path
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, path
    assert policy["img-src"] == ["'self'"], path
    permissions = response.headers.get("Permissions-Policy", "")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions, f"{path}: {feature} not turned off"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_kind_has_the_policies(client, content, language):
    for path in page_paths(language, content):
        response = client.get(path)
        assert response.status_code in {200, 404}, path
        assert_policies(response, path)
        # A public page never asks for a nonce, so its scripts and styles are 'self' only.
        policy = directives(response.headers["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == ["'self'"], path


@pytest.mark.parametrize("language", LANGUAGES)
def test_portal_and_admin_pages_have_the_policies(client, content, language):
    clerk = SecretariatUserFactory()
    client.force_login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for path in [
        f"/{language}/portal/",  # the secretariat has no institution: a 403 page
        "/admin/",
        "/admin/events/event/",
        f"/admin/events/event/{content['event'].pk}/change/",
        "/admin/news/article/add/",
        "/admin/documents/document/",
    ]:
        response = client.get(path)
        assert response.status_code in {200, 403}, path
        assert_policies(response, path)
    member = MembershipFactory(institution=content["institution"]).user
    client.force_login(member)
    for path in [f"/{language}/portal/", f"/{language}/portal/upload/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_policies(response, path)


def test_the_public_pages_have_no_inline_scripts_or_styles(client, content):
    for path in page_paths("en", content) + page_paths("km", content):
        html = client.get(path).content.decode()
        assert "<style" not in html, path
        assert " style=" not in html, path
        assert "<script>" not in html and "<script " not in html.replace("<script src=", ""), path


def test_the_prose_editors_import_map_carries_the_nonce_of_the_header(client, content):
    """The rich-text editor's inline import map is the one inline script: it runs only
    with the nonce that the same response's policy names; Tiptap's stylesheet is allowed
    by its hash."""
    client.force_login(SecretariatUserFactory())
    response = client.get(f"/admin/events/event/{content['event'].pk}/change/")
    script_src = directives(response.headers["Content-Security-Policy"])["script-src"]
    nonces = [value for value in script_src if value.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0].removeprefix("'nonce-").removesuffix("'")
    html = response.content.decode()
    assert f'<script type="importmap" nonce="{nonce}">' in html
    assert directives(response.headers["Content-Security-Policy"])["style-src"] == [
        "'self'",
        PROSE_EDITOR_STYLE_HASH,
    ]


def test_the_prose_editors_style_hash_is_that_of_its_stylesheet():
    """The hash names the stylesheet the installed editor injects (Tiptap's ``.ProseMirror``
    rules in editor.js); a new version with other rules fails here and in the browser."""
    editor_js = Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"
    source = editor_js.read_text(encoding="utf-8")
    stylesheets = re.findall(r"=`(\.ProseMirror \{.*?)`", source, flags=re.DOTALL)
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"
        for css in stylesheets
    }
    assert PROSE_EDITOR_STYLE_HASH in hashes


def test_the_login_page_of_the_admin_has_the_policies(client):
    response = client.get("/admin/login/")
    assert_policies(response, "/admin/login/")


def test_the_server_error_page_has_no_inline_style():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "style=" not in html and "<style" not in html
    assert "/static/css/site.css" in html
