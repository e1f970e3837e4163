from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = "门户"

    def ready(self) -> None:
        from . import sitemaps  # noqa: F401  (registers the portal's own pages)
