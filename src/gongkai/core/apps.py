from typing import Any

from django.apps import AppConfig
from django.core import checks


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from . import journal, permissions  # noqa: F401  (registers the core permissions)

        journal.connect()

        checks.register(check_two_factor_roles, checks.Tags.security)


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
