"""The search vocabulary for "did you mean", and PostgreSQL's pg_trgm where it can be had.

pg_trgm orders a suggestion's candidates by trigram similarity (``search.suggest``).
It is a trusted extension (PostgreSQL 13+): the database's owner may create it. Where it
cannot be created, suggestions work without it, as on SQLite. After this migration, run
``manage.py rebuild_search_index`` once: it fills the vocabulary (and re-indexes with
the Khmer spelling normalisation).
"""

import logging

from django.db import DatabaseError, migrations, models, transaction

logger = logging.getLogger(__name__)


def create_trigram_extension(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        logger.warning("pg_trgm could not be created: suggestions will work without it.")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_alter_searchentry_kind"),
    ]

    operations = [
        migrations.RunPython(create_trigram_extension, migrations.RunPython.noop),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=60, unique=True, verbose_name="word")),
                ("first", models.CharField(max_length=1, verbose_name="first letter")),
                ("length", models.PositiveSmallIntegerField(verbose_name="length")),
            ],
            options={
                "verbose_name": "search vocabulary word",
                "verbose_name_plural": "search vocabulary words",
                "ordering": ["word"],
                "indexes": [
                    models.Index(fields=["first", "length"], name="searchword_first_length")
                ],
            },
        ),
    ]
