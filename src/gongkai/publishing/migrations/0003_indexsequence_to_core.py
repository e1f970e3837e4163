"""Index numbers moved to core, which now owns the table (state only; the rows stay)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("publishing", "0002_default_catalog"), ("core", "0003_indexsequence")]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="IndexSequence")]),
    ]
