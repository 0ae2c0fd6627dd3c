"""The data migration that moves documents' files from public media to private storage."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("documents", "0004_private_storage")]
AFTER = [("documents", "0005_move_files_to_private_storage")]


def latest():
    """Every app at its newest migration: where the other tests expect the database."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.loader.graph.leaf_nodes()


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_files_move_to_private_storage_and_back(media_root, private_media_root):
    apps = migrate(BEFORE)
    Document = apps.get_model("documents", "Document")
    DocumentVersion = apps.get_model("documents", "DocumentVersion")
    # The old layout: files under MEDIA_ROOT/private/documents/, previews under previews/.
    for name, data in {
        "private/documents/a.pdf": b"%PDF submitted",
        "private/documents/b.pdf": b"%PDF published",
        "private/documents/old.pdf": b"%PDF earlier",
        "previews/a.png": b"png of a",
        "previews/b.png": b"png of b",
    }.items():
        (media_root / name).parent.mkdir(parents=True, exist_ok=True)
        (media_root / name).write_bytes(data)
    common = {"content_type": "application/pdf", "size": 1}
    submitted = Document.objects.create(
        title_en="A", file="private/documents/a.pdf", preview="previews/a.png",
        status="submitted", sha256="a", original_name="a.pdf", **common,
    )  # fmt: skip
    published = Document.objects.create(
        title_en="B", file="private/documents/b.pdf", preview="previews/b.png",
        status="approved", sha256="b", original_name="b.pdf", **common,
    )  # fmt: skip
    DocumentVersion.objects.create(
        document=published, file="private/documents/old.pdf", original_name="old.pdf",
        content_type="application/pdf", size=1, sha256="c",
    )  # fmt: skip

    apps = migrate(AFTER)
    Document = apps.get_model("documents", "Document")
    DocumentVersion = apps.get_model("documents", "DocumentVersion")
    submitted = Document.objects.get(pk=submitted.pk)
    published = Document.objects.get(pk=published.pk)
    assert submitted.file.name == "documents/a.pdf"
    assert published.file.name == "documents/b.pdf"
    assert DocumentVersion.objects.get().file.name == "documents/old.pdf"
    assert (private_media_root / "documents/a.pdf").read_bytes() == b"%PDF submitted"
    assert (private_media_root / "documents/old.pdf").read_bytes() == b"%PDF earlier"
    assert (private_media_root / "previews/a.png").read_bytes() == b"png of a"
    assert (private_media_root / "previews/b.png").read_bytes() == b"png of b"
    # Nothing private is left in public media; the published preview stays public.
    left = sorted(
        p.relative_to(media_root).as_posix() for p in media_root.rglob("*") if p.is_file()
    )
    assert left == ["previews/b.png"]

    apps = migrate(BEFORE)
    Document = apps.get_model("documents", "Document")
    assert Document.objects.get(pk=submitted.pk).file.name == "private/documents/a.pdf"
    assert (media_root / "private/documents/a.pdf").read_bytes() == b"%PDF submitted"
    assert (media_root / "previews/a.png").read_bytes() == b"png of a"
    assert not any(p.is_file() for p in private_media_root.rglob("*"))
    migrate(latest())
