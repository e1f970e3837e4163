from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "gongkai.finance"
    label = "finance"
    verbose_name = "财政预决算"

    def ready(self) -> None:
        from . import fees, importer, panels, permissions, types  # noqa: F401  (registrations)
