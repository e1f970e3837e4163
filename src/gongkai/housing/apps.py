from django.apps import AppConfig


class HousingConfig(AppConfig):
    name = "gongkai.housing"
    label = "housing"
    verbose_name = "房屋征收与保障性住房"

    def ready(self) -> None:
        from . import types  # noqa: F401  (registrations)
