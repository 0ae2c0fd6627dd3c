"""The migration that corrects what earlier imports did: Khmer titles out of the English
fields, and imported files' publication dates back to their meetings' days."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("legacy", "0001_initial"), ("documents", "0008_remove_document_legacy_path")]
AFTER = [("legacy", "0002_khmer_titles_meeting_dates")]
KHMER = "ការពង្រីកសន្តិសុខសង្គម"


def migrate(targets, unapply=()):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([*targets, *((app, None) for app in unapply)])
    return MigrationExecutor(connection).loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.loader.graph.leaf_nodes()


def test_khmer_titles_move_and_imported_files_take_their_meetings_day():
    apps = migrate([*BEFORE, ("events", "0005_board_meeting_subtitles")])
    Event = apps.get_model("events", "Event")
    Presentation = apps.get_model("documents", "Presentation")
    Document = apps.get_model("documents", "Document")
    LegacyPath = apps.get_model("legacy", "LegacyPath")
    imported = Event.objects.create(
        kind="seminar-workshop", slug="seminar", title="សិក្ខាសាលា", title_en="សិក្ខាសាលា",
        starts_on=datetime.date(2019, 11, 26), legacy_permalink="/events/Seminars/seminar",
        format="virtual", status="held",
    )  # fmt: skip
    typed = Event.objects.create(
        kind="forum", slug="typed", title="វេទិកា", title_en="វេទិកា",
        starts_on=datetime.date(2020, 1, 1), format="virtual", status="held",
    )  # fmt: skip
    item = Presentation.objects.create(
        event=imported, category="good-practice", title=KHMER, title_en=KHMER
    )
    common = {"content_type": "application/pdf", "size": 1, "file": "documents/x.pdf"}
    paper = Document.objects.create(
        title=KHMER, title_en=KHMER, sha256="a", original_name="a.pdf", event=imported,
        status="approved", published_at=timezone.now(), **common,
    )  # fmt: skip
    LegacyPath.objects.create(path="/files/a.pdf", document=paper)
    decided_later = Document.objects.create(
        title_en="English", sha256="b", original_name="b.pdf", event=imported,
        status="approved", published_at=timezone.now() + datetime.timedelta(days=3), **common,
    )  # fmt: skip
    LegacyPath.objects.create(path="/files/b.pdf", document=decided_later)
    uploaded = Document.objects.create(
        title_en=KHMER, sha256="c", original_name="c.pdf", event=imported,
        status="approved", published_at=timezone.now(), **common,
    )  # fmt: skip

    apps = migrate(AFTER)
    Event = apps.get_model("events", "Event")
    Presentation = apps.get_model("documents", "Presentation")
    Document = apps.get_model("documents", "Document")
    assert Event.objects.filter(pk=imported.pk).values_list("title_en", "title_km").get() == (
        "",
        "សិក្ខាសាលា",
    )
    # Not imported: left alone.
    assert Event.objects.get(pk=typed.pk).title_en == "វេទិកា"
    assert Presentation.objects.filter(pk=item.pk).values_list("title_en", "title_km").get() == (
        "",
        KHMER,
    )
    paper = Document.objects.get(pk=paper.pk)
    assert (paper.title_en, paper.title_km) == ("", KHMER)
    assert timezone.localtime(paper.published_at) == timezone.make_aware(
        datetime.datetime(2019, 11, 26)
    )
    # A date set later than the import (by the secretariat) is kept; so is a portal upload.
    assert Document.objects.get(pk=decided_later.pk).published_at > timezone.now()
    assert Document.objects.get(pk=uploaded.pk).title_en == KHMER
    migrate(latest())
