from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "gongkai.concerns"
    label = "concerns"
    verbose_name = "回应关切"

    def ready(self) -> None:
        from . import channels, panels, permissions, tasks, types  # noqa: F401  (registrations)
