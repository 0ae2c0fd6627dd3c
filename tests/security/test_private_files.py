"""Private files stay private: no public address reaches them, however it is written.

Four documents of NSSF, stored through the real services with a first-page preview and
an earlier version each: one submitted, one rejected, one withdrawn, one published. Every
trick an attacker tries on /media/ is a 404; every role against every private address
gets exactly what the permission table of the README ("Who can do what") says, with the
file's own bytes; every file the site sends is sandboxed and never sniffed.
"""

import io
import zipfile
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document, DocumentStatus
from documents.services import (
    approve_document,
    create_document,
    reject_document,
    replace_file,
    withdraw_document,
)
from tests.documents import files
from tests.factories import (
    EventFactory,
    MemberInstitutionFactory,
    MemberInstitutionWithLogoFactory,
    MembershipFactory,
    SecretariatUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other_member", "own_member", "staff", "secretariat", "superuser"]
UNPUBLISHED = ["submitted", "rejected", "withdrawn"]
STATES = [*UNPUBLISHED, "published"]
# Who may have an unpublished document's file and preview (DocumentQuerySet.visible_to).
SEES_UNPUBLISHED = {"own_member", "secretariat", "superuser"}
# Earlier versions are for the secretariat only, published document or not.
SEES_VERSIONS = {"secretariat", "superuser"}


def sent_bytes(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def assert_sandboxed(response):
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture
def nssf():
    return MemberInstitutionFactory(slug="nssf-cambodia", acronym="NSSF")


@pytest.fixture
def users(nssf):
    own = UserFactory(username="nssf-member")
    MembershipFactory(user=own, institution=nssf)
    other = UserFactory(username="sso-member")
    MembershipFactory(user=other, institution=MemberInstitutionFactory(slug="sso", acronym="SSO"))
    return {
        "anonymous": None,
        "other_member": other,
        "own_member": own,
        "staff": UserFactory(username="staff-not-secretariat", is_staff=True),
        "secretariat": SecretariatUserFactory(username="clerk"),
        "superuser": UserFactory(username="root", is_staff=True, is_superuser=True),
    }


@pytest.fixture
def as_role(client, users):
    def login(role):
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return login


@pytest.fixture
def meeting(nssf):
    return EventFactory(slug="cambodia-2020", host=nssf)


@pytest.fixture
def documents(nssf, users, meeting):
    """One document in each state, each with a preview and an earlier version."""
    clerk, own = users["secretariat"], users["own_member"]
    made = {}
    for number, state in enumerate(STATES, start=1):
        document = create_document(
            upload(f"{state}-v1.pdf", files.pdf_bytes(1, width=500 + number)),
            original_name=f"{state}-v1.pdf",
            title_en=f"A {state} paper",
            institution=nssf,
            event=meeting,
            uploaded_by=own,
        )
        replace_file(
            document,
            upload(f"{state} paper.pdf", files.pdf_bytes(2, width=600 + number)),
            clerk,
        )
        if state == "rejected":
            reject_document(document, clerk, "Not final yet.")
        elif state == "withdrawn":
            withdraw_document(document, own)
        elif state == "published":
            approve_document(document, clerk)
        document.refresh_from_db()
        assert document.preview and document.versions.count() == 1
        made[state] = document
    return made


def private_urls(document) -> dict[str, str]:
    version = document.versions.get()
    return {
        "download": document.get_download_url(),
        "version": version.get_download_url(),
        "preview": f"/download/previews/{document.pk}.png",
    }


# ---- /media/ never reaches a private file ----------------------------------------------


def media_tricks(name: str, private_root) -> list[str]:
    """Ways of writing a path to the private file ``name`` (e.g. documents/<uuid>.pdf)."""
    absolute = f"{private_root}/{name}"
    encoded = quote(name, safe="")
    return [
        f"/media/{name}",  # as if private files were public media
        f"/media/private/{name}",  # the old layout
        f"/media//private/{name}",
        f"/media/previews/../private/{name}",
        f"/media/previews/../../private/{name}",
        f"/media/../private/{name}",
        f"/media/previews/..%2f..%2fprivate%2f{encoded}",
        f"/media/%2fprivate/{name}",
        f"/media/%2fprivate%2f{encoded}",
        f"/media/%252fprivate%252f{quote(encoded, safe='')}",
        f"/media/previews%2f..%2f..%2fprivate%2f{encoded}",
        f"/media/previews/%2e%2e/%2e%2e/private/{name}",
        f"/media/previews/%252e%252e/%252e%252e/private/{name}",
        f"/media/previews%5c..%5c..%5cprivate%5c{name.replace('/', '%5c')}",
        f"/media/previews\\..\\..\\private\\{name}",
        f"/media/{absolute}",
        f"/media/{quote(absolute, safe='')}",
        f"/media/./previews/../../private/{name}",
        f"/media/previews/./../../private/{name}",
        f"/media/previews/%00/../../private/{name}",
        f"/media/logos/../../private/{name}",
    ]


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_no_encoding_of_a_path_reaches_an_unpublished_file_through_media(
    client, documents, state, media_root, private_media_root
):
    document = documents[state]
    names = [document.file.name, document.versions.get().file.name, document.preview.name]
    # Even a file left in public media by the old layout (before the move) is not served.
    leftover = media_root / "private" / document.file.name
    leftover.parent.mkdir(parents=True, exist_ok=True)
    leftover.write_bytes(document.file.read())
    for name in names:
        assert (private_media_root / name).is_file()
        for url in media_tricks(name, private_media_root):
            response = client.get(url)
            assert response.status_code == 404, url


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_the_preview_of_an_unpublished_document_has_no_public_address(
    client, documents, state, media_root
):
    document = documents[state]
    assert not (media_root / document.preview.name).exists()
    assert client.get(f"/media/{document.preview.name}").status_code == 404
    assert document.preview_url == f"/download/previews/{document.pk}.png"


def test_the_preview_of_a_published_document_is_public_media(client, documents):
    document = documents["published"]
    assert document.preview_url == f"/media/{document.preview.name}"
    response = client.get(document.preview_url)
    assert response.status_code == 200
    assert sent_bytes(response) == document.preview.read()
    assert_sandboxed(response)


def test_public_media_outside_the_public_folders_is_not_served(client, media_root):
    (media_root / "notes.txt").write_text("not a public folder")
    (media_root / "other").mkdir()
    (media_root / "other" / "file.txt").write_text("nor this")
    assert client.get("/media/notes.txt").status_code == 404
    assert client.get("/media/other/file.txt").status_code == 404


def test_a_logo_is_served_sandboxed(client, media_root):
    institution = MemberInstitutionWithLogoFactory()
    response = client.get(institution.logo.url)
    assert response.status_code == 200
    assert sent_bytes(response) == (media_root / institution.logo.name).read_bytes()
    assert_sandboxed(response)


# ---- every role against every private address ------------------------------------------


@pytest.mark.parametrize("state", STATES)
def test_each_role_gets_exactly_what_the_permission_table_allows(client, users, documents, state):
    document = documents[state]
    expected_bytes = {
        "download": document.file.read(),
        "version": document.versions.get().file.read(),
        "preview": document.preview.read(),
    }
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        for kind, url in private_urls(document).items():
            if kind == "version":
                allowed = role in SEES_VERSIONS
            else:
                allowed = state == "published" or role in SEES_UNPUBLISHED
            response = client.get(url)
            assert response.status_code == (200 if allowed else 404), (role, kind, url)
            if allowed:
                assert sent_bytes(response) == expected_bytes[kind], (role, kind, url)
                assert_sandboxed(response)
                if state != "published" or kind == "version":
                    assert response["Cache-Control"] == "private, no-store"


def test_the_event_zip_holds_the_published_file_only_for_every_role(
    client, users, documents, meeting
):
    published = documents["published"]
    expected = published.file.read()
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        response = client.get(f"/download/events/{meeting.pk}/files.zip")
        assert response.status_code == 200, role
        assert_sandboxed(response)
        assert "attachment" in response["Content-Disposition"]
        archive = zipfile.ZipFile(io.BytesIO(sent_bytes(response)))
        assert archive.namelist() == [published.original_name], role
        assert archive.read(published.original_name) == expected


def test_a_download_keeps_the_original_name(client, documents):
    document = documents["published"]
    response = client.get(document.get_download_url())
    assert "published paper.pdf" in response["Content-Disposition"]


# ---- the preview follows publication ------------------------------------------------------


def test_the_preview_moves_to_public_media_on_publishing_and_back_on_rejection(
    client, documents, users, media_root, private_media_root
):
    document = documents["submitted"]
    name = document.preview.name
    assert not (media_root / name).exists()

    approve_document(document, users["secretariat"])
    assert (media_root / name).read_bytes() == (private_media_root / name).read_bytes()
    assert client.get(f"/media/{name}").status_code == 200

    reject_document(document, users["secretariat"], "Published by mistake.")
    assert not (media_root / name).exists()
    assert (private_media_root / name).exists()
    assert client.get(f"/media/{name}").status_code == 404
    # The institution still sees its picture, through the checked view.
    client.force_login(users["own_member"])
    response = client.get(Document.objects.get(pk=document.pk).preview_url)
    assert response.status_code == 200 and sent_bytes(response) == document.preview.read()


def test_a_withdrawn_submission_never_had_a_public_preview(documents, media_root):
    document = documents["withdrawn"]
    assert document.status == DocumentStatus.WITHDRAWN
    assert not (media_root / document.preview.name).exists()


def test_replacing_a_published_file_publishes_the_new_preview_only(
    documents, users, media_root, django_capture_on_commit_callbacks
):
    document = documents["published"]
    old = document.preview.name
    with django_capture_on_commit_callbacks(execute=True):
        replace_file(
            document, upload("third.pdf", files.pdf_bytes(3, width=777)), users["secretariat"]
        )
    document.refresh_from_db()
    assert document.preview.name != old
    assert (media_root / document.preview.name).exists()
    assert not (media_root / old).exists()
    assert sorted(p.name for p in (media_root / "previews").iterdir()) == [
        document.preview.name.split("/")[-1]
    ]


def test_a_failed_public_copy_does_not_publish(documents, users, media_root, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    document = documents["submitted"]
    original_save = FileSystemStorage._save

    def failing_save(self, name, content):
        if self.location == str(media_root):
            raise OSError("No space left on device")
        return original_save(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", failing_save)
    with pytest.raises(OSError):
        approve_document(document, users["secretariat"])
    document.refresh_from_db()
    assert document.status == DocumentStatus.SUBMITTED
    assert not (media_root / document.preview.name).exists()


# ---- behind nginx: X-Accel-Redirect ------------------------------------------------------


@pytest.mark.parametrize("state", STATES)
def test_with_accel_redirect_nginx_sends_the_file_after_the_check(
    settings, as_role, documents, state
):
    settings.PRIVATE_FILES_ACCEL_REDIRECT = "/_private/"
    document = documents[state]
    anonymous = as_role("anonymous").get(document.get_download_url())
    if state != "published":
        assert anonymous.status_code == 404
        assert "X-Accel-Redirect" not in anonymous
    response = as_role("own_member").get(document.get_download_url())
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_private/{document.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert f"{state} paper.pdf" in response["Content-Disposition"]
    assert_sandboxed(response)


def test_a_private_root_inside_public_media_is_refused_at_start(settings, tmp_path):
    from assa.checks import private_media_root_is_apart

    settings.PRIVATE_MEDIA_ROOT = settings.MEDIA_ROOT / "private"
    assert [error.id for error in private_media_root_is_apart()] == ["assa.E001"]
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "elsewhere"
    assert private_media_root_is_apart() == []
