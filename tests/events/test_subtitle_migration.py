"""The migration that keeps only the subtitle of a board meeting's title that repeats its
heading, leaving other events and every address alone."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("events", "0004_title_is_a_subtitle")]
AFTER = [("events", "0005_board_meeting_subtitles")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.loader.graph.leaf_nodes()


def test_titles_that_repeat_the_heading_keep_only_their_subtitle():
    apps = migrate(BEFORE)
    Event = apps.get_model("events", "Event")
    common = {"starts_on": "2020-12-09", "format": "virtual", "status": "held"}
    rows = {
        "repeat": ("assa-board-meeting", 40, "40th ASSA Board Meeting", "កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៤០"),
        "both": ("assa-board-meeting", 41, "41st ASSA Board Meeting: Philippines 2027", None),
        "subtitle": ("assa-board-meeting", 37, "Cambodia 2020", "កម្ពុជា ២០២០"),
        "forum": ("forum", None, "40th ASSA Board Meeting", None),
    }  # fmt: skip
    for slug, (kind, number, title_en, title_km) in rows.items():
        Event.objects.create(
            kind=kind, number=number, slug=slug, title=title_en, title_en=title_en,
            title_km=title_km, **common,
        )  # fmt: skip

    apps = migrate(AFTER)
    Event = apps.get_model("events", "Event")
    found = {e.slug: (e.title, e.title_en, e.title_km) for e in Event.objects.all()}
    assert found == {
        "repeat": ("", "", ""),
        "both": ("Philippines 2027", "Philippines 2027", None),
        "subtitle": ("Cambodia 2020", "Cambodia 2020", "កម្ពុជា ២០២០"),
        "forum": ("40th ASSA Board Meeting", "40th ASSA Board Meeting", None),
    }
    migrate(latest())
