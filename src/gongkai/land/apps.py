from django.apps import AppConfig


class LandConfig(AppConfig):
    name = "gongkai.land"
    label = "land"
    verbose_name = "征地与土地出让"

    def ready(self) -> None:
        from . import channels, types  # noqa: F401  (registrations)
