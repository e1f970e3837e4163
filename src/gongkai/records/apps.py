from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "gongkai.records"
    label = "records"
    verbose_name = "结构化公开信息"

    def ready(self) -> None:
        from . import channels, panels, permissions, search  # noqa: F401  (registrations)
