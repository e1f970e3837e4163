"""What the finance pages, the API, the dashboard and the annual report ask: published data only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.conf import settings
from django.db.models import QuerySet, Sum
from django.utils import timezone

from gongkai.core.models import Unit, User
from gongkai.core.publishable import State, visible_q
from gongkai.matters.models import Matter

from .models import GOVERNMENT_TYPES, SANGONG_ITEMS, FeeCollection, FeeItem, FiscalReport, ReportType

ITEMS = [key for key, _label in SANGONG_ITEMS]
ITEM_LABELS = [("total", "合计"), *((key, str(label)) for key, label in SANGONG_ITEMS)]
DEPARTMENT_KINDS = (Unit.Kind.OFFICE, Unit.Kind.DEPARTMENT)


def public_reports(now: Any = None) -> QuerySet[FiscalReport]:
    return FiscalReport.objects.filter(visible_q(now)).select_related("unit")


def fee_catalog(now: Any = None) -> list[tuple[FeeItem, Any]]:
    """The published fee items, each with its matter when that matter is public too."""
    items = list(FeeItem.objects.filter(visible_q(now)).select_related("unit").order_by("code"))
    matters = Matter.objects.filter(visible_q(now), pk__in=[i.matter_id for i in items if i.matter_id])
    public = {m.pk: m for m in matters}
    return [(item, public.get(item.matter_id)) for item in items]


def public_fee_collections(now: Any = None) -> QuerySet[FeeCollection]:
    return (
        FeeCollection.objects.filter(visible_q(now))
        .select_related("unit")
        .order_by("-year", "unit__sort_order")
    )


# --- a report's tables ---------------------------------------------------------------------------


def _amount(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def report_context(report: FiscalReport) -> dict[str, Any]:
    """The report's tables as the page shows them: two-sided tables side by side, row by row."""
    shown = []
    for table in report.tables.prefetch_related("rows"):
        rows = list(table.rows.all())
        if table.balanced:
            income = [r for r in rows if r.section == "income"]
            expense = [r for r in rows if r.section == "expense"]
            # the grand totals close both sides on the same last line, as on the printed table
            gap = len(income) - len(expense)
            if gap and income and expense:
                shorter = expense if gap > 0 else income
                shorter[-1:-1] = [None] * abs(gap)  # type: ignore[list-item]
            lines = [
                (income[i] if i < len(income) else None, expense[i] if i < len(expense) else None)
                for i in range(max(len(income), len(expense)))
            ]
            body = [
                {"income": a, "expense": b, "income_values": [_amount(v) for v in a.values] if a else [],
                 "expense_values": [_amount(v) for v in b.values] if b else []}
                for a, b in lines
            ]  # fmt: skip
        else:
            body = [{"row": r, "values": [_amount(v) for v in r.values]} for r in rows]
        shown.append({"table": table, "body": body})
    sides = [(label, report.sangong(side)) for side, label in (("budget", "预算数"), ("actual", "决算数"))]
    sides = [(label, values) for label, values in sides if values["total"] is not None]
    return {
        "tables": shown,
        "sangong": sangong_matrix(sides),
        "county": report.report_type in GOVERNMENT_TYPES,
    }


# --- 三公经费 ---------------------------------------------------------------------------------------


@dataclass
class SangongYear:
    year: int
    budget: dict[str, Decimal | None] = field(default_factory=dict)
    actual: dict[str, Decimal | None] = field(default_factory=dict)
    change: dict[str, Decimal | None] = field(default_factory=dict)  # % against the year before, by side

    def as_dict(self) -> dict[str, Any]:
        def numbers(values: dict[str, Decimal | None]) -> dict[str, float | None]:
            return {k: None if values.get(k) is None else float(values[k]) for k in ("total", *ITEMS)}  # type: ignore[arg-type]

        return {
            "year": self.year,
            "budget": numbers(self.budget) if self.budget else None,
            "actual": numbers(self.actual) if self.actual else None,
            "change_percent": {k: None if v is None else float(v) for k, v in self.change.items()},
        }


def _given(values: dict[str, Decimal | None]) -> bool:
    return any(values.get(k) is not None for k in ITEMS)


