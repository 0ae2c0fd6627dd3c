# Presentation moved here from the events app (events' 0003 forgets it there). Its table,
# events_presentation, and its rows stay where they are; its content type moves, so the
# permissions and the admin's history of presentations follow it.

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor, old="events", new="documents"):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label=new, model="presentation").exists():
        content_type.objects.filter(app_label=old, model="presentation").update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="documents", new="events")


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0006_protect_event_keep_uploader_name"),
        ("events", "0003_delete_presentation"),
        ("members", "0003_slug_help_text"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(move_content_type, move_content_type_back),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Presentation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "category",
                            models.CharField(
                                choices=[
                                    ("chairman-message", "Message from the ASSA Chairman"),
                                    ("speaker", "Speaker's topic"),
                                    ("good-practice", "Good practice by a member institution"),
                                    ("minutes", "Minutes"),
                                    ("report", "Report"),
                                    ("other", "Other"),
                                ],
                                max_length=20,
                                verbose_name="category",
                            ),
                        ),
                        ("title", models.CharField(max_length=300, verbose_name="title")),
                        (
                            "title_en",
                            models.CharField(max_length=300, null=True, verbose_name="title"),
                        ),
                        (
                            "title_km",
                            models.CharField(max_length=300, null=True, verbose_name="title"),
                        ),
                        (
                            "speaker_name",
                            models.CharField(blank=True, max_length=150, verbose_name="speaker"),
                        ),
                        (
                            "speaker_role",
                            models.CharField(
                                blank=True,
                                help_text="E.g. Head of Office of the Secretary-General, International Social Security Association.",
                                max_length=300,
                                verbose_name="speaker's role",
                            ),
                        ),
                        (
                            "speaker_role_en",
                            models.CharField(
                                blank=True,
                                help_text="E.g. Head of Office of the Secretary-General, International Social Security Association.",
                                max_length=300,
                                null=True,
                                verbose_name="speaker's role",
                            ),
                        ),
                        (
                            "speaker_role_km",
                            models.CharField(
                                blank=True,
                                help_text="E.g. Head of Office of the Secretary-General, International Social Security Association.",
                                max_length=300,
                                null=True,
                                verbose_name="speaker's role",
                            ),
                        ),
                        (
                            "order",
                            models.PositiveSmallIntegerField(default=0, verbose_name="order"),
                        ),
                        (
                            "document",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="presentations",
                                to="documents.document",
                                verbose_name="file",
                            ),
                        ),
                        (
                            "event",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="presentations",
                                to="events.event",
                                verbose_name="event",
                            ),
                        ),
                        (
                            "institution",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="presentations",
                                to="members.memberinstitution",
                                verbose_name="presenting institution",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "presentation",
                        "verbose_name_plural": "presentations",
                        "db_table": "events_presentation",
                        "ordering": ["event", "order", "pk"],
                    },
                )
            ]
        ),
    ]
