"""Where land shows beyond its own pages: the navigation and `gongkai import places`."""

from __future__ import annotations

from gongkai.core import importing
from gongkai.portal.registry import register_nav

from . import permissions  # noqa: F401  (registrations)
from .importer import PlaceImporter

register_nav("征地信息", "land:query", 55, group="areas")
importing.register("places", PlaceImporter, permission="land.place.edit", label="地名（乡镇、村）")
