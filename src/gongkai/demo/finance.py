"""The demo's budgets and final accounts for 2014–2015 and the recent cycle (last year's budgets and final
accounts, this year's budgets), 三公经费, and the 行政事业性收费 catalog.

The county's 2015 政府预算 carries the figures of the catalog document "岢岚县2015年财政预算及“三公”
经费预算公开" (一般公共预算收入 32,800 万元, 支出 178,600 万元; 三公经费 398.7 万元, of which 公务用车购置及
运行费 312.5 and 公务接待费 86.2, 8% below 2014); the departments' 三公经费 add up to the county's.
Every report is written by its unit's editor, approved by its reviewer and published through the
timeline, so the publication log stays in time order.
"""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gongkai.core.models import Unit, User
from gongkai.finance import services as finance
from gongkai.finance.models import FeeItem, FiscalReport, ReportType
from gongkai.finance.types import FEE_COLLECTIONS, FEE_ITEMS, FISCAL_REPORTS
from gongkai.matters.models import Matter
from gongkai.records import services as records

from .county import staff_of
from .documents import _at, _docx
from .timeline import Timeline

UNITS = [
    "县政府办",
    "财政局",
    "交通局",
    "市场监管局",
    "住建局",
    "民政局",
    "自然资源局",
    "林业局",
    "卫体局",
    "应急局",
]
WEIGHTS = [16, 9, 13, 10, 11, 8, 9, 12, 7, 5]  # each unit's share of the county's 三公经费
# In the recent cycle every department with staff on the platform publishes here.
RECENT_UNITS = [*UNITS, "发改局", "人社局", "城管局", "行政审批局", "信访局", "环保局"]
RECENT_WEIGHTS = [*WEIGHTS, 6, 5, 7, 3, 2, 4]
COUNTY_SANGONG = {  # (因公出国（境）费, 购置费, 运行费, 公务接待费), 万元
    2014: (5.0, 60.0, 280.17, 88.2),  # 433.37: 2015's 398.7 is 8% lower, as the 2015 budget report says
    2015: (0.0, 40.0, 272.5, 86.2),
}
COUNTY_ACTUAL = {2014: (3.2, 58.6, 268.4, 80.1), 2015: (0.0, 38.5, 259.3, 79.6)}
# The recent cycle (last year's budget and final accounts, this year's budget), after the 公务用车制度改革
# cut the fleet: no car bought in last year's budget, two emergency vehicles replaced in this year's.
RECENT_SANGONG = {
    ("last", "budget"): (0.0, 0.0, 198.6, 64.3),  # 262.9
    ("last", "actual"): (0.0, 0.0, 187.2, 58.9),  # 246.1
    ("this", "budget"): (0.0, 18.0, 183.5, 60.2),  # 261.7
}
BUDGET_APPROVED = {2014: date(2014, 2, 20), 2015: date(2015, 2, 15)}
FINAL_APPROVED = {2014: date(2015, 8, 20), 2015: date(2016, 8, 18)}
COUNTY_SPENDING_2015 = [  # 一般公共预算支出, 万元 (178,600 in all)
    ("201", "一般公共服务支出", 21430), ("205", "教育支出", 31200), ("208", "社会保障和就业支出", 26800),
    ("210", "卫生健康支出", 15900), ("213", "农林水支出", 52300), ("212", "城乡社区支出", 12400),
    ("214", "交通运输支出", 9870), ("229", "其他支出", 8700),
]  # fmt: skip
FEES = [  # (unit, item, code, basis, standard, the matter that charges it, amounts 2014/2015 万元)
    ("自然资源局", "不动产登记费", "FEE-14-001", "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）",
     "住宅类每件80元；非住宅类每件550元", "不动产登记许可", ("42.6", "45.3")),
    ("城管局", "城市道路占用费", "FEE-14-002", "《城市道路管理条例》第三十七条", "按占用面积和期限，每平方米每日0.5元", "城市道路占用挖掘许可", ("18.4", "16.9")),
    ("公安局", "居民身份证工本费", "FEE-14-003", "《居民身份证法》第二十条；价格〔2003〕2322号", "首次申领、换领每证20元；丢失补领、损坏换领每证40元",
     "居民身份证申领", ("23.1", "21.7")),
    ("住建局", "污水处理费", "FEE-14-004", "《城镇排水与污水处理条例》第三十二条", "居民每立方米0.95元；非居民每立方米1.40元", "", ("86.0", "91.4")),
]  # fmt: skip


def _split(total: Decimal, weights: list[int]) -> list[Decimal]:
    """Split TOTAL by WEIGHTS to the cent, the rounding put on the last share so the parts add up."""
    parts = [(total * w / sum(weights)).quantize(Decimal("0.01")) for w in weights]
    parts[-1] += total - sum(parts)
    return parts


