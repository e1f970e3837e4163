from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "gongkai.enforcement"
    label = "enforcement"
    verbose_name = "双公示"

    def ready(self) -> None:
        from . import types  # noqa: F401  (record types and report counters)
