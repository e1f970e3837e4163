"""The annual report's tables (国办公开办函〔2021〕30号, LAW.md §4), computed from the data alone.

Section 二 counts documents from the catalog; its licence, penalty, coercion and fee cells come from
counters other apps register (the records issue adds them). Section 三 counts applications by
applicant type: new this year, carried over, each reply category, carried forward. Section 四 counts
reconsideration and litigation cases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery

from gongkai.applications.categories import GROUPS, REPLY_CATEGORIES
from gongkai.applications.models import Application, Event, ReviewCase
from gongkai.core.models import TransparencyEntry, Unit
from gongkai.publishing.models import Document, DocumentRelation

from .fees import fees_override

COLUMNS = ["natural", "business", "research", "public_interest", "legal_service", "other", "total"]
RESULT_ROWS = [
    code
    for group in "123456"
    for code in (
        [group] if group in "12" else [group, *(c for c in REPLY_CATEGORIES if c.startswith(group + "."))]
    )
]
ROW_ORDER = ["new", "carried_over", *RESULT_ROWS, "total", "carried_forward"]
SECTION2_COUNTERS: dict[str, Callable[[int, Unit | None], float | int | None]] = {}


def register_section2(key: str, counter: Callable[[int, Unit | None], float | int | None]) -> None:
    """Let an app supply a section 二 cell: licences, penalties, coercive measures, fees (万元)."""
    SECTION2_COUNTERS[key] = counter


def _cases(unit: Unit | None) -> QuerySet[Application]:
    withdrawn = Event.objects.filter(application=OuterRef("pk"), kind=Event.Kind.WITHDRAWN).values("date")[:1]
    cases = Application.objects.filter(received_on__isnull=False).annotate(withdrawn_on=Subquery(withdrawn))
    return cases.filter(unit=unit) if unit else cases


def _open_at(day: date) -> Q:
    """Still open at the end of DAY (written positively: SQL's NULL would swallow a negated OR)."""
    return (Q(replied_on__isnull=True) | Q(replied_on__gt=day)) & (
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day)
    )


def _count(rows: QuerySet[Application]) -> dict[str, int]:
    """Count ROWS per applicant type in the database (one GROUP BY), with the total."""
    counts = dict.fromkeys(COLUMNS, 0)
    for applicant_type, n in rows.order_by().values_list("applicant_type").annotate(n=Count("id")):
        counts[applicant_type] = n
    counts["total"] = sum(counts[c] for c in COLUMNS[:-1])
    return counts


def _add(*parts: dict[str, int]) -> dict[str, int]:
    return {c: sum(p[c] for p in parts) for c in COLUMNS}


def section3_cases(year: int, unit: Unit | None, row: str, column: str) -> QuerySet[Application]:
    """Return the cases behind one cell of section 三, so a reviewer can see what a number counts."""
    if row not in ROW_ORDER or column not in COLUMNS:
        raise KeyError(f"no cell {row}/{column}")
    start, end = date(year, 1, 1), date(year, 12, 31)
    cases = _cases(unit)
    closed_in_year = Q(replied_on__range=(start, end)) | Q(withdrawn_on__range=(start, end))
    if row == "new":
        cases = cases.filter(received_on__range=(start, end))
    elif row == "carried_over":
        cases = cases.filter(_open_at(date(year - 1, 12, 31)), received_on__lt=start)
    elif row == "carried_forward":
        cases = cases.filter(_open_at(end), received_on__lte=end)
    elif row == "total":
        cases = cases.filter(closed_in_year)
    elif row == "6.3":
        cases = cases.filter(
            Q(replied_on__range=(start, end), reply_category="6.3") | Q(withdrawn_on__range=(start, end))
        )
    elif row in GROUPS:
        cases = cases.filter(replied_on__range=(start, end), reply_category__startswith=row + ".")
        if row == "6":
            cases = cases | _cases(unit).filter(withdrawn_on__range=(start, end))
    else:
        cases = cases.filter(replied_on__range=(start, end), reply_category=row)
    if column != "total":
        cases = cases.filter(applicant_type=column)
    return cases.select_related("unit").order_by("received_on", "id")


