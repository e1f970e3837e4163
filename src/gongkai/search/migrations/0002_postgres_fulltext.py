"""On PostgreSQL: a tsvector column kept by a trigger (title weighted A, body B) with a GIN index.

SQLite deployments use the embedded engine and skip this.
"""

from django.db import migrations

FORWARD = """
ALTER TABLE search_searchentry ADD COLUMN tsv tsvector;
CREATE FUNCTION search_searchentry_tsv() RETURNS trigger AS $$
BEGIN
  NEW.tsv := setweight(to_tsvector('simple', coalesce(NEW.title_tokens, '')), 'A')
          || setweight(to_tsvector('simple', coalesce(NEW.body_tokens, '')), 'B');
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER search_searchentry_tsv BEFORE INSERT OR UPDATE ON search_searchentry
  FOR EACH ROW EXECUTE FUNCTION search_searchentry_tsv();
CREATE INDEX search_searchentry_tsv_gin ON search_searchentry USING gin (tsv);
"""
BACKWARD = """
DROP INDEX IF EXISTS search_searchentry_tsv_gin;
DROP TRIGGER IF EXISTS search_searchentry_tsv ON search_searchentry;
DROP FUNCTION IF EXISTS search_searchentry_tsv();
ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tsv;
"""


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
