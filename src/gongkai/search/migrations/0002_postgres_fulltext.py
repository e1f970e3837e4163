"""On PostgreSQL: a tsvector column kept by a trigger (title weighted A, body B) with a GIN index.

SQLite deployments use the embedded engine and skip this.
"""

from django.db import migrations

from ._postgres import postgres_only

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


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [postgres_only(FORWARD, BACKWARD)]
