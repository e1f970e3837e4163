from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "gongkai.oversight"
    label = "oversight"
    verbose_name = "公共监管"

    def ready(self) -> None:
        from . import types  # noqa: F401  (record types and navigation)
