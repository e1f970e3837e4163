"""Exit 0 if GONGKAI_TEST_DATABASE_URL's server answers (creating the database if missing), else 77."""

import os
import sys
from urllib.parse import urlparse

import psycopg

url = os.environ.get("GONGKAI_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gongkai")
parts = urlparse(url)
name = parts.path.lstrip("/")
admin_url = parts._replace(path="/postgres").geturl()
try:
    with psycopg.connect(admin_url, connect_timeout=5, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
except psycopg.OperationalError as exc:
    print(f"PostgreSQL not reachable at {parts.hostname}:{parts.port}: {exc}".strip(), file=sys.stderr)
    sys.exit(77)
print(f"PostgreSQL at {parts.hostname}:{parts.port or 5432} answers; tests use a copy of {name!r}")
