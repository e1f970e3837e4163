from django.apps import AppConfig


class LotteryConfig(AppConfig):
    name = "gongkai.lottery"
    label = "lottery"
    verbose_name = "公开摇号"

    def ready(self) -> None:
        from gongkai.core import workflow

        from . import types  # noqa: F401  (registrations)
        from .services import keep_secret

        workflow.subscribe(keep_secret, order=5, name="lottery-secret")
