from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = "门户"

    def ready(self) -> None:
        from gongkai.core import pagecache

        from . import sitemaps  # noqa: F401  (registers the portal's own pages)
        from .context import ELDER_COOKIE

        pagecache.vary_on_cookie(ELDER_COOKIE)  # 长辈模式: the second of a page's two variants
