"""`gongkai import procurement-processes FILE`: processes by 项目编号, before their notices
(`gongkai import procurement-notices FILE`, the records framework's importer, names the process by it)."""

from __future__ import annotations

from typing import Any

from gongkai.core.importing import RowError
from gongkai.core.queries import units_by_code_and_name
from gongkai.records.importer import parse_value

from . import services
from .errors import ProcurementError
from .models import Process
from .services import EDITABLE


class ProcessImporter:
    columns = ("code", "unit", "title", "method", "category", "budget", "items")

    def __init__(self) -> None:
        self.fields = {name: Process._meta.get_field(name) for name in EDITABLE}
        self.aliases = {name: name for name in (*EDITABLE, "code", "unit")}
        self.aliases |= {str(f.verbose_name): name for name, f in self.fields.items()}
        self.aliases |= {"项目编号": "code", "采购单位": "unit"}
        self.units = units_by_code_and_name()

    def load(self, row: dict[str, str]) -> str:
        named = {self.aliases[h.strip()]: raw for h, raw in row.items() if h.strip() in self.aliases}
        code = named.pop("code", "").strip()
        if not code:
            raise RowError("the process code (项目编号) is empty", field="code")
        if Process.objects.filter(code=code).exists():
            return "unchanged"
        unit = self.units.get(named.pop("unit", "").strip())
        if unit is None:
            raise RowError("no unit with that code or name", field="unit")
        data: dict[str, Any] = {name: parse_value(self.fields[name], raw) for name, raw in named.items()}
        try:
            services.process_create(by=None, unit=unit, code=code, data=data)
        except ProcurementError as exc:
            raise RowError(exc.message, field=exc.field or "") from None
        return "created"
