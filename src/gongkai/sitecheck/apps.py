from django.apps import AppConfig


class SitecheckConfig(AppConfig):
    name = "gongkai.sitecheck"
    label = "sitecheck"
    verbose_name = "网站普查"

    def ready(self) -> None:
        from . import checks, panels, permissions  # noqa: F401  (registrations)
