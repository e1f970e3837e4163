"""`gongkai import documents FILE`: a county's existing catalog, idempotent on 索引号."""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.core.importing import CLI, Context, RowError, moment, register
from gongkai.core.queries import units_by_code_and_name

from . import services
from .errors import PublishingError
from .models import Category, Document

CHOICES = {
    "topic": Document.Topic,
    "genre": Document.Genre,
    "validity": Document.Validity,
    "mode": Document.Mode,
}


def _choice(name: str, value: str) -> str:
    choices = CHOICES[name]
    for key, label in choices.choices:
        if value in (key, str(label)):
            return str(key)
    raise RowError(
        f"{value!r} is not one of: {', '.join(str(k) for k in choices.values)}",
        field=name,
        zh=f"{LABELS[name]}“{value}”不是可选值，应为：{'、'.join(str(label) for _, label in choices.choices)}。",
    )


def _date(name: str, value: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise RowError(
            f"{value!r} is not a date (YYYY-MM-DD)",
            field=name,
            zh=f"{LABELS[name]}“{value}”不是日期（应为 YYYY-MM-DD）。",
        ) from None


OPTIONAL = ("doc_number", "written_on", "formed_on", "category", *CHOICES, "keywords", "summary", "body")
LABELS = {"unit": "发布机构", "category": "公开目录", "published_at": "发布日期"} | {
    f.name: str(f.verbose_name) for f in Document._meta.fields
}


class DocumentImporter:
    columns = ("index_no", "title", "unit", "published_at")
    context: Context = CLI
    labels = LABELS

    def template_columns(self) -> list[str]:
        return [*self.columns, *OPTIONAL]

    def __init__(self) -> None:
        self.units = units_by_code_and_name()
        self.categories = {c.code: c for c in Category.objects.all()} | {
            c.name: c for c in Category.objects.all()
        }

    def load(self, row: dict[str, str]) -> str:
        index_no = row.get("index_no", "").strip()
        if not index_no:
            raise RowError("is empty", field="index_no", zh="索引号为空。")
        if Document.objects.filter(index_no=index_no).exists():
            return "unchanged"
        unit = self.units.get(row.get("unit", "").strip())
        if unit is None:
            raise RowError(
                f"no unit with code or name {row.get('unit', '')!r}",
                field="unit",
                zh=f"找不到统一社会信用代码或名称为“{row.get('unit', '').strip()}”的单位。",
            )
        self.context.check_unit(unit)
        category = self.categories.get(row.get("category", "").strip() or "other")
        if category is None:
            raise RowError(
                f"no catalog category {row['category']!r}",
                field="category",
                zh=f"公开目录中没有“{row['category']}”这一类。",
            )
        if not row.get("published_at"):
            raise RowError("is empty", field="published_at", zh="发布日期为空。")
        fields: dict[str, Any] = {
            "doc_number": row.get("doc_number", ""),
            "written_on": _date("written_on", row.get("written_on", "")),
            "formed_on": _date("formed_on", row.get("formed_on", "")),
            "keywords": row.get("keywords", ""),
            "summary": row.get("summary", ""),
            "body": row.get("body", ""),
        }
        for name in CHOICES:
            if row.get(name):
                fields[name] = _choice(name, row[name])
        try:
            services.document_import(
                by=self.context.by, index_no=index_no, unit=unit, title=row.get("title", ""),
                publish_at=moment("published_at", row["published_at"]), category=category, **fields,
            )  # fmt: skip
        except PublishingError as exc:
            raise RowError(
                exc.message if exc.code != "invalid" else _english(exc),
                field=exc.field or "",
                zh=exc.message if exc.code != "invalid" else _chinese(exc),
            ) from None
        return "created"


def _english(exc: PublishingError) -> str:
    return "; ".join(
        f"{name}: {' '.join(str(m) for m in messages)}" for name, messages in (exc.details or {}).items()
    )


def _chinese(exc: PublishingError) -> str:
    return "；".join(
        f"{LABELS.get(name, name)}：{''.join(str(m) for m in messages)}"
        for name, messages in (exc.details or {}).items()
    )


register("documents", DocumentImporter, permission="publishing.document.create", label="主动公开文件")
