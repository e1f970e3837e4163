"""On PostgreSQL: the entries' tsvector indexed with RUM where the server has the extension (it returns
matches in rank order), else GIN as before. `gongkai search reindex` re-checks, so installing RUM later
(Debian: postgresql-15-rum) takes effect on the next rebuild."""

from django.db import migrations


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        from gongkai.search.backends import ensure_fulltext_index

        ensure_fulltext_index(schema_editor.connection)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_searchentry_tsv_rum")
        schema_editor.execute("CREATE INDEX IF NOT EXISTS search_searchentry_tsv_gin ON search_searchentry USING gin (tsv)")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_fulltext")]
    operations = [migrations.RunPython(forward, backward)]