def section3(year: int, unit: Unit | None = None) -> dict[str, Any]:
    start, end = date(year, 1, 1), date(year, 12, 31)
    cases = _cases(unit)
    rows: dict[str, dict[str, int]] = {
        "new": _count(cases.filter(received_on__range=(start, end))),
        "carried_over": _count(cases.filter(_open_at(date(year - 1, 12, 31)), received_on__lt=start)),
    }
    replied = cases.filter(replied_on__range=(start, end))
    withdrawn = cases.filter(withdrawn_on__range=(start, end))
    for code in REPLY_CATEGORIES:
        rows[code] = dict.fromkeys(COLUMNS, 0)
    grouped = replied.order_by().values_list("reply_category", "applicant_type").annotate(n=Count("id"))
    for code, applicant_type, n in grouped:
        rows[code][applicant_type] = n
    for code in REPLY_CATEGORIES:
        rows[code]["total"] = sum(rows[code][c] for c in COLUMNS[:-1])
    rows["6.3"] = _add(rows["6.3"], _count(withdrawn))  # an applicant's withdrawal is 其他处理
    for group in GROUPS:
        rows[group] = _add(*(rows[c] for c in REPLY_CATEGORIES if c.startswith(group + ".")))
    rows["total"] = _add(*(rows[g] for g in "123456"))
    rows["carried_forward"] = _count(cases.filter(_open_at(end), received_on__lte=end))
    return {"columns": COLUMNS, "rows": {key: rows[key] for key in ROW_ORDER}}


SECTION2_GENRES = {"rules": Document.Genre.RULE, "normative": Document.Genre.NORMATIVE}
SECTION2_COLUMNS = ("issued", "repealed", "in_force")


def section2_documents(year: int, unit: Unit | None, key: str, column: str) -> QuerySet[Document]:
    """Return the documents behind one cell of section 二's first table."""
    if key not in SECTION2_GENRES or column not in SECTION2_COLUMNS:
        raise KeyError(f"no cell {key}/{column}")
    start, end = date(year, 1, 1), date(year, 12, 31)
    documents = Document.objects.filter(mode=Document.Mode.PROACTIVE, genre=SECTION2_GENRES[key]).exclude(
        status__in=["draft", "submitted", "approved"]
    )
    if unit:
        documents = documents.filter(unit=unit)
    if column == "issued":
        documents = documents.filter(publish_at__date__range=(start, end))
    elif column == "repealed":
        repealed = DocumentRelation.objects.filter(
            kind=DocumentRelation.Kind.REPEALS, source__publish_at__date__range=(start, end)
        ).values("target")
        documents = documents.filter(pk__in=repealed)
    else:
        documents = documents.filter(pk__in=[d.pk for d in _in_force_at(documents, end)])
    return documents.select_related("unit").order_by("publish_at")


def _in_force_at(documents: QuerySet[Document], end: date) -> list[Document]:
    """The documents in force at the end of END's day, as things stood then (not as they stand today).

    Repealed by a document published later, withdrawn or taken offline later, or declared lapsed in an
    amendment published later: still in force at END. The date of a manual 有效性 change is the
    publication of the amendment that made it (the publication log's amend entry).
    """
    published = documents.filter(publish_at__date__lte=end).exclude(
        Q(withdrawn_at__date__lte=end) | Q(publish_until__date__lte=end)
    )
    repealed_by_then = set(
        DocumentRelation.objects.filter(
            kind=DocumentRelation.Kind.REPEALS, source__publish_at__date__lte=end,
            source__status__in=[Document.Status.PUBLISHED, Document.Status.WITHDRAWN],
        ).values_list("target_id", flat=True)
    )  # fmt: skip
    ended = [d for d in published if d.validity in ("repealed", "lapsed") and d.pk not in repealed_by_then]
    changed_after = set()
    if ended:
        latest_amend = dict(
            TransparencyEntry.objects.filter(
                object_type="document", action=TransparencyEntry.Action.AMEND,
                index_no__in=[d.index_no for d in ended],
            ).values_list("index_no").annotate(at=Max("effective_at"))
        )  # fmt: skip
        changed_after = {d.pk for d in ended if (latest_amend.get(d.index_no) or d.updated_at).date() > end}
    return [
        d
        for d in published
        if d.pk not in repealed_by_then and (d.validity in ("valid", "amended") or d.pk in changed_after)
    ]


