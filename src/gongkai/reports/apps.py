from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = "报表"

    def ready(self) -> None:
        from gongkai.portal.registry import register_nav

        from . import fees, permissions  # noqa: F401  (registrations)

        register_nav("数据统计", "reports:statistics", 70, group="xxgk")
