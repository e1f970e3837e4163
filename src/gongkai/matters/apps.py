from django.apps import AppConfig


class MattersConfig(AppConfig):
    name = "gongkai.matters"
    label = "matters"
    verbose_name = "权责清单与审批"

    def ready(self) -> None:
        from . import importer, panels, permissions, types  # noqa: F401  (registrations)
