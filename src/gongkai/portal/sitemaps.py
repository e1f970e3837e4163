"""The portal's own pages in the sitemap, and its navigation entries."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.core.models import Unit
from gongkai.core.queries import unit_list

from .registry import register_nav, register_sitemap


class StaticPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["portal:home", "portal:disclosure", "portal:units", "portal:workdays"]

    def location(self, item: Any) -> str:
        return reverse(item)


class UnitSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> Any:
        return unit_list()

    def location(self, item: Unit) -> str:
        return item.get_absolute_url()


register_sitemap("pages", StaticPagesSitemap())
register_sitemap("units", UnitSitemap())
register_nav("首页", "portal:home", 0)
register_nav("信息公开专栏", "portal:disclosure", 10, group="xxgk")
register_nav("机构设置", "portal:units", 80, group="xxgk")
register_nav("工作日计算器", "portal:workdays", 90, group="service")