def _percent(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    if now is None or before is None or before == 0:
        return None
    return ((now - before) / before * 100).quantize(Decimal("0.1"))


def sangong_matrix(columns: list[tuple[str, dict[str, Decimal | None]]]) -> dict[str, Any]:
    """Return a table of 三公经费 with one column per (heading, figures) and one row per item, total first."""
    return {
        "headings": [heading for heading, _values in columns],
        "rows": [
            {"key": key, "label": label, "cells": [values.get(key) for _heading, values in columns]}
            for key, label in ITEM_LABELS
        ],
    }


def years_matrix(years: list[SangongYear]) -> dict[str, Any]:
    columns = []
    for entry in years:
        for side, label in (("budget", "预算"), ("actual", "决算")):
            values = getattr(entry, side)
            if values:
                columns.append((f"{entry.year}年{label}", values))
    return sangong_matrix(columns)


def sangong_years(reports: Iterable[FiscalReport]) -> list[SangongYear]:
    """Return each year's 三公经费 budget and actual (a budget report's figures before a final account's)."""
    years: dict[int, SangongYear] = {}
    ordered = sorted(reports, key=lambda r: (r.year, not r.is_budget()))
    for report in ordered:
        entry = years.setdefault(report.year, SangongYear(report.year))
        for side in ("budget", "actual"):
            values = report.sangong(side)
            if _given(values) and not getattr(entry, side):
                setattr(entry, side, values)
    result = [years[y] for y in sorted(years)]
    for before, entry in pairwise(result):
        if before.year == entry.year - 1:
            for side in ("budget", "actual"):
                now, then = getattr(entry, side), getattr(before, side)
                entry.change[side] = _percent(now.get("total"), then.get("total")) if now and then else None
    return result


def unit_sangong(unit: Unit, now: Any = None) -> list[SangongYear]:
    reports = public_reports(now).filter(
        unit=unit, report_type__in=[ReportType.DEPT_BUDGET, ReportType.DEPT_FINAL]
    )
    return sangong_years(reports)


def county_sangong(now: Any = None) -> list[SangongYear]:
    """The county's own figures, from the published 政府预算 and 政府决算."""
    return sangong_years(public_reports(now).filter(report_type__in=GOVERNMENT_TYPES))


def units_sangong(year: int, now: Any = None) -> list[tuple[Unit, SangongYear]]:
    """Each unit's 三公经费 of YEAR from its published 部门预算 and 部门决算, largest budget first."""
    reports = public_reports(now).filter(
        year=year, report_type__in=[ReportType.DEPT_BUDGET, ReportType.DEPT_FINAL]
    )
    by_unit: dict[int, list[FiscalReport]] = {}
    units: dict[int, Unit] = {}
    for report in reports:
        by_unit.setdefault(report.unit_id, []).append(report)
        units[report.unit_id] = report.unit
    rows = [(units[pk], sangong_years(items)[0]) for pk, items in by_unit.items()]
    return sorted(rows, key=lambda r: -(r[1].budget.get("total") or r[1].actual.get("total") or 0))


def sangong_units() -> QuerySet[Unit]:
    """The units with a published 部门预算 or 部门决算 (the per-unit pages that exist)."""
    ids = public_reports().exclude(report_type__in=GOVERNMENT_TYPES).values("unit")
    return Unit.objects.filter(pk__in=ids).order_by("sort_order", "name")


# --- the office's dashboard ------------------------------------------------------------------------


@dataclass(frozen=True)
class Pending:
    unit: Unit
    report_type: str
    year: int
    report: FiscalReport | None  # the unit's draft or report in review, if any
    approved_on: date | None  # the approval the period counts from
    due: date | None
    days_left: int | None  # negative: overdue

    @property
    def type_label(self) -> str:
        return str(ReportType(self.report_type).label)


def departments_on_platform(on: bool = True) -> QuerySet[Unit]:
    """The departments with staff accounts here (ON), who publish their 预决算 through the platform, or
    those without (the dashboard names them apart: their reports are not entered here)."""
    staffed = User.objects.filter(is_active=True, unit__isnull=False).values("unit")
    departments = Unit.objects.filter(kind__in=DEPARTMENT_KINDS).order_by("sort_order", "name")
    return departments.filter(pk__in=staffed) if on else departments.exclude(pk__in=staffed)


def period_days(report_type: str) -> int:
    budget = report_type in (ReportType.DEPT_BUDGET, ReportType.GOV_BUDGET)
    return int(settings.FINANCE_BUDGET_DAYS if budget else settings.FINANCE_FINAL_DAYS)


def pending_reports(today: date | None = None) -> list[Pending]:
    """Departments (with staff here) that have not published this year's 部门预算 or last year's 部门决算,
    soonest due first.

    The period runs from the report's own approval date; a unit with no report yet counts from the
    county's 政府预算 (政府决算) of that year, which the departments' budgets follow.
    """
    today = today or timezone.localdate()
    wanted = [
        (ReportType.DEPT_BUDGET, today.year, ReportType.GOV_BUDGET),
        (ReportType.DEPT_FINAL, today.year - 1, ReportType.GOV_FINAL),
    ]
    units = list(departments_on_platform())
    result = []
    for report_type, year, county_type in wanted:
        reports = {r.unit_id: r for r in FiscalReport.objects.filter(report_type=report_type, year=year)}
        county = (
            FiscalReport.objects.filter(report_type=county_type, year=year).order_by("approved_on").first()
        )
        for unit in units:
            report = reports.get(unit.pk)
            if report is not None and report.status == State.PUBLISHED:
                continue
            approved = report.approved_on if report else (county.approved_on if county else None)
            due = approved + timedelta(days=period_days(report_type)) if approved else None
            result.append(
                Pending(unit, report_type, year, report, approved, due, (due - today).days if due else None)
            )
    return sorted(result, key=lambda p: (p.days_left is None, p.days_left or 0, p.unit.sort_order))


# --- 行政事业性收费 -----------------------------------------------------------------------------------


def fees_collected(year: int, unit: Unit | None, now: Any = None) -> float | None:
    """The published 行政事业性收费 of YEAR in 万元 (the unit's, or the county's), None when none is published."""
    rows = FeeCollection.objects.filter(visible_q(now), year=year)
    if unit is not None:
        rows = rows.filter(unit=unit)
    if not rows.exists():
        return None
    total = rows.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return float(total)
