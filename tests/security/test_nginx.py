"""deploy/nginx.conf for real: nginx (Debian's, /usr/sbin/nginx) in front of the live server.

The shipped file is rendered with loopback ports and this test's folders in place of the
production paths, checked with ``nginx -t`` and started. Then: a logo is sent by nginx
itself (no request reaches Django), no encoding of a path under /media/ reaches a private
file, the internal location cannot be asked for directly, and a permitted download comes
from nginx through X-Accel-Redirect with the file's bytes. Without nginx the tests skip,
saying so; in CI (``CI=true``) they fail instead.
"""

import http.client
import os
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.live_server_helper import LiveServer

from documents.services import approve_document, create_document
from tests.documents import files
from tests.factories import (
    MemberInstitutionFactory,
    MemberInstitutionWithLogoFactory,
    MembershipFactory,
    SecretariatUserFactory,
    UserFactory,
)
from tests.nginx import local_nginx_conf, make_certificate

pytestmark = [pytest.mark.nginx, pytest.mark.django_db(transaction=True)]

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
# The ports this test may use on 127.0.0.1 (a shared machine gives each job its range).
PORTS = range(*map(int, os.environ.get("NGINX_TEST_PORTS", "8110-8120").split("-")))


def require(tool: str | None, what: str) -> str:
    if tool:
        return tool
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} is needed for this test (CI=true)")
    pytest.skip(f"{what} is not installed")


def free_ports(count: int) -> list[int]:
    found = []
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        found.append(port)
        if len(found) == count:
            return found
    pytest.fail(f"no {count} free ports in {PORTS}")


