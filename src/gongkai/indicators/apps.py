from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "gongkai.indicators"
    label = "indicators"
    verbose_name = "指标公开"

    def ready(self) -> None:
        from . import types  # noqa: F401  (the record type)
