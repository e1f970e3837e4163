from django.apps import AppConfig


class LotteryConfig(AppConfig):
    name = "gongkai.lottery"
    label = "lottery"
    verbose_name = "公开摇号"

    def ready(self) -> None:
        from . import types  # noqa: F401  (registrations)
