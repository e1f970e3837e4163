"""Entries keep the tokens of their numbers (发文字号, 决定书文号 …; not the 索引号): a query word found
there ranks above one found in the body (decision 0015). On PostgreSQL the trigger adds them to both
vectors, beside the body's tokens (weight B), so that a word of a number alone also matches. Rows
written before keep an empty column (their numbers are in their text anyway) until `gongkai search
reindex`."""

from django.db import migrations, models

from ._postgres import postgres_only

FORWARD = """
CREATE OR REPLACE FUNCTION search_searchentry_tsv() RETURNS trigger AS $$
BEGIN
  NEW.tsv := setweight(to_tsvector('simple', coalesce(NEW.title_tokens, '')), 'A')
          || setweight(to_tsvector('simple', coalesce(NEW.number_tokens, '') || ' '
                                          || coalesce(NEW.body_tokens, '')), 'B');
  NEW.lead_tsv := setweight(to_tsvector('simple', coalesce(NEW.title_tokens, '')), 'A')
          || setweight(to_tsvector('simple', left(coalesce(NEW.number_tokens, '') || ' '
                                                   || coalesce(NEW.body_tokens, ''), 600)), 'B');
  RETURN NEW;
END $$ LANGUAGE plpgsql;
"""
BACKWARD = """
CREATE OR REPLACE FUNCTION search_searchentry_tsv() RETURNS trigger AS $$
BEGIN
  NEW.tsv := setweight(to_tsvector('simple', coalesce(NEW.title_tokens, '')), 'A')
          || setweight(to_tsvector('simple', coalesce(NEW.body_tokens, '')), 'B');
  NEW.lead_tsv := setweight(to_tsvector('simple', coalesce(NEW.title_tokens, '')), 'A')
          || setweight(to_tsvector('simple', left(coalesce(NEW.body_tokens, ''), 600)), 'B');
  RETURN NEW;
END $$ LANGUAGE plpgsql;
"""


class Migration(migrations.Migration):
    dependencies = [("search", "0006_postgres_day_tsv_gin")]
    operations = [
        migrations.AddField(
            model_name="searchentry", name="number_tokens", field=models.TextField(blank=True, default=""),
            preserve_default=False,
        ),
        postgres_only(FORWARD, BACKWARD),
    ]
