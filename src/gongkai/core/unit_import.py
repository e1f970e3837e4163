"""`gongkai import units FILE` and the staff desk's 单位 import: a county's units from one file.

The first day of a real county (issue #24): its government, offices, departments and townships, each
with its 统一社会信用代码, from the list the 编办 keeps. A parent is named by code or name and may be
a row above in the same file. A code already present leaves its unit unchanged (imports are
idempotent on the natural key); edit a unit on its page instead.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation

from . import importing, services
from .importing import CLI, Context, RowError
from .models import Unit
from .queries import units_by_code_and_name
from .uscc import uscc_problem, validate_uscc

FIELDS = ("code", "name", "kind", "parent", "short_name", "index_prefix", "functions", "leader", "address",
          "phone", "website", "office_name", "office_address", "office_postcode", "office_hours",
          "office_phone", "office_fax", "office_email", "sort_order")  # fmt: skip
KIND_NAMES = {str(label): value for value, label in Unit.Kind.choices} | {v: v for v in Unit.Kind.values}


class UnitImporter:
    columns: tuple[str, ...] = ("code", "name", "kind")
    rows_refer_to_earlier_rows = True  # a parent may be a row above
    context: Context = CLI

    def __init__(self) -> None:
        self.labels = {
            name: str(getattr(Unit._meta.get_field(name), "verbose_name", name)) for name in FIELDS
        }
        self.labels["parent"] = "上级单位"
        self.aliases = {name: name for name in FIELDS}
        # Several fields share a label (办公地址, 联系电话): the first is the unit's own.
        for name in reversed(FIELDS):
            self.aliases.setdefault(self.labels[name], name)
        self.aliases |= {"统一社会信用代码": "code", "名称": "name", "类别": "kind", "上级单位": "parent"}
        self.units = units_by_code_and_name()

    def missing_columns(self, headers: set[str]) -> list[str]:
        present = {self.aliases.get(h.strip()) for h in headers}
        return [c for c in self.columns if c not in present]

    def template_columns(self) -> list[str]:
        return [self.labels[name] for name in ("code", "name", "kind", "parent", "short_name", "address",
                                                "phone", "office_phone", "office_email")]  # fmt: skip

    def load(self, row: dict[str, str]) -> str:
        named = {self.aliases[h.strip()]: raw.strip() for h, raw in row.items() if h.strip() in self.aliases}
        code = named.pop("code", "").upper()
        if not code:
            raise RowError("the credit code is empty", field="code", zh="统一社会信用代码为空。")
        if Unit.objects.filter(code=code).exists():
            return "unchanged"
        problem = uscc_problem(code)
        if problem:
            raise RowError(f"the credit code {problem}", field="code", zh=_uscc_zh(code))
        kind_text = named.pop("kind", "")
        kind = KIND_NAMES.get(kind_text)
        if kind is None:
            raise RowError(
                f"unknown unit kind {kind_text!r}; kinds: {', '.join(Unit.Kind.values)}",
                field="kind",
                zh=f"单位类别“{kind_text}”不存在，应为：{'、'.join(str(label) for label in Unit.Kind.labels)}。",
            )
        fields: dict[str, Any] = {k: v for k, v in named.items() if v and k != "parent"}
        parent_text = named.get("parent", "")
        if parent_text:
            parent = self.units.get(parent_text) or self.units.get(parent_text.upper())
            if parent is None:
                raise RowError(
                    f"no unit {parent_text!r} (code or name) for the parent; list parents above their units",
                    field="parent",
                    zh=f"找不到上级单位“{parent_text}”（统一社会信用代码或名称）；上级单位应在本文件中排在前面或已经存在。",
                )
            fields["parent"] = parent
        if "sort_order" in fields:
            try:
                fields["sort_order"] = int(fields["sort_order"])
            except ValueError:
                raise RowError("sort_order is not a whole number", field="sort_order",
                               zh="排序应为整数。") from None  # fmt: skip
        try:
            unit = services.unit_create(by=self.context.by, code=code, kind=kind, **fields)
        except ValidationError as exc:
            with translation.override("en"):  # the command line speaks English, the staff page Chinese
                name, english = next(iter(exc.message_dict.items()))
            chinese = exc.message_dict[name]
            field = "name" if name == "__all__" else name
            raise RowError(
                " ".join(english),
                field=field,
                zh=f"{self.labels.get(field, field)}：{' '.join(chinese)}",
            ) from None
        self.units[unit.code] = self.units[unit.name] = unit
        return "created"


def _uscc_zh(code: str) -> str:
    try:
        validate_uscc(code)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return ""


importing.register("units", UnitImporter, permission="core.unit.create", label="单位")
