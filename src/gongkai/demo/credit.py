"""A year of enterprise credit records about the demo's companies, coherent with their other records:
the 市场监管局's yearly risk classification follows each company's penalties, a penalty of a market,
transport or safety authority leaves a 不良行为记录, builders hold qualifications, carriers are rated,
and every signed procurement contract becomes a 项目业绩 once the buyer has accepted the work."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import Unit, User
from gongkai.credit.models import CreditRecord
from gongkai.enforcement.models import Penalty
from gongkai.procurement.lines import show_amount
from gongkai.procurement.models import Notice, NoticeKind
from gongkai.records import registry, services

from .companies import COMPANY_LIST
from .county import staff_of
from .timeline import Timeline

BAD_AFTER = {  # the unit whose penalty leaves a bad record, and what it records
    "市场监管局": "市场主体违法失信行为记录",
    "交通局": "道路运输经营者不良行为记录",
    "应急局": "安全生产违法失信行为记录",
    "住建局": "建筑市场主体不良行为记录",
}


def _at(day: date, hour: int = 15) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def load_credit(today: date, timeline: Timeline) -> dict[str, int]:
    """Create the year's credit records once, each written and approved by the issuing unit's staff and
    published on TIMELINE a few working days after it was made; return how many were created."""
    credit = registry.get("credit-records")
    assert credit is not None
    if CreditRecord.objects.exists():
        return {}
    rng = random.Random(2027)
    calendar = load_calendar()
    units = {u.short_name: u for u in Unit.objects.all()}
    staff = {u.username: u for u in User.objects.filter(unit__isnull=False)}
    start = today - timedelta(days=365)
    count = 0

    def add(short: str, company: Any, kind: str, title: str, day: date, content: str, **extra: Any) -> None:
        nonlocal count
        if day > today or day < start:
            return
        editor, reviewer = staff[staff_of(short, "editor")], staff[staff_of(short, "reviewer")]
        data = {
            "enterprise_name": company.name, "uscc": company.uscc, "kind": kind, "title": title,
            "content": content, "issuer": units[short].name, "decided_on": day, **extra,
        }  # fmt: skip
        record = services.record_create(credit, by=editor, unit=units[short], data=data)
        services.record_submit(credit, record, by=editor)
        services.record_approve(credit, record, by=reviewer)
        at = _at(calendar.due_date(day, rng.randrange(1, 6)).due_date)
        if at <= timezone.now():
            timeline.add(at, lambda: services.record_publish(credit, record, by=reviewer, at=at, now=at))
        count += 1

    by_code = {c.uscc: c for c in COMPANY_LIST}
    penalised: dict[str, list[Any]] = defaultdict(list)
    for penalty in (
        Penalty.objects.filter(uscc__in=by_code, decided_on__gte=start)
        .exclude(severity="minor")
        .select_related("unit")
    ):
        penalised[penalty.uscc].append(penalty)

    # The yearly credit-risk classification (A low risk … D high), after the annual reports are in.
    classified = date(today.year if today.month > 7 else today.year - 1, 7, 15)
    for company in COMPANY_LIST:
        serious = any(p.severity == "serious" for p in penalised[company.uscc])
        grade = (
            "C类（风险较高）"
            if serious
            else "B类（风险一般）"
            if penalised[company.uscc]
            else "A类（风险较低）"
        )
        add(
            "市场监管局", company, "evaluation", f"{classified.year}年度企业信用风险分类", classified,
            f"根据企业年度报告、监督检查和行政处罚等信息，评定为{grade}。", grade=grade[:2],
            record_no=f"岢市监信〔{classified.year}〕{count + 1}号",
            valid_to=classified + timedelta(days=364),
        )  # fmt: skip
        if not penalised[company.uscc] and rng.random() < 0.5:
            add(
                "市场监管局", company, "good", f"{classified.year}年度“守合同重信用”企业", classified + timedelta(days=30),
                "连续两年合同履约情况良好，无违法失信记录，公示为“守合同重信用”企业。",
                valid_to=classified + timedelta(days=30 + 729),
            )  # fmt: skip
    for code, rows in penalised.items():
        for penalty in rows:
            short = penalty.unit.short_name
            if short in BAD_AFTER:
                add(
                    short, by_code[code], "bad", BAD_AFTER[short], penalty.decided_on + timedelta(days=3),
                    f"因“{penalty.violation_type}”受到行政处罚（{penalty.decision_no}），记入不良行为记录。",
                    record_no=penalty.decision_no, valid_to=penalty.decided_on + timedelta(days=365),
                )  # fmt: skip
    for n, company in enumerate(c for c in COMPANY_LIST if c.trade == "construction"):
        level = ("三级", "二级")[n % 2]
        add(
            "住建局", company, "qualification", f"建筑工程施工总承包{level}资质", start + timedelta(days=40 + 70 * n),
            f"经审查，核准该企业具备建筑工程施工总承包{level}资质，可承接相应规模的建筑工程。",
            grade=level, record_no=f"D31409{2900 + n:04d}", valid_to=start + timedelta(days=40 + 70 * n + 5 * 365),
        )  # fmt: skip
        if not any(p.unit.short_name == "应急局" for p in penalised[company.uscc]):
            add(
                "应急局", company, "good", "安全生产标准化三级企业", start + timedelta(days=150 + 20 * n),
                "经评审，该企业达到安全生产标准化三级企业要求。", valid_to=start + timedelta(days=150 + 20 * n + 3 * 365),
            )  # fmt: skip
    for n, company in enumerate(c for c in COMPANY_LIST if c.trade == "transport"):
        grade = "AA级" if not penalised[company.uscc] else "A级"
        add(
            "交通局", company, "evaluation", f"道路运输企业质量信誉考核{grade}", start + timedelta(days=100 + 10 * n),
            f"年度质量信誉考核结果为{grade}。", grade=grade, valid_to=start + timedelta(days=100 + 10 * n + 364),
        )  # fmt: skip
    # 项目业绩: a contract accepted some weeks after it was signed.
    for notice in Notice.objects.filter(kind=NoticeKind.CONTRACT, signed_on__isnull=False).select_related(
        "process__unit"
    ):
        assert notice.signed_on is not None
        accepted = notice.signed_on + timedelta(days=rng.randrange(45, 120))
        for party in notice.supplier_list():
            winner = by_code.get(party.uscc)
            if winner is not None:
                add(
                    notice.process.unit.short_name, winner, "performance", notice.process.title, accepted,
                    f"承担{notice.process.title}（合同编号 {notice.contract_no}，合同金额 {show_amount(party.amount or notice.amount)}），"
                    "已按合同约定完成并通过履约验收。",
                    record_no=notice.contract_no,
                )  # fmt: skip
    return {"credit records": count}
