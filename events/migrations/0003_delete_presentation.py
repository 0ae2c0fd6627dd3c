# Presentation moved to the documents app (its 0004 takes it over): documents own the link
# between a meeting and the files presented there. The table, events_presentation, keeps
# its name and its rows; only Django's idea of the model moves.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_status_note_minutes_approved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Presentation")],
        ),
    ]
