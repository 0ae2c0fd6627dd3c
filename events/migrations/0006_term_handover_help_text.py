# A term is current from its handover meeting's first day: the field says so.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_board_meeting_subtitles"),
    ]

    operations = [
        migrations.AlterField(
            model_name="term",
            name="handover_event",
            field=models.ForeignKey(
                blank=True,
                help_text="The board meeting at which the offices were handed over for this term. The term is shown as the current one from that meeting's first day (without a meeting, from 1 January of its first year).",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="handovers",
                to="events.event",
                verbose_name="handover meeting",
            ),
        ),
    ]
