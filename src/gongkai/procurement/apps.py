from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "gongkai.procurement"
    label = "procurement"
    verbose_name = "政府采购"

    def ready(self) -> None:
        from . import channels, checks, permissions, search, types  # noqa: F401  (registrations)
