"""Print, as JSON, a site's whole stored state: every table's rows and every uploaded file's SHA-256.

Run inside `gongkai shell -c` (its text is passed in), so that it sees the site as the command line
does. Every model Django knows (`apps.get_models`, with many-to-many tables) is read with all its
columns in primary-key order, as the database stores them (ciphertext stays ciphertext): a new model
is covered without touching the test. PostgreSQL's sequences are listed too, so that a restored site
goes on numbering where the backed-up one stopped.
"""

import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection


def plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def tables():
    quote = connection.ops.quote_name
    found = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or not meta.managed or meta.db_table in found:
                continue
            columns = ", ".join(quote(field.column) for field in meta.concrete_fields)
            cursor.execute(f"SELECT {columns} FROM {quote(meta.db_table)} ORDER BY {quote(meta.pk.column)}")
            digest, rows = hashlib.sha256(), 0
            for row in cursor:
                digest.update(repr(tuple(plain(value) for value in row)).encode())
                rows += 1
            found[meta.db_table] = [rows, digest.hexdigest()]
    return found


def sequences():
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
        return dict(cursor.fetchall())


def files():
    media = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }


print(
    json.dumps(
        {
            "tables": tables(),
            "all_tables": sorted(connection.introspection.table_names()),
            "sequences": sequences(),
            "files": files(),
        }
    )
)
