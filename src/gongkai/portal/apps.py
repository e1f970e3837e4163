from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = "门户"

    def ready(self) -> None:
        from gongkai.core import pagecache

        from . import sitemaps  # noqa: F401  (registers the portal's own pages)
        from .context import ELDER_COOKIE

        pagecache.vary_on_cookie(ELDER_COOKIE, frozenset({"1"}))  # 长辈模式: a page's second variant
