from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = "报表"

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registrations)
