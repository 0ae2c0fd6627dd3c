"""A database made before the layers (Presentation in events, SearchEntry in assa) migrates
with nothing lost: the same rows, the same links, the content types moved, not duplicated."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The leaf migrations of main before the move.
BEFORE = [
    ("members", "0003_slug_help_text"),
    ("events", "0002_status_note_minutes_approved"),
    ("documents", "0003_versions_submissions_indexes"),
    ("news", "0001_initial"),
    ("assa", "0003_searchentry_narrow_rows"),
]


# Apps with no migrations on main then (new since): unapplied for the old state.
NEW_APPS = {"search", "legacy", "pages", "backups"}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def before():
    """Every app at its latest, except those that moved: at main's leaves, or not there."""
    changed = {app for app, _ in BEFORE} | NEW_APPS
    return (
        [node for node in latest() if node[0] not in changed]
        + BEFORE
        + [(app, None) for app in NEW_APPS]
    )


@pytest.mark.django_db(transaction=True)
def test_rows_made_before_the_layers_keep_their_links_after_migrate():
    old = migrate(before())
    content_type = old.get_model("contenttypes", "ContentType")
    moved = [
        content_type.objects.get_or_create(app_label="events", model="presentation")[0].pk,
        content_type.objects.get_or_create(app_label="assa", model="searchentry")[0].pk,
    ]
    institution = old.get_model("members", "MemberInstitution").objects.create(
        name="National Social Security Fund", acronym="NSSF", slug="nssf", country="KH"
    )
    event = old.get_model("events", "Event").objects.create(
        kind="assa-board-meeting", number=37, slug="cambodia-2020", title="Cambodia 2020",
        starts_on="2020-12-09", host=institution, country="KH",
    )  # fmt: skip
    document = old.get_model("documents", "Document").objects.create(
        title="Minutes", kind="minutes", language="en", institution=institution, event=event,
        file="private/documents/minutes.pdf", original_name="Minutes.pdf",
        content_type="application/pdf", size=3, sha256="a" * 64, status="approved",
    )  # fmt: skip
    old.get_model("events", "Presentation").objects.create(
        event=event, category="minutes", title="Minutes of the 37th", document=document
    )
    old.get_model("assa", "SearchEntry").objects.create(kind="event", object_id=event.pk)

    new = migrate(latest())

    presentation = new.get_model("documents", "Presentation").objects.get()
    assert (presentation.title, presentation.event_id) == ("Minutes of the 37th", event.pk)
    assert presentation.document_id == document.pk
    assert new.get_model("search", "SearchEntry").objects.get().object_id == event.pk
    content_type = new.get_model("contenttypes", "ContentType")
    assert [
        content_type.objects.get(app_label="documents", model="presentation").pk,
        content_type.objects.get(app_label="search", model="searchentry").pk,
    ] == moved
    assert not content_type.objects.filter(app_label__in=["events", "assa"]).filter(
        model__in=["presentation", "searchentry"]
    )
