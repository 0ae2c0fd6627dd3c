# SearchEntry moved from the site app (assa) to this app. Its table, assa_searchentry, and
# its rows stay where they are: this migration only tells Django the model is search's now
# (assa's 0004 forgets it there), and moves its content type so permissions follow.

import datetime
import django.contrib.postgres.search
import django.utils.timezone
from django.db import migrations, models


def move_content_type(apps, schema_editor, old="assa", new="search"):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label=new, model="searchentry").exists():
        content_type.objects.filter(app_label=old, model="searchentry").update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="search", new="assa")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("assa", "0004_searchentry_moved_to_search"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(move_content_type, move_content_type_back),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchEntry",
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
                            "kind",
                            models.CharField(
                                choices=[
                                    ("article", "News"),
                                    ("event", "Event"),
                                    ("document", "Document"),
                                    ("member", "Member institution"),
                                ],
                                max_length=10,
                                verbose_name="kind",
                            ),
                        ),
                        ("object_id", models.PositiveBigIntegerField(verbose_name="object id")),
                        ("text_en", models.TextField(blank=True, verbose_name="text in English")),
                        ("text_km", models.TextField(blank=True, verbose_name="text in Khmer")),
                        (
                            "file_text",
                            models.TextField(blank=True, verbose_name="text of the file"),
                        ),
                        (
                            "file_sha256",
                            models.CharField(
                                blank=True, max_length=64, verbose_name="SHA-256 of the file"
                            ),
                        ),
                        ("terms", models.TextField(blank=True, verbose_name="terms")),
                        ("title_terms", models.TextField(blank=True, verbose_name="title terms")),
                        (
                            "search_vector",
                            django.contrib.postgres.search.SearchVectorField(blank=True, null=True),
                        ),
                        (
                            "rank_vector",
                            django.contrib.postgres.search.SearchVectorField(blank=True, null=True),
                        ),
                        ("date", models.DateField(blank=True, null=True, verbose_name="date")),
                        (
                            "year",
                            models.PositiveSmallIntegerField(
                                blank=True, null=True, verbose_name="year"
                            ),
                        ),
                        (
                            "visible_from",
                            models.DateTimeField(
                                default=datetime.datetime(1970, 1, 1, 0, 0, tzinfo=datetime.UTC),
                                verbose_name="visible from",
                            ),
                        ),
                        (
                            "indexed_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="indexed"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "search index entry",
                        "verbose_name_plural": "search index entries",
                        "db_table": "assa_searchentry",
                        "ordering": ["-date", "-pk"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("kind", "object_id"), name="searchentry_unique_object"
                            )
                        ],
                    },
                )
            ]
        ),
    ]
