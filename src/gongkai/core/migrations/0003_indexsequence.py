"""Index numbers moved from the catalog to core: the same table, now owned by core (state only)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0002_transparencyentry_transparencyhead")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IndexSequence",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("prefix", models.CharField(max_length=30)),
                        ("year", models.PositiveSmallIntegerField()),
                        ("last", models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        "db_table": "publishing_indexsequence",
                        "constraints": [models.UniqueConstraint(fields=("prefix", "year"), name="index_sequence_once")],
                    },
                ),
            ],
        ),
    ]
