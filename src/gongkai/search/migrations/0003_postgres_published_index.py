"""On PostgreSQL: an index on the publication date, newest first, so that the newest matches of a
word found in most items are read by walking it (ranking is bounded to them; see PostgresBackend)."""

from django.db import migrations


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX search_searchentry_published ON search_searchentry (published_at DESC NULLS LAST)"
        )


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_searchentry_published")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_fulltext")]
    operations = [migrations.RunPython(forward, backward)]