def sangong_sheet(budget: tuple[Decimal, ...], actual: tuple[Decimal, ...] | None = None) -> list[list[Any]]:
    """The 三公经费 sheet of (因公出国, 购置费, 运行费, 接待费) BUDGET and, for final accounts, ACTUAL."""
    cols = [budget] + ([actual] if actual else [])

    def row(code: str, name: str, pick: Any) -> list[Any]:
        return [code, name, *[float(pick(c)) for c in cols]]

    return [
        ["一般公共预算财政拨款“三公”经费支出表"],
        ["单位：万元"],
        ["编码", "项目", "预算数", *(["决算数"] if actual else [])],
        row("", "合计", sum),
        row("1", "因公出国（境）费", lambda c: c[0]),
        row("2", "公务用车购置及运行费", lambda c: c[1] + c[2]),
        row("21", "公务用车购置费", lambda c: c[1]),
        row("22", "公务用车运行费", lambda c: c[2]),
        row("3", "公务接待费", lambda c: c[3]),
    ]


def _balanced(
    income: list[tuple[str, float]], expense: list[tuple[str, float]], head: str
) -> list[list[Any]]:
    rows: list[list[Any]] = [["收支总表"], ["单位：万元"], ["收入项目", head, "支出项目", head]]
    for i in range(max(len(income), len(expense))):
        left = list(income[i]) if i < len(income) else ["", None]
        right = list(expense[i]) if i < len(expense) else ["", None]
        rows.append([*left, *right])
    total = round(sum(v for _n, v in income), 2)
    rows.append(["收入总计", total, "支出总计", round(sum(v for _n, v in expense), 2)])
    return rows