@pytest.fixture
def site(tmp_path, settings, transactional_db):
    """nginx on 127.0.0.1 in front of the live server; yields a function that asks nginx."""
    nginx = require(NGINX, "nginx (apt-get install nginx-light)")
    require(shutil.which("openssl"), "openssl")
    https, http_port, upstream = free_ports(3)
    for folder in ("tls", "tmp", "static"):
        (tmp_path / folder).mkdir()
    make_certificate(tmp_path / "tls")
    settings.PRIVATE_FILES_ACCEL_REDIRECT = "/_private/"
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        local_nginx_conf(tmp_path, upstreams=[upstream], http_port=http_port, https_port=https)
    )
    checked = subprocess.run(
        [nginx, "-t", "-c", conf, "-p", tmp_path], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr

    server = LiveServer(f"127.0.0.1:{upstream}")
    server._live_server_modified_settings.enable()
    process = subprocess.Popen(
        [nginx, "-c", conf, "-p", tmp_path, "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", https)) == 0:
                    break
            time.sleep(0.05)
        context = ssl.create_default_context(cafile=tmp_path / "tls" / "fullchain.pem")
        context.check_hostname = False

        def get(
            path: str,
            cookie: str = "",
            method: str = "GET",
            body: bytes | None = None,
            headers: dict | None = None,
        ) -> tuple[int, dict, bytes]:
            connection = http.client.HTTPSConnection("127.0.0.1", https, context=context)
            headers = {"Host": "127.0.0.1", **(headers or {})} | (
                {"Cookie": cookie} if cookie else {}
            )
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            body = response.read()
            connection.close()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body

        yield get
    finally:
        process.terminate()
        process.wait(timeout=10)
        server.stop()
        server._live_server_modified_settings.disable()


@pytest.fixture
def papers(media_root, private_media_root, tmp_path):
    """A published and a submitted paper of NSSF; its member and a secretariat clerk."""
    # The rendered configuration's roots are tmp_path/media and tmp_path/private.
    assert media_root == tmp_path / "media" and private_media_root == tmp_path / "private"
    nssf = MemberInstitutionFactory(slug="nssf-cambodia", acronym="NSSF")
    member = UserFactory(username="nssf-member")
    MembershipFactory(user=member, institution=nssf)
    clerk = SecretariatUserFactory(username="clerk")
    made = {}
    for number, state in enumerate(["published", "submitted"], start=1):
        made[state] = create_document(
            SimpleUploadedFile(f"{state}.pdf", files.pdf_bytes(1, width=500 + number)),
            original_name=f"{state} paper.pdf",
            title_en=f"A {state} paper",
            institution=nssf,
            uploaded_by=member,
        )
    approve_document(made["published"], clerk)
    return made | {"member": member}


def session_cookie(client, user) -> str:
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def test_nginx_serves_a_public_logo_itself(site, media_root):
    institution = MemberInstitutionWithLogoFactory()
    status, headers, body = site(institution.logo.url)
    assert status == 200
    assert body == (media_root / institution.logo.name).read_bytes()
    assert headers["content-security-policy"] == "sandbox"
    assert headers["x-content-type-options"] == "nosniff"
    # Sent by nginx from MEDIA_ROOT: Django's own media view never saw the request.
    assert headers.get("x-frame-options") is None


def test_no_path_under_media_reaches_a_private_file_through_nginx(site, papers, private_media_root):
    document = papers["submitted"]
    secrets = []
    for name in (document.file.name, document.preview.name):
        data = (private_media_root / name).read_bytes()
        secrets.append(data)
        encoded = quote(name, safe="")
        for path in [
            f"/media/{name}",
            f"/media/private/{name}",
            f"/media//private/{name}",
            f"/media/previews/../private/{name}",
            f"/media/previews/../../private/{name}",
            f"/media/previews/../../_private/{name}",
            f"/media/previews/..%2f..%2fprivate%2f{encoded}",
            f"/media/previews/..%2f..%2f_private%2f{encoded}",
            f"/media/%2fprivate/{name}",
            f"/media/%252fprivate%252f{quote(encoded, safe='')}",
            f"/media/previews/%2e%2e/%2e%2e/_private/{name}",
            f"/media/previews%5c..%5c..%5c_private%5c{name.replace('/', '%5c')}",
            f"/media/previews\\..\\..\\_private\\{name}",
            f"/media/{private_media_root}/{name}",
            f"/media/logos/../../_private/{name}",
            f"/_private/{name}",
            f"/_private//{name}",
            f"/%5fprivate/{name}",
        ]:
            status, _, body = site(path)
            assert status != 200, path
            assert data not in body, path
    # The preview of the unpublished paper is not among the public previews either.
    status, _, _ = site(f"/media/{document.preview.name}")
    assert status == 404


def test_a_permitted_download_is_sent_by_nginx_through_x_accel_redirect(
    site, papers, client, private_media_root
):
    published, submitted = papers["published"], papers["submitted"]

    status, headers, body = site(published.get_download_url())
    assert status == 200
    assert body == (private_media_root / published.file.name).read_bytes()
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"] == 'inline; filename="published paper.pdf"'
    assert headers["content-security-policy"] == "sandbox"
    assert headers["x-content-type-options"] == "nosniff"
    # Sent by nginx from PRIVATE_MEDIA_ROOT (Django sends neither header for a file).
    assert "x-accel-redirect" not in headers
    assert "etag" in headers and "last-modified" in headers

    # The unpublished paper: a 404 for the public, its bytes for its institution's member.
    status, _, body = site(quote(submitted.get_download_url()))
    assert status == 404
    assert (private_media_root / submitted.file.name).read_bytes() not in body
    cookie = session_cookie(client, papers["member"])
    status, headers, body = site(quote(submitted.get_download_url()), cookie=cookie)
    assert status == 200
    assert body == (private_media_root / submitted.file.name).read_bytes()
    assert headers["cache-control"] == "private, no-store"
    assert headers["content-security-policy"] == "sandbox"
    # And its preview, through the checked view, also sent by nginx.
    status, headers, body = site(submitted.preview_url, cookie=cookie)
    assert status == 200
    assert body == (private_media_root / submitted.preview.name).read_bytes()
    assert headers["content-type"] == "image/png"


def test_static_files_with_hashed_names_are_cached_for_a_year(site, tmp_path):
    (tmp_path / "static" / "css").mkdir(parents=True)
    (tmp_path / "static" / "css" / "site.0123456789ab.css").write_text("body{}")
    (tmp_path / "static" / "css" / "site.css").write_text("body{}")
    status, headers, body = site("/static/css/site.0123456789ab.css")
    assert status == 200 and body == b"body{}"
    assert "immutable" in headers["cache-control"]
    status, headers, _ = site("/static/css/site.css")
    assert status == 200 and headers["cache-control"] == "public, max-age=3600"


def test_bodies_are_limited_by_path(site):
    """512 KB anywhere; the upload paths (portal, admin) reach the app, which decides."""
    body = b"x" * (2 * 1024 * 1024)
    for path, allowed in [
        ("/en/portal/login/", True),
        ("/km/portal/upload/", True),
        ("/admin/login/", True),
        ("/en/", False),
        ("/en/search/", False),
    ]:
        status, _, content = site(path, method="POST", body=body)
        if allowed:
            # Past nginx, the app answers with its own page: its body limit for anonymous
            # visitors (413) or the missing CSRF token (403).
            assert status in (403, 413), path
            assert b"<!DOCTYPE html>" in content and b"nginx" not in content, path
        else:
            assert status == 413 and b"nginx" in content, path


def test_a_resumable_upload_goes_through_nginx_piece_by_piece(site, client, private_media_root):
    """/uploads/: the protocol's methods pass, one piece (UPLOAD_CHUNK_MB) at a time; a
    larger piece or a GET stops at nginx; the form then names the finished upload."""
    import hashlib

    from documents.models import Document

    member = UserFactory(username="nssf-member")
    MembershipFactory(user=member, institution=MemberInstitutionFactory(acronym="NSSF"))
    token = "t" * 32  # a CSRF secret of our choosing, as cookie and header
    cookie = f"{session_cookie(client, member)}; {settings.CSRF_COOKIE_NAME}={token}"
    tus = {"Tus-Resumable": "1.0.0", "X-CSRFToken": token}

    status, headers, _ = site("/uploads/", method="OPTIONS")
    assert status == 204 and headers["tus-version"] == "1.0.0"
    status, _, body = site("/uploads/", cookie=cookie, headers=tus)
    assert status == 403 and b"nginx" in body  # GET stops at nginx

    data = files.pdf_bytes(1) + b"%" + os.urandom(5 * 1024 * 1024)
    status, headers, _ = site(
        "/uploads/",
        cookie=cookie,
        method="POST",
        headers={**tus, "Upload-Length": str(len(data)), "Upload-Metadata": "filename cC5wZGY="},
    )
    assert status == 201
    location = headers["location"]
    piece = settings.UPLOAD_CHUNK_MB * 1024 * 1024
    patch = {**tus, "Content-Type": "application/offset+octet-stream"}
    status, _, body = site(
        location,
        cookie=cookie,
        method="PATCH",
        body=data[: 4 * 1024 * 1024],
        headers={**patch, "Upload-Offset": "0"},
    )
    assert status == 413 and b"nginx" in body  # past client_max_body_size
    offset = 0
    while offset < len(data):
        status, headers, _ = site(
            location,
            cookie=cookie,
            method="PATCH",
            body=data[offset : offset + piece],
            headers={**patch, "Upload-Offset": str(offset)},
        )
        assert status == 204
        offset = int(headers["upload-offset"])
    status, headers, _ = site(location, cookie=cookie, method="HEAD", headers=tus)
    assert (status, headers["upload-offset"]) == (200, str(len(data)))

    form = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "title_en": "Sent in pieces",
            "kind": "paper",
            "language": "en",
            "resumable_upload": location.rstrip("/").rsplit("/", 1)[-1],
        }
    ).encode()
    status, _, _ = site(
        "/en/portal/upload/",
        cookie=cookie,
        method="POST",
        body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 302
    document = Document.objects.get(title_en="Sent in pieces")
    assert document.sha256 == hashlib.sha256(data).hexdigest()
