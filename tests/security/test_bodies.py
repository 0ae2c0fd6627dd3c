"""Request bodies are refused by their size before they are read (issue 13, item 3).

Each request is handed to Django with a body that is made on demand and counts how much
of it the server reads, so a 300 MB body costs the test nothing and the test sees whether
the server read it.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import EventFactory, SecretariatUserFactory, TermFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
BOUNDARY = "----assa-body-limit"


class Body:
    """A ``wsgi.input`` of ``size`` bytes that counts the bytes read from it.

    With ``file_part=True`` it is a valid form: one file field filled with ``size`` bytes.
    """

    def __init__(self, size: int, *, file_part: bool = False):
        self.head = self.tail = b""
        if file_part:
            self.head = (
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="cover"; '
                'filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
            ).encode()
            self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.size = len(self.head) + size + len(self.tail)
        self.read_bytes = 0

    def _byte_range(self, start: int, end: int) -> bytes:
        fill_end = self.size - len(self.tail)
        out = bytearray()
        if start < len(self.head):
            out += self.head[start : min(end, len(self.head))]
        fill = max(0, min(end, fill_end) - max(start, len(self.head)))
        out += b"a" * fill
        if end > fill_end:
            out += self.tail[max(start, fill_end) - fill_end : end - fill_end]
        return bytes(out)

    def read(self, n: int = -1) -> bytes:
        left = self.size - self.read_bytes
        n = left if n is None or n < 0 else min(n, left)
        start = self.read_bytes
        self.read_bytes += n
        return self._byte_range(start, start + n)

    def readline(self, n: int = -1) -> bytes:
        return self.read(n if n and n > 0 else 64 * 1024)


def post(client, path: str, body: Body, *, length: int | None, **extra):
    headers = {"CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}", **extra}
    if length is not None:
        headers["CONTENT_LENGTH"] = str(length)
    environ = client._base_environ(
        PATH_INFO=path, REQUEST_METHOD="POST", **headers, **{"wsgi.input": body}
    )
    return client.handler(environ)


def login_path(language: str = "en") -> str:
    with translation.override(language):
        return reverse("documents:portal_login")


def test_a_300_mb_anonymous_post_to_the_login_is_refused_unread(client, upload_temp_dir):
    body = Body(300 * MB)
    response = post(client, login_path(), body, length=body.size)
    assert response.status_code == 413
    html = response.content.decode()
    assert "Too much sent at once" in html
    assert "You sent 300.0\xa0MB; this page accepts at most 512.0\xa0KB." in html
    assert '<html lang="en"' in html  # the site's own page, not a bare error
    assert body.read_bytes == 0
    assert list(upload_temp_dir.iterdir()) == []


def test_the_refusal_is_in_khmer_on_khmer_pages(client, upload_temp_dir):
    body = Body(300 * MB)
    response = post(client, login_path("km"), body, length=body.size)
    assert response.status_code == 413
    html = response.content.decode()
    assert '<html lang="km"' in html
    with translation.override("km"):
        assert translation.gettext("Too much sent at once") in html
    assert "Too much sent at once" not in html
    assert body.read_bytes == 0


def test_an_anonymous_body_just_over_the_small_limit_is_refused(client, settings, upload_temp_dir):
    body = Body(settings.REQUEST_MAX_BODY_KB * 1024 + 1)
    response = post(client, login_path(), body, length=body.size)
    assert response.status_code == 413
    assert body.read_bytes == 0


def test_an_anonymous_post_to_the_upload_form_gets_only_the_small_limit(client, upload_temp_dir):
    body = Body(10 * MB)
    response = post(client, reverse("documents:portal_upload"), body, length=body.size)
    assert response.status_code == 413
    assert body.read_bytes == 0
    assert list(upload_temp_dir.iterdir()) == []


def test_a_members_60_mb_upload_is_refused_before_it_is_received(client, member, upload_temp_dir):
    client.force_login(member)
    path = reverse("documents:portal_upload")
    body = Body(60 * MB)
    response = post(client, path, body, length=body.size)
    assert response.status_code == 413
    html = response.content.decode()
    assert "the largest file accepted is 50 MB" in html
    assert f'href="{path}"' in html  # back to the form
    assert body.read_bytes == 0
    assert list(upload_temp_dir.iterdir()) == []


def test_a_member_may_not_send_an_upload_sized_body_elsewhere(client, member, upload_temp_dir):
    client.force_login(member)
    body = Body(5 * MB)
    response = post(client, reverse("documents:portal_dashboard"), body, length=body.size)
    assert response.status_code == 413
    assert body.read_bytes == 0


def test_a_body_without_a_length_is_refused_unread(client, upload_temp_dir):
    body = Body(300 * MB)
    response = post(client, login_path(), body, length=None, HTTP_TRANSFER_ENCODING="chunked")
    assert response.status_code == 411
    assert "did not say how large it is" in response.content.decode()
    assert body.read_bytes == 0
    assert list(upload_temp_dir.iterdir()) == []


def test_a_body_longer_than_its_content_length_is_not_read_past_it(client, upload_temp_dir):
    body = Body(300 * MB)
    response = post(client, login_path(), body, length=1024)
    # The declared kilobyte is read (and is no valid form); the rest is never touched.
    assert response.status_code in (400, 403)
    assert body.read_bytes <= 1024
    assert list(upload_temp_dir.iterdir()) == []


def test_a_content_length_larger_than_the_body_is_refused_unread(client, upload_temp_dir):
    body = Body(3 * MB)
    response = post(client, login_path(), body, length=300 * MB)
    assert response.status_code == 413
    assert body.read_bytes == 0


def test_staff_may_send_upload_sized_bodies_to_admin_forms_that_take_files(client, upload_temp_dir):
    client.force_login(SecretariatUserFactory())
    body = Body(10 * MB, file_part=True)
    response = post(client, reverse("admin:news_article_add"), body, length=body.size)
    # Past the size check: the form is read and shown again with its errors (no title...).
    assert response.status_code == 200
    assert response.context_data["errors"]
    assert body.read_bytes == body.size
    # The file went to the temporary folder while it arrived, and was removed after.
    assert list(upload_temp_dir.iterdir()) == []


def test_the_event_page_takes_upload_sized_bodies_for_its_programmes_files(client, upload_temp_dir):
    """The event's admin page has no file field of its own: its programme items do."""
    client.force_login(SecretariatUserFactory())
    event = EventFactory()
    body = Body(10 * MB, file_part=True)
    response = post(
        client, reverse("admin:events_event_change", args=[event.pk]), body, length=body.size
    )
    assert response.status_code == 200
    assert body.read_bytes == body.size


def test_staff_get_the_small_limit_on_admin_forms_without_files(client, upload_temp_dir):
    client.force_login(SecretariatUserFactory())
    term = TermFactory()
    body = Body(5 * MB)
    response = post(
        client, reverse("admin:events_term_change", args=[term.pk]), body, length=body.size
    )
    assert response.status_code == 413
    assert body.read_bytes == 0


def test_staff_uploads_past_the_document_limit_are_refused(client, upload_temp_dir):
    client.force_login(SecretariatUserFactory())
    for name in ("admin:documents_document_add", "admin:members_memberinstitution_add"):
        body = Body(60 * MB)
        response = post(client, reverse(name), body, length=body.size)
        assert response.status_code == 413, name
        assert body.read_bytes == 0
    assert list(upload_temp_dir.iterdir()) == []
