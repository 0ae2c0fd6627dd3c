"""The migration that moves documents' old addresses into a table of their own."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("documents", "0007_presentation")]
AFTER = [("legacy", "0001_initial"), ("documents", "0008_remove_document_legacy_path")]


def migrate(targets, unapply=()):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([*targets, *((app, None) for app in unapply)])
    return MigrationExecutor(connection).loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.loader.graph.leaf_nodes()


def test_each_documents_old_address_becomes_a_row_and_goes_back():
    apps = migrate(BEFORE, unapply=["legacy"])
    Document = apps.get_model("documents", "Document")
    common = {"content_type": "application/pdf", "size": 1, "file": "documents/x.pdf"}
    old = Document.objects.create(
        title_en="Old", sha256="a", original_name="a.pdf",
        legacy_path="/files/ASSA Board Meeting/A.pdf", **common,
    )  # fmt: skip
    Document.objects.create(title_en="New", sha256="b", original_name="b.pdf", **common)

    apps = migrate(AFTER)
    LegacyPath = apps.get_model("legacy", "LegacyPath")
    assert list(LegacyPath.objects.values_list("path", "document_id")) == [
        ("/files/ASSA Board Meeting/A.pdf", old.pk)
    ]

    apps = migrate(BEFORE, unapply=["legacy"])
    Document = apps.get_model("documents", "Document")
    assert dict(Document.objects.values_list("title_en", "legacy_path")) == {
        "Old": "/files/ASSA Board Meeting/A.pdf",
        "New": "",
    }
    migrate(latest())
