from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = "全文检索"

    def ready(self) -> None:
        from gongkai.portal.registry import register_nav

        from . import permissions, sources, tasks  # noqa: F401  (documents and record types contribute; upkeep)

        register_nav("搜索", "search:search", 5)
