from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from gongkai.core.management.base import GongkaiCommand, usage_error


class GunicornApp(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        import gunicorn.http.wsgi

        from gongkai.wsgi import application

        # The Server header names no software or version (issue #23 item 10): gunicorn has no setting.
        gunicorn.http.wsgi.SERVER = "gongkai"

        return application


class QuietHealthLogger(Logger):
    """gunicorn's access log without the monitor's `/healthz` polls that succeed (one a minute or more)."""

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if environ.get("PATH_INFO") == "/healthz" and str(getattr(resp, "status", "")).startswith("200"):
            return
        super().access(resp, req, environ, request_time)


def pending_migrations() -> int:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


class Command(GongkaiCommand):
    help = (
        "Migrate if needed (not with --no-migrate, as app servers of a production site run), "
        "then serve with the production server (gunicorn + WhiteNoise)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--no-migrate",
            action="store_true",
            help="never migrate: refuse to start while migrations are pending (run `gongkai migrate` once "
            "per upgrade instead of on every app server's start)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["port"] <= 65535:
            raise usage_error(f"--port must be 1-65535, got {options['port']}")
        if not 1 <= options["workers"] <= 64:
            raise usage_error(f"--workers must be 1-64, got {options['workers']}")
        pending = pending_migrations()
        if pending and options["no_migrate"]:
            raise CommandError(
                f"{pending} migrations are not applied; run `gongkai migrate` once, then start the app servers",
                returncode=1,
            )
        if pending:
            call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Gongkai serving on http://{options['host']}:{options['port']}/")
        GunicornApp(
            {
                "bind": f"{options['host']}:{options['port']}",
                "workers": options["workers"],
                "worker_class": "gthread",
                "threads": 4,
                "timeout": 60,
                # Longer than any front's idle pool (nginx keeps upstream connections 60 s): a server that
                # closed first would race the front's next request on that connection (a reset).
                "keepalive": 75,
                "accesslog": "-",
                "errorlog": "-",
                "logger_class": QuietHealthLogger,
                # The access log's address: the client's as the trusted proxy forwarded it, else the peer.
                "access_log_format": '%({x-forwarded-for}i)s %(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"',
            }
        ).run()
