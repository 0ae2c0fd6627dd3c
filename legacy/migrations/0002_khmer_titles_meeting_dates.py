# What the importer now does, done to what it imported before:
#
# - a title written in Khmer that it put into the English field moves to the Khmer field
#   (events with an old address, their programme items, and documents with an old
#   address), unless the Khmer field already holds something;
# - a document it imported gets its meeting's first day as publication date, when that
#   date is still the day of the import (published within a minute of being stored).
#
# Going back changes nothing.

import datetime
import re

from django.db import migrations
from django.utils import timezone

KHMER_RUN = re.compile("[\u1780-\u17d3\u17d7\u17dc\u17dd\u19e0-\u19ff]+")


def written_in_khmer(text):
    text = text or ""
    khmer = sum(len(run) for run in KHMER_RUN.findall(text))
    latin = sum(1 for char in text if char.isascii() and char.isalpha())
    return khmer > latin


def move_khmer_title(row):
    """Move a Khmer title_en to title_km; True if the row changed."""
    if written_in_khmer(row.title_en) and not row.title_km:
        row.title_km, row.title_en = row.title_en, ""
        return True
    return False


def fix_imports(apps, schema_editor):
    event_model = apps.get_model("events", "Event")
    presentation_model = apps.get_model("documents", "Presentation")
    document_model = apps.get_model("documents", "Document")

    for event in event_model.objects.exclude(legacy_permalink="").iterator():
        if move_khmer_title(event):
            event.save(update_fields=["title_en", "title_km"])
    items = presentation_model.objects.exclude(event__legacy_permalink="")
    for item in items.iterator():
        if move_khmer_title(item):
            item.save(update_fields=["title_en", "title_km"])

    imported = document_model.objects.filter(legacy_paths__isnull=False).distinct()
    for document in imported.select_related("event").iterator():
        fields = []
        if move_khmer_title(document):
            fields += ["title_en", "title_km"]
        stamped_at_import = document.published_at is not None and abs(
            document.published_at - document.created_at
        ) < datetime.timedelta(minutes=1)
        if document.event_id and stamped_at_import:
            document.published_at = timezone.make_aware(
                datetime.datetime.combine(document.event.starts_on, datetime.time())
            )
            fields.append("published_at")
        if fields:
            document.save(update_fields=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("legacy", "0001_initial"),
        ("documents", "0008_remove_document_legacy_path"),
        ("events", "0005_board_meeting_subtitles"),
    ]

    operations = [
        migrations.RunPython(fix_imports, migrations.RunPython.noop),
    ]
