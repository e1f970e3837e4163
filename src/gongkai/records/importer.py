"""`gongkai import {type} FILE` for every record type: columns named by field, label or exchange code.

Rows arrive waiting for review (待审核) and go public when a reviewer approves them; a row whose
natural key is already present changes nothing, so a file can be loaded twice.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

from gongkai.core.importing import CLI, Context, RowError
from gongkai.core.models import Unit
from gongkai.core.queries import units_by_code_and_name

from . import services
from .errors import RecordError
from .models import RecordStatus
from .registry import RecordType

TRUE, FALSE = {"1", "true", "yes", "是", "y"}, {"0", "false", "no", "否", "n", ""}


def parse_value(model_field: models.Field[Any, Any], raw: str) -> Any:
    """Turn one cell into the field's value; RowError names the field (in English and in Chinese)."""
    name = model_field.name
    label = str(model_field.verbose_name)
    raw = raw.strip()
    if model_field.choices:
        if not raw:
            return model_field.get_default()
        for key, choice in model_field.choices:
            if raw in (str(key), str(choice)):
                return key
        allowed = ", ".join(f"{k} ({choice})" for k, choice in model_field.choices)
        shown = "、".join(str(choice) for _, choice in model_field.choices)
        raise RowError(
            f"{raw!r} is not one of: {allowed}", field=name, zh=f"{label}“{raw}”不是可选值，应为：{shown}。"
        )
    if isinstance(model_field, models.DateField):
        if not raw:
            return None
        try:
            return date.fromisoformat(raw[:10].replace("/", "-"))
        except ValueError:
            raise RowError(
                f"{raw!r} is not a date (YYYY-MM-DD)",
                field=name,
                zh=f"{label}“{raw}”不是日期（应为 YYYY-MM-DD）。",
            ) from None
    if isinstance(model_field, models.DecimalField):
        if not raw:
            return None
        try:
            return Decimal(raw.replace(",", ""))
        except InvalidOperation:
            raise RowError(f"{raw!r} is not a number", field=name, zh=f"{label}“{raw}”不是数字。") from None
    if isinstance(model_field, models.IntegerField):
        if not raw:
            return None if model_field.null else model_field.get_default()
        try:
            return int(raw)
        except ValueError:
            raise RowError(
                f"{raw!r} is not a whole number", field=name, zh=f"{label}“{raw}”不是整数。"
            ) from None
    if isinstance(model_field, models.BooleanField):
        if raw.lower() in TRUE:
            return True
        if raw.lower() in FALSE:
            return False
        raise RowError(f"{raw!r} is not yes/no (是/否)", field=name, zh=f"{label}“{raw}”应填“是”或“否”。")
    if isinstance(model_field, models.ForeignKey):
        if not raw:
            return None
        target = model_field.related_model.objects.filter(code=raw).first()  # type: ignore[union-attr]
        if target is None:
            raise RowError(
                f"no {model_field.related_model._meta.model_name} with code {raw!r}",  # type: ignore[union-attr]
                field=name,
                zh=f"找不到编号为“{raw}”的{label}。",
            )
        return target
    return raw


class RecordImporter:
    context: Context = CLI

    def __init__(self, record_type: RecordType) -> None:
        self.record_type = record_type
        self.fields = {f.name: f for f in record_type.own_fields()}
        self.aliases: dict[str, str] = {}
        for name, model_field in self.fields.items():
            self.aliases[name] = name
            self.aliases[str(model_field.verbose_name)] = name
        for code, name in record_type.exchange:
            self.aliases[code] = name
        self.units = units_by_code_and_name()
        self.required = [n for n, f in self.fields.items() if not f.blank and not f.has_default()]
        self.columns = ("unit", *self.required)
        self.labels = {"unit": "公开单位"} | {n: str(f.verbose_name) for n, f in self.fields.items()}

    def template_columns(self) -> list[str]:
        """The header of a blank file: Chinese labels (each read back as its field), required ones first."""
        names = [*self.required, *(n for n in self.fields if n not in self.required)]
        return ["公开单位", *(self.labels[n] if self.aliases.get(self.labels[n]) == n else n for n in names)]

    def missing_columns(self, headers: set[str]) -> list[str]:
        """Return the required columns HEADERS lacks under any of their names."""
        present = {self.aliases.get(h.strip()) for h in headers}
        missing = [] if {"unit", "公开单位"} & headers else ["unit"]
        return missing + [n for n in self.required if n not in present]

    def _unit(self, raw: str) -> Unit:
        unit = self.units.get(raw.strip())
        if unit is None:
            raise RowError(
                f"no unit with code or name {raw!r}",
                field="unit",
                zh=f"找不到统一社会信用代码或名称为“{raw.strip()}”的单位。",
            )
        self.context.check_unit(unit)
        return unit

    def load(self, row: dict[str, str]) -> str:
        data: dict[str, Any] = {}
        unit_raw = row.get("unit", row.get("公开单位", ""))
        for header, raw in row.items():
            name = self.aliases.get(header.strip())
            if name is not None:
                data[name] = parse_value(self.fields[name], raw)
        unit = self._unit(unit_raw)
        key = {name: unit if name == "unit" else data.get(name) for name in self.record_type.import_key}
        complete = key and all(v not in (None, "") for v in key.values())
        if complete and self.record_type.model.objects.filter(**key).exists():
            return "unchanged"
        try:
            services.record_create(
                self.record_type, by=self.context.by, unit=unit, data=data, status=RecordStatus.SUBMITTED
            )
        except RecordError as exc:
            if exc.code == "too_long":  # details: {"length", "limit"} (kind.refuse_unscannable)
                english = (
                    f"{exc.details['length']:,} characters, over the personal-data scan limit of "
                    f"{exc.details['limit']:,} (GONGKAI_PRIVACY_SCAN_MAX_CHARS); shorten it"
                )
                raise RowError(english, field=exc.field or "", zh=exc.message) from None
            details = exc.details if isinstance(exc.details, dict) else {}
            message = (
                "; ".join(f"{' '.join(str(m) for m in msgs)}" for msgs in details.values()) or exc.message
            )
            field = exc.field or next(iter(details), "")
            raise RowError(message, field=exc.field or "", zh=_chinese(message, field, self.labels)) from None
        return "created"


def _chinese(message: str, field: str, labels: dict[str, str]) -> str:
    """The service's message (the rules speak Chinese), prefixed with the column's label when it names one."""
    label = labels.get(field, "")
    return f"{label}：{message}" if label and label not in message else message
