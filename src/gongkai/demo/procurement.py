"""A year of the county's government procurement: processes in every method, each from 采购意向 through
采购公告 to 中标（成交）结果 and 合同, some corrected, some terminated, the latest still under way.
Buyers are the county's units, suppliers the demo's companies; publications join the demo's timeline.
Every fifth process carries its 招标文件 and its signed contract as small generated PDFs."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

from django.utils import timezone

from gongkai.core import workflow
from gongkai.core.models import Unit, User
from gongkai.core.pdf import PdfUnavailable, render_pdf
from gongkai.core.uscc import make_uscc
from gongkai.procurement import services
from gongkai.procurement.models import DocumentType, Method, Notice, Process
from gongkai.procurement.types import NOTICES
from gongkai.records import services as records

from .companies import COMPANIES, in_trades
from .county import staff_of
from .timeline import Timeline

AGENCIES = [
    ("山西晋岚招标代理有限公司", make_uscc(registry="9", kind="1", region="140900", body8="MA0KDL01")),
    ("忻州诚信工程咨询有限公司", make_uscc(registry="9", kind="1", region="140900", body8="MA0KDL02")),
]
# (unit, title, category, budget in 10,000 yuan, items)
NEEDS = [
    ("交通局", "农村公路养护服务", "services", 180, "农村公路日常养护|120|公里"),
    ("交通局", "县乡道路安全生命防护工程", "works", 260, "波形护栏|18|公里\n警示标志|240|块"),
    ("卫体局", "乡镇卫生院医疗设备", "goods", 320, "彩色超声诊断仪|4|台|A02320102\n全自动生化分析仪|4|台"),
    ("卫体局", "全民健身器材", "goods", 48, "室外健身路径|30|套"),
    ("住建局", "老旧小区改造", "works", 560, "楼体保温改造|12|栋\n小区道路硬化|8600|平方米"),
    ("住建局", "城区供热管网维修", "works", 230, "供热管网更换|3.6|公里"),
    ("林业局", "森林防火物资", "goods", 36, "风力灭火机|60|台\n防火服|200|套"),
    ("林业局", "造林绿化苗木", "goods", 95, "樟子松苗木|52000|株|A02430101"),
    ("民政局", "养老服务中心运营服务", "services", 120, "养老服务中心运营|1|年"),
    ("县政府办", "办公设备", "goods", 28, "台式计算机|40|台|A02010104\n激光打印机|12|台"),
    ("县政府办", "政务信息系统运维服务", "services", 66, "政务信息系统运维|1|年"),
    ("财政局", "预算绩效评价服务", "services", 42, "重点项目绩效评价|15|个"),
    ("应急局", "应急救援物资", "goods", 58, "救生衣|300|件\n应急照明灯|80|台"),
    ("自然资源局", "村庄规划编制服务", "services", 150, "村庄规划编制|20|个"),
    ("市场监管局", "食品快速检测设备", "goods", 33, "食品快检箱|16|套\n农残快检仪|8|台"),
]
WEEKDAY_HOUR = 10


def _bidder_trades(category: str, subject: str) -> tuple[str, ...]:
    """The trades of the companies that bid for SUBJECT: builders for works, IT firms for systems …"""
    if "运维" in subject or "办公" in subject:
        return ("it",)
    if "医疗" in subject or "检测" in subject:
        return ("pharmacy",)
    if "苗木" in subject:
        return ("forestry", "farming")
    if category == "works" or "养护" in subject:
        return ("construction",)
    if "养老" in subject:
        return ("services",)
    return ("consulting",) if category == "services" else ("retail",)


def _firms(rng: random.Random, category: str, subject: str, count: int) -> list[tuple[str, str]]:
    """COUNT bidders, the first (the winner) and as many others as there are from the trade, then others."""
    trade = in_trades(*_bidder_trades(category, subject))
    rng.shuffle(trade)
    others = [c for c in COMPANIES if c not in trade]
    return (trade + rng.sample(others, max(0, count - len(trade))))[:count]


def _at(day: date, hour: int = WEEKDAY_HOUR) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _parties(rows: list[tuple[tuple[str, str], Decimal]]) -> str:
    return "\n".join(f"{name}|{uscc}|{amount}" for (name, uscc), amount in rows)


def _pdf(title: str, rows: list[tuple[str, str]], lines: list[str]) -> bytes | None:
    """A small PDF (WeasyPrint), or None where its system libraries are missing."""
    try:
        return render_pdf("demo/procurement_file.html", {"title": title, "rows": rows, "lines": lines})
    except PdfUnavailable:
        return None


def _tender_file(process: Process, deadline: date) -> list[tuple[str, bytes, str]]:
    rows = [("项目编号", process.code), ("采购人", process.buyer().name), ("采购方式", process.get_method_display()),
            ("预算金额", process.budget_display()), ("响应截止日期", f"{deadline:%Y年%m月%d日}")]  # fmt: skip
    lines = ["第一章 采购邀请", "第二章 供应商须知", "第三章 采购需求"]
    lines += [f"{item.description}：{item.quantity.normalize():f}{item.unit}" for item in process.item_list()]
    lines += ["第四章 评审方法和标准", "第五章 合同主要条款", "第六章 响应文件格式"]
    data = _pdf(f"{process.title}招标文件", rows, lines)
    return [(f"{process.code}招标文件.pdf", data, DocumentType.BIDDING)] if data else []


def _contract_file(
    process: Process, number: str, supplier: str, amount: Decimal, signed: date
) -> list[tuple[str, bytes, str]]:
    rows = [("合同编号", number), ("项目编号", process.code), ("甲方（采购人）", process.buyer().name),
            ("乙方（供应商）", supplier), ("合同金额", f"{amount:,.2f} 元"), ("签订日期", f"{signed:%Y年%m月%d日}")]  # fmt: skip
    lines = ["一、合同标的：见采购文件第三章及乙方响应文件。", "二、履约期限和地点：合同签订后按采购需求执行。",
             "三、付款方式：验收合格后按合同约定支付。", "四、验收：甲方按采购需求组织验收。"]  # fmt: skip
    data = _pdf(f"{process.title}政府采购合同", rows, lines)
    return [(f"{number}合同.pdf", data, DocumentType.CONTRACT)] if data else []


def load_procurement(today: date, timeline: Timeline) -> dict[str, int]:
    """Create the demo's procurement once, each notice written and approved by its buyer's staff and
    published on TIMELINE at its date; return how many processes and notices were created."""
    if Process.objects.exists():
        return {}
    rng = random.Random(19)
    units = {u.short_name: u for u in Unit.objects.all()}
    staff = {u.username: u for u in User.objects.filter(unit__isnull=False)}
    methods = list(Method)
    counts = {"procurement processes": 0, "procurement notices": 0}

    def notice(
        process: Process, kind: str, day: date, title: str, files: Any = (), **fields: object
    ) -> Notice | None:
        if day > today:
            return None  # not yet: the process is still under way
        short = process.unit.short_name
        editor, reviewer = staff[staff_of(short, "editor")], staff[staff_of(short, "reviewer")]
        data = {
            "process": process,
            "kind": kind,
            "title": f"{process.title}{title}",
            "notice_date": day,
            **fields,
        }
        item = records.record_create(NOTICES, by=editor, unit=process.unit, data=data)
        for name, content, document_type in files() if callable(files) else files:
            services.notice_attach(
                notice=item, by=editor, name=name, data=content, document_type=document_type
            )
        workflow.submit(item, by=editor)
        workflow.approve(item, by=reviewer)
        at = _at(day, WEEKDAY_HOUR + len(kind) % 5)  # same-day notices go out in the order of the course
        timeline.add(at, lambda: workflow.publish(item, by=reviewer, at=at, now=at))
        counts["procurement notices"] += 1
        return item

    for n in range(42):
        short, subject, category, budget_wan, items = NEEDS[n % len(NEEDS)]
        method = methods[n % len(methods)]
        tender_day = today - timedelta(days=rng.randrange(5, 360))
        year = tender_day.year
        budget = Decimal(budget_wan * 10000)
        agency = AGENCIES[n % 3] if n % 3 < 2 else None
        process = services.process_create(
            by=staff[staff_of(short, "editor")], unit=units[short], code=f"GKCG-{year}-{n + 1:03d}",
            data={
                "title": f"{units[short].name}{subject}{'项目' if category != 'services' else '采购项目'}",
                "method": method, "category": category, "budget": budget, "items": items,
                "agency_name": agency[0] if agency else "", "agency_uscc": agency[1] if agency else "",
            },
        )  # fmt: skip
        counts["procurement processes"] += 1
        notice(process, "intention", tender_day - timedelta(days=30), "采购意向")
        days = 20 if method in (Method.OPEN, Method.INVITED) else 10
        deadline = tender_day + timedelta(days=days)
        with_files = n % 5 == 0
        notice(
            process, "tender", tender_day, f"{Method(method).label}公告", bid_deadline=deadline,
            files=partial(_tender_file, process, deadline) if with_files else (),
        )  # fmt: skip
        if rng.random() < 0.25:
            deadline += timedelta(days=7)
            notice(
                process, "correction", tender_day + timedelta(days=5), "更正公告", bid_deadline=deadline,
                body=f"因采购需求调整，响应截止日期延至{deadline:%Y年%m月%d日}，其他内容不变。",
            )  # fmt: skip
        if rng.random() < 0.1:
            notice(
                process, "termination", deadline + timedelta(days=1), "终止公告",
                body="因提交响应文件的供应商不足三家，本项目采购活动终止，将另行组织采购。",
            )  # fmt: skip
            continue
        count = 1 if method == Method.SINGLE_SOURCE else rng.randrange(3, 5)
        firms = _firms(rng, category, subject, count)
        winner = (budget * Decimal(rng.randrange(86, 98)) / 100).quantize(Decimal("100"))
        quotes = [(firms[0], winner)] + [
            (firm, min(budget, (winner * Decimal(rng.randrange(101, 112)) / 100).quantize(Decimal("100"))))
            for firm in firms[1:]
        ]
        award_day = deadline + timedelta(days=rng.randrange(2, 6))
        notice(
            process, "award", award_day, "中标（成交）结果公告", amount=winner,
            suppliers=_parties(quotes[:1]), bidders=_parties(quotes),
        )  # fmt: skip
        signed = award_day + timedelta(days=rng.randrange(5, 20))
        number = f"GKHT-{year}-{n + 1:03d}"
        contract_file = partial(_contract_file, process, number, firms[0][0], winner, signed)
        notice(
            process, "contract", signed + timedelta(days=1), "合同公告", amount=winner,
            suppliers=_parties(quotes[:1]), contract_no=number, signed_on=signed,
            files=contract_file if with_files else (),
        )  # fmt: skip
    return counts
