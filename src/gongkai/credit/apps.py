from django.apps import AppConfig


class CreditConfig(AppConfig):
    name = "gongkai.credit"
    label = "credit"
    verbose_name = "企业信用"

    def ready(self) -> None:
        from . import channels, types  # noqa: F401  (record type, navigation)
