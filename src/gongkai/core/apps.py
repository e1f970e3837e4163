from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from . import journal, pagecache, permissions, unit_import  # noqa: F401  (permissions; units importer)

        journal.connect()
        pagecache.connect()

        checks.register(check_two_factor_roles, checks.Tags.security)
        checks.register(check_encryption_key, checks.Tags.security)
        post_migrate.connect(_store_key_check, sender=self)


def _store_key_check(sender: Any, using: str = "default", **kwargs: Any) -> None:
    from . import crypto

    crypto.ensure_key_check()


def check_encryption_key(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    """A wrong or lost GONGKAI_ENCRYPTION_KEY fails `gongkai check` (issue #23 item 12)."""
    from . import crypto

    try:
        matches = crypto.key_matches()
    except Exception:  # no database, not migrated yet, or none allowed (a test): nothing to check against
        return []
    return [] if matches else [checks.Error(crypto.KEY_MISMATCH, id="gongkai.E002")]


def check_two_factor_roles(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    from django.conf import settings

    from .models import User

    unknown = [r for r in settings.TWO_FACTOR_ROLES if r not in User.Role.values]
    return (
        [
            checks.Error(
                f"GONGKAI_2FA_ROLES names unknown roles: {', '.join(unknown)}",
                hint=f"roles are: {', '.join(User.Role.values)}",
                id="gongkai.E001",
            )
        ]
        if unknown
        else []
    )
