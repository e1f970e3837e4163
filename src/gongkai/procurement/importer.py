"""`gongkai import procurement-processes FILE`: processes by 项目编号, before their notices
(`gongkai import procurement-notices FILE`, the records framework's importer, names the process by it)."""

from __future__ import annotations

from typing import Any

from gongkai.core.importing import CLI, Context, RowError
from gongkai.core.queries import units_by_code_and_name
from gongkai.records.importer import parse_value

from . import services
from .errors import ProcurementError
from .models import Process
from .services import EDITABLE


class ProcessImporter:
    columns = ("code", "unit", "title", "method", "category", "budget", "items")
    context: Context = CLI

    def __init__(self) -> None:
        self.fields = {name: Process._meta.get_field(name) for name in EDITABLE}
        self.aliases = {name: name for name in (*EDITABLE, "code", "unit")}
        self.aliases |= {str(f.verbose_name): name for name, f in self.fields.items()}
        self.aliases |= {"项目编号": "code", "采购单位": "unit"}
        self.units = units_by_code_and_name()
        self.labels = {"code": "项目编号", "unit": "采购单位"} | {
            name: str(f.verbose_name) for name, f in self.fields.items()
        }

    def missing_columns(self, headers: set[str]) -> list[str]:
        """Return the required columns HEADERS lacks under any of their names (项目编号 is code)."""
        present = {self.aliases.get(h.strip()) for h in headers}
        return [c for c in self.columns if c not in present]

    def template_columns(self) -> list[str]:
        return [self.labels[name] for name in ("code", "unit", *EDITABLE)]

    def load(self, row: dict[str, str]) -> str:
        named = {self.aliases[h.strip()]: raw for h, raw in row.items() if h.strip() in self.aliases}
        code = named.pop("code", "").strip()
        if not code:
            raise RowError("the process code (项目编号) is empty", field="code", zh="项目编号为空。")
        if Process.objects.filter(code=code).exists():
            return "unchanged"
        unit_text = named.pop("unit", "").strip()
        unit = self.units.get(unit_text)
        if unit is None:
            raise RowError(
                "no unit with that code or name",
                field="unit",
                zh=f"找不到统一社会信用代码或名称为“{unit_text}”的采购单位。",
            )
        self.context.check_unit(unit)
        data: dict[str, Any] = {name: parse_value(self.fields[name], raw) for name, raw in named.items()}
        try:
            services.process_create(by=self.context.by, unit=unit, code=code, data=data)
        except ProcurementError as exc:
            raise RowError(exc.message, field=exc.field or "", zh=exc.message) from None
        return "created"
