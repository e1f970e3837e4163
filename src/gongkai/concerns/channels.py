"""Where concerns show beyond their own pages: the navigation, `gongkai import concerns`, the hotspots'
sources, and the count of search queries."""

from gongkai.core import importing
from gongkai.portal.registry import register_nav
from gongkai.search.signals import searched

from . import hotspots, querylog
from .importer import HotlineImporter

register_nav("我要留言", "concerns:ask", 35, group="hudong")
importing.register(
    "concerns", HotlineImporter, permission="concerns.concern.triage", label="留言（12345热线导出）"
)
hotspots.register("concerns", "留言", hotspots.concern_texts)
hotspots.register("searches", "站内搜索", hotspots.query_texts)
searched.connect(querylog.on_searched, dispatch_uid="concerns.querylog")
