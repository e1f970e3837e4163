"""On PostgreSQL: an index on the publication date, newest first, so that the newest matches of a
word found in most items are read by walking it (ranking is bounded to them; see PostgresBackend)."""

from django.db import migrations

from ._postgres import postgres_only


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_fulltext")]
    operations = [
        postgres_only(
            "CREATE INDEX search_searchentry_published ON search_searchentry (published_at DESC NULLS LAST)",
            "DROP INDEX IF EXISTS search_searchentry_published",
        )
    ]
