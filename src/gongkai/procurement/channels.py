"""Where procurement shows beyond its own pages: the navigation, the home page, and `gongkai import`."""

from __future__ import annotations

from django.utils import timezone

from gongkai.core import importing
from gongkai.portal.registry import Latest, register_home_column, register_nav

from . import queries
from .importer import ProcessImporter


def latest_processes(count: int) -> list[Latest]:
    """The processes with the newest public notices, each named with its newest notice's kind."""
    rows = []
    for process in queries.public_processes()[:count]:
        newest = process.public_notices[-1]  # type: ignore[attr-defined]
        rows.append(
            Latest(
                f"{newest.get_kind_display()}：{process.title}",
                process.get_absolute_url(),
                timezone.localdate(newest.publish_at),
            )
        )
    return rows


register_nav("政府采购", "procurement:list", 50, group="areas")
register_home_column("procurement", "政府采购", order=55, more_url="/zfcg/", latest=latest_processes)
importing.register(
    "procurement-processes", ProcessImporter, permission="procurement.process.edit", label="采购项目"
)