def _expense_sheet(items: list[tuple[str, str, float, float]]) -> list[list[Any]]:
    """支出总表 from (code, name, basic, project) of top-level items, each with one sub-item."""
    rows: list[list[Any]] = [
        ["支出总表"],
        ["单位：万元"],
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ]
    basic = round(sum(b for _c, _n, b, _p in items), 2)
    project = round(sum(p for _c, _n, _b, p in items), 2)
    rows.append(["", "合计", round(basic + project, 2), basic, project])
    for code, name, b, p in items:
        rows.append([code, name, round(b + p, 2), b, p])
        rows.append([code + "01", f"{name}（行政运行）", round(b + p, 2), b, p])
    return rows


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    """An XLSX with one sheet per table, named by its key."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title[:31])
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _unit_tables(
    unit: Unit, rng: random.Random, sangong: tuple[Decimal, ...], actual: tuple[Decimal, ...] | None
) -> bytes:
    scale = float(sum(sangong)) * rng.uniform(18, 30)
    basic = round(scale * 0.62, 2)
    project = round(scale - basic, 2)
    items = [("201", "一般公共服务支出", round(basic * 0.7, 2), round(project * 0.5, 2)),
             ("208", "社会保障和就业支出", round(basic * 0.3, 2), round(project * 0.5, 2))]  # fmt: skip
    spent = round(sum(b + p for _c, _n, b, p in items), 2)
    grant = round(spent * 0.85, 2)
    sheets = {
        "收支总表": _balanced([("一般公共预算拨款收入", grant), ("其他收入", round(spent - grant, 2))],
                            [("一般公共服务支出", round(items[0][2] + items[0][3], 2)),
                             ("社会保障和就业支出", round(items[1][2] + items[1][3], 2))], "预算数"),
        "支出总表": _expense_sheet(items),
        "三公经费支出表": sangong_sheet(sangong, actual),
    }  # fmt: skip
    return workbook(sheets)


def _county_tables(year: int, sangong: tuple[Decimal, ...], actual: tuple[Decimal, ...] | None) -> bytes:
    scale = {2014: 0.93, 2015: 1.0}.get(year, 1.0 + 0.045 * (year - 2015))  # the budget grows with the years
    spending = [(c, n, round(v * scale, 2)) for c, n, v in COUNTY_SPENDING_2015]
    total = round(sum(v for _c, _n, v in spending), 2)
    own = round(32800 * scale, 2)
    grants = round(total * 0.78, 2)
    income = [
        ("一般公共预算收入", own),
        ("上级补助收入", grants),
        ("调入资金", round(total - own - grants, 2)),
    ]
    expense_rows: list[list[Any]] = [
        ["一般公共预算支出表"],
        ["单位：万元"],
        ["科目编码", "科目名称", "预算数"],
    ]
    expense_rows.append(["", "合计", total])
    expense_rows += [[c, n, v] for c, n, v in spending]
    sheets = {
        "收支总表": _balanced(income, [(n, v) for _c, n, v in spending], "预算数"),
        "一般公共预算支出表": expense_rows,
        "三公经费支出表": sangong_sheet(sangong, actual),
    }
    return workbook(sheets)


def _report_file(title: str, lines: list[str]) -> tuple[str, bytes]:
    return f"{title}.docx", _docx([title, *lines])


def load_finance(today: date, timeline: Timeline) -> dict[str, int]:
    """Create the demo's fiscal reports and fees once; their publications go on TIMELINE."""
    if FiscalReport.objects.exists():
        return {}
    rng = random.Random(1915)
    units = {u.short_name: u for u in Unit.objects.all()}
    staff = {u.username: u for u in User.objects.filter(unit__isnull=False)}
    counts = {"fiscal reports": 0}

    def publish(record_type: Any, record: Any, short: str, at: Any) -> None:
        editor, reviewer = staff[staff_of(short, "editor")], staff[staff_of(short, "reviewer")]
        records.record_submit(record_type, record, by=editor)
        records.record_approve(record_type, record, by=reviewer)
        if at <= timezone.now():
            timeline.add(at, lambda: records.record_publish(record_type, record, by=reviewer, at=at, now=at))

    def report(
        short: str, year: int, kind: str, approved: date, tables: bytes, lag: int, lines: list[str]
    ) -> None:
        unit = units[short]
        title = f"{unit.name}{year}年{ReportType(kind).label}" if kind not in (ReportType.GOV_BUDGET, ReportType.GOV_FINAL) else \
            f"岢岚县{year}年{'政府预算' if kind == ReportType.GOV_BUDGET else '政府决算'}"  # fmt: skip
        created = finance.fiscal_report_create(
            by=staff[staff_of(short, "editor")], unit=unit, file=_report_file(title, lines), tables=tables,
            data={"year": year, "report_type": kind, "approved_on": approved, "title": title},
        )  # fmt: skip
        publish(FISCAL_REPORTS, created, short, _at(approved + timedelta(days=lag), 15))
        counts["fiscal reports"] += 1

    for year in (2014, 2015):
        budget = tuple(Decimal(str(v)) for v in COUNTY_SANGONG[year])
        actual = tuple(Decimal(str(v)) for v in COUNTY_ACTUAL[year])
        report("财政局", year, ReportType.GOV_BUDGET, BUDGET_APPROVED[year], _county_tables(year, budget, None), 6,
               [f"关于岢岚县{year}年预算的报告", "经县人民代表大会审议批准。"])  # fmt: skip
        report("财政局", year, ReportType.GOV_FINAL, FINAL_APPROVED[year], _county_tables(year, budget, actual), 9,
               [f"关于岢岚县{year}年决算的报告", "经县人民代表大会常务委员会审议批准。"])  # fmt: skip
        shares_b = list(zip(*(_split(v, WEIGHTS) for v in budget), strict=True))
        shares_a = list(zip(*(_split(v, WEIGHTS) for v in actual), strict=True))
        for short, b, a in zip(UNITS, shares_b, shares_a, strict=True):
            unit = units[short]
            late = rng.random() < 0.15
            report(short, year, ReportType.DEPT_BUDGET, BUDGET_APPROVED[year] + timedelta(days=10),
                   _unit_tables(unit, rng, b, None), rng.randrange(22, 30) if late else rng.randrange(5, 19),
                   [f"{unit.name}{year}年部门预算", "一、部门职责", unit.functions, "二、预算收支情况"])  # fmt: skip
            report(short, year, ReportType.DEPT_FINAL, FINAL_APPROVED[year] + timedelta(days=12),
                   _unit_tables(unit, rng, b, a), rng.randrange(5, 19),
                   [f"{unit.name}{year}年部门决算", "一、部门职责", unit.functions, "二、决算收支情况"])  # fmt: skip

    # The recent cycle, dated from TODAY: last year's budgets and final accounts, this year's budgets.
    # Most departments published on time; the office's dashboard shows the rest: one department's
    # budget, approved late, still in review with days left, and two final accounts overdue (one in
    # review, one not yet drafted).
    last, this = today.year - 1, today.year
    budget_approved = {last: date(last, 2, 14), this: min(date(this, 2, 14), today - timedelta(days=30))}
    final_approved = min(date(this, 8, 20), today - timedelta(days=40))
    which = {"last": last, "this": this}
    figures = {
        (which[y], side): tuple(Decimal(str(v)) for v in values)
        for (y, side), values in RECENT_SANGONG.items()
    }
    in_review = {(this, ReportType.DEPT_BUDGET): "应急局", (last, ReportType.DEPT_FINAL): "卫体局"}
    not_drafted = {(last, ReportType.DEPT_FINAL): "林业局"}

    def department(short: str, year: int, kind: str, approved: date, tables: bytes, lines: list[str]) -> None:
        unit = units[short]
        if not_drafted.get((year, kind)) == short:
            return
        if in_review.get((year, kind)) == short:
            if kind == ReportType.DEPT_BUDGET:
                approved = today - timedelta(
                    days=8
                )  # its budget was approved after the unit's reorganisation
            title = f"{unit.name}{year}年{ReportType(kind).label}"
            created = finance.fiscal_report_create(
                by=staff[staff_of(short, "editor")], unit=unit, file=_report_file(title, lines), tables=tables,
                data={"year": year, "report_type": kind, "approved_on": approved, "title": title},
            )  # fmt: skip
            records.record_submit(FISCAL_REPORTS, created, by=staff[staff_of(short, "editor")])
            counts["fiscal reports"] += 1
            return
        report(short, year, kind, approved, tables, rng.randrange(4, 18), lines)

    for year in (last, this):
        budget = figures[(year, "budget")]
        weights = [max(2, w + rng.randrange(-3, 4)) for w in RECENT_WEIGHTS]  # the shares move a little
        report("财政局", year, ReportType.GOV_BUDGET, budget_approved[year], _county_tables(year, budget, None), 6,
               [f"关于岢岚县{year}年预算的报告", "经县人民代表大会审议批准。"])  # fmt: skip
        shares_b = list(zip(*(_split(v, weights) for v in budget), strict=True))
        for short, b in zip(RECENT_UNITS, shares_b, strict=True):
            unit = units[short]
            department(short, year, ReportType.DEPT_BUDGET, budget_approved[year] + timedelta(days=10),
                       _unit_tables(unit, rng, b, None), [f"{unit.name}{year}年部门预算", "一、部门职责", unit.functions, "二、预算收支情况"])  # fmt: skip
        if year == last:
            actual = figures[(year, "actual")]
            report("财政局", year, ReportType.GOV_FINAL, final_approved, _county_tables(year, budget, actual), 9,
                   [f"关于岢岚县{year}年决算的报告", "经县人民代表大会常务委员会审议批准。"])  # fmt: skip
            shares_a = list(zip(*(_split(v, weights) for v in actual), strict=True))
            for short, b, a in zip(RECENT_UNITS, shares_b, shares_a, strict=True):
                unit = units[short]
                department(short, year, ReportType.DEPT_FINAL, final_approved + timedelta(days=12),
                           _unit_tables(unit, rng, b, a), [f"{unit.name}{year}年部门决算", "一、部门职责", unit.functions, "二、决算收支情况"])  # fmt: skip

    return counts


