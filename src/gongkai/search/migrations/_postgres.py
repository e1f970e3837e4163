"""Raw SQL steps that run on PostgreSQL only: SQLite deployments search with the embedded engine.

(The migration loader skips modules whose name starts with "_", so this is not a migration.)"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def postgres_only(forward: str, backward: str) -> migrations.RunPython:
    """A step that executes FORWARD (and, reversed, BACKWARD) on PostgreSQL and nothing elsewhere."""

    def execute(sql: str) -> Any:
        def run(apps: Any, schema_editor: Any) -> None:
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(sql)

        return run

    return migrations.RunPython(execute(forward), execute(backward))