def section2(year: int, unit: Unit | None = None) -> dict[str, Any]:
    table: dict[str, Any] = {
        key: {column: section2_documents(year, unit, key, column).count() for column in SECTION2_COLUMNS}
        for key in SECTION2_GENRES
    }
    for key in ("licensing", "penalty", "coercion", "fees"):
        counter = SECTION2_COUNTERS.get(key)
        table[key] = counter(year, unit) if counter else None
    override = fees_override(year, unit)
    if override is not None:
        table["fees"] = override
    return table


def section4_reviews(year: int, unit: Unit | None, kind: str, result: str) -> list[ReviewCase]:
    """Return the reviews behind one cell of section 四 (a result decided after the year is pending)."""
    if kind not in ReviewCase.Kind.values or result not in (*ReviewCase.Result.values, "total"):
        raise KeyError(f"no cell {kind}/{result}")
    start, end = date(year, 1, 1), date(year, 12, 31)
    reviews = ReviewCase.objects.filter(filed_on__range=(start, end), kind=kind).select_related(
        "application", "application__unit"
    )
    if unit:
        reviews = reviews.filter(application__unit=unit)

    def counted_as(review: ReviewCase) -> str:
        return "pending" if review.decided_on is None or review.decided_on > end else review.result

    return [r for r in reviews if result == "total" or counted_as(r) == result]


def section4(year: int, unit: Unit | None = None) -> dict[str, Any]:
    start, end = date(year, 1, 1), date(year, 12, 31)
    reviews = ReviewCase.objects.filter(filed_on__range=(start, end))
    if unit:
        reviews = reviews.filter(application__unit=unit)
    result: dict[str, Any] = {}
    for kind in ReviewCase.Kind.values:
        counts = dict.fromkeys(["upheld", "corrected", "other", "pending"], 0)
        for outcome, decided in reviews.filter(kind=kind).values_list("result", "decided_on"):
            counts["pending" if decided is None or decided > end else outcome] += 1
        counts["total"] = sum(counts.values())
        result[kind] = counts
    return result


@dataclass(frozen=True)
class Check:
    cell: str
    message: str
    warning: bool = False


def checks(report: dict[str, Any]) -> list[Check]:
    """Return the failed checks of LAW.md §4: 一 + 二 = 三（七）+ 四 per column; subtotals sum their rows."""
    rows = report["section3"]["rows"]
    failed = []
    for column in COLUMNS:
        left = rows["new"][column] + rows["carried_over"][column]
        right = rows["total"][column] + rows["carried_forward"][column]
        if left != right:
            failed.append(
                Check(
                    f"section3.{column}",
                    f"本年新收 + 上年结转 = {left}，而办理结果总计 + 结转下年度 = {right}",
                )
            )
        for group in GROUPS:
            parts = sum(rows[c][column] for c in REPLY_CATEGORIES if c.startswith(group + "."))
            if parts != rows[group][column]:
                failed.append(
                    Check(
                        f"section3.{group}.{column}",
                        f"（{group}）小计 {rows[group][column]} 不等于各项之和 {parts}",
                    )
                )
    return failed


def annual_report(year: int, unit: Unit | None = None) -> dict[str, Any]:
    """Return the report's tables as JSON-ready data, keyed by section (CONTRACT.md)."""
    report = {
        "year": year,
        "unit": unit.code if unit else None,
        "unit_name": unit.name if unit else None,
        "section2": section2(year, unit),
        "section3": section3(year, unit),
        "section4": section4(year, unit),
    }
    report["checks"] = [{"cell": c.cell, "message": c.message} for c in checks(report)]
    report["warnings"] = [
        {"cell": c.cell, "message": c.message} for c in in_force_warnings(year, unit, report)
    ]
    return report


def in_force_warnings(year: int, unit: Unit | None, report: dict[str, Any]) -> list[Check]:
    """Warn (not block) when 现行有效 this year differs from last year's + 制发 − 废止."""
    last = section2(year - 1, unit)
    warnings = []
    for key, label in (("rules", "规章"), ("normative", "行政规范性文件")):
        now = report["section2"][key]
        expected = last[key]["in_force"] + now["issued"] - now["repealed"]
        if now["in_force"] != expected:
            warnings.append(
                Check(
                    f"section2.{key}.in_force",
                    f"{label}现行有效件数为{now['in_force']}，上年现行有效加本年制发减本年废止为{expected}，请核实",
                    True,
                )
            )
    return warnings