def load_fees() -> dict[str, int]:
    """Create the 行政事业性收费 catalog (linked to the matters that charge each fee) and the amounts
    collected in 2014 and 2015, published now: after the matters catalog, which they link to."""
    if FeeItem.objects.exists():
        return {}
    units = {u.short_name: u for u in Unit.objects.all()}
    staff = {u.username: u for u in User.objects.filter(unit__isnull=False)}
    counts = {"fee items": 0, "fee collections": 0}

    def publish(record_type: Any, record: Any, short: str) -> None:
        reviewer = staff[staff_of(short, "reviewer")]
        records.record_submit(record_type, record, by=staff[staff_of(short, "editor")])
        records.record_approve(record_type, record, by=reviewer)
        records.record_publish(record_type, record, by=reviewer)

    matters = {m.name: m for m in Matter.objects.filter(name__in=[f[5] for f in FEES if f[5]])}
    for short, name, code, basis, standard, words, amounts in FEES:
        unit = units[short]
        matter = next((m for n, m in matters.items() if n == words and m.unit_id == unit.pk), None)
        short_staff = short if short in ("自然资源局", "城管局", "住建局") else "财政局"
        item = records.record_create(FEE_ITEMS, by=staff[staff_of(short_staff, "editor")], unit=units[short_staff], data={
            "name": name, "code": code, "basis": basis, "standard": standard, "collector": unit.name,
            "matter": matter, "formed_on": date(2014, 3, 1)})  # fmt: skip
        publish(FEE_ITEMS, item, short_staff)
        counts["fee items"] += 1
        for year, amount in zip((2014, 2015), amounts, strict=True):
            collected = records.record_create(FEE_COLLECTIONS, by=staff[staff_of(short_staff, "editor")], unit=unit, data={
                "year": year, "amount": Decimal(amount), "reported_on": date(year + 1, 1, 10)})  # fmt: skip
            publish(FEE_COLLECTIONS, collected, short_staff)
            counts["fee collections"] += 1
    return counts


def charged_matters() -> dict[tuple[str, str], str]:
    """(unit, matter name) -> the 收费标准及依据 its 办事指南 states, for the matters the fee catalog links to."""
    return {
        (short, matter): f"{item}：{standard}。依据：{basis}"
        for short, item, _c, basis, standard, matter, _a in FEES
        if matter
    }
