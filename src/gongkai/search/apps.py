from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = "全文检索"

    def ready(self) -> None:
        from gongkai.portal.registry import register_nav

        from . import indexing, permissions, tasks  # noqa: F401  (upkeep)

        indexing.connect()

        register_nav("搜索", "search:search", 5)
