"""On PostgreSQL: rank by a short vector — the title (A) and the body's first 600 characters of tokens
(B) — kept beside the full one by the same trigger. The full `tsv` of a long document is stored out
of line (TOAST) and decompressed for every match ranked; `lead_tsv` stays in the row. Matching still
uses the full `tsv`. Existing rows are filled by touching them once (the trigger recomputes both)."""

from django.db import migrations

from ._postgres import postgres_only

FORWARD = """
ALTER TABLE search_searchentry ADD COLUMN lead_tsv tsvector;
CREATE OR REPLACE FUNCTION search_searchentry_tsv() RETURNS trigger AS $$
BEGIN
  NEW.tsv := setweight(to_tsvector('simple', coalesce(NEW.title_tokens, '')), 'A')
          || setweight(to_tsvector('simple', coalesce(NEW.body_tokens, '')), 'B');
  NEW.lead_tsv := setweight(to_tsvector('simple', coalesce(NEW.title_tokens, '')), 'A')
          || setweight(to_tsvector('simple', left(coalesce(NEW.body_tokens, ''), 600)), 'B');
  RETURN NEW;
END $$ LANGUAGE plpgsql;
UPDATE search_searchentry SET title_tokens = title_tokens;
"""
BACKWARD = """
CREATE OR REPLACE FUNCTION search_searchentry_tsv() RETURNS trigger AS $$
BEGIN
  NEW.tsv := setweight(to_tsvector('simple', coalesce(NEW.title_tokens, '')), 'A')
          || setweight(to_tsvector('simple', coalesce(NEW.body_tokens, '')), 'B');
  RETURN NEW;
END $$ LANGUAGE plpgsql;
ALTER TABLE search_searchentry DROP COLUMN IF EXISTS lead_tsv;
"""


class Migration(migrations.Migration):
    dependencies = [("search", "0003_postgres_published_index")]
    operations = [postgres_only(FORWARD, BACKWARD)]
