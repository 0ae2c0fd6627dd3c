from django.db import migrations

# PostgreSQL keeps a row's values inline (compressed) until the row passes about 2 kB, so
# most index rows would carry their texts and vectors in the table itself, and counting
# or ranking 20,000 matches would read the whole table. With a low target the large
# columns (texts, the matching vector) go to the TOAST table; the small title vector
# that ranking reads for every match stays inline and uncompressed (STORAGE PLAIN).


def narrow_rows(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE assa_searchentry SET (toast_tuple_target = 256)")
        schema_editor.execute(
            "ALTER TABLE assa_searchentry ALTER COLUMN rank_vector SET STORAGE PLAIN"
        )


def default_rows(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE assa_searchentry RESET (toast_tuple_target)")
        schema_editor.execute(
            "ALTER TABLE assa_searchentry ALTER COLUMN rank_vector SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("assa", "0002_search_rank_vector_visible_from"),
    ]

    operations = [
        migrations.RunPython(narrow_rows, default_rows),
    ]
