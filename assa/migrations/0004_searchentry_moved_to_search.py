# SearchEntry is the search app's model now (search's 0001 takes it over). Its table keeps
# its name, assa_searchentry, and its rows: only Django's idea of the model moves.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assa", "0003_searchentry_narrow_rows"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SearchEntry")],
        ),
    ]
