"""The 食品药品 part of the oversight demo: permits granted under the matters catalog, sampling results
and complaint handling (split from demo/oversight.py, whose helpers it uses)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from gongkai.core.calendar_data import load_calendar
from gongkai.matters.models import Matter
from gongkai.oversight.types import FOOD_DRUG_COMPLAINTS, SAMPLINGS
from gongkai.records import registry, services

from .county import GIVEN, SURNAMES
from .oversight import CO, TESTERS, _at, _create, _day, _person, _publish, _Staff
from .timeline import Timeline

PERMITS = [  # (company, permit type, matter subject, deciding unit, certificate prefix, content)
    ("兴旺餐饮", "food_business", "食品经营", "行政审批局", "JY21409290", "热食类食品制售、冷食类食品制售"),
    (
        "鑫源商贸",
        "food_business",
        "食品经营",
        "行政审批局",
        "JY11409290",
        "预包装食品（含冷藏冷冻食品）销售、散装食品销售",
    ),
    (
        "晋岚食品",
        "food_production",
        "食品生产",
        "市场监管局",
        "SC10114092",
        "糕点（烘烤类糕点）、粮食加工品（挂面）",
    ),
    (
        "岚州药房",
        "drug_business",
        "药品零售",
        "市场监管局",
        "晋CB35000",
        "中成药、化学药制剂、抗生素制剂、生化药品",
    ),
]
SAMPLES = [  # (product, category, producer, seller, item, measured, limit, unit)
    ("小米", "food", "晋岚食品", "鑫源商贸", "铅（以Pb计）", "0.32", "≤0.2", "mg/kg"),
    ("挂面", "food", "晋岚食品", "鑫源商贸", "水分", "14.2", "≤14.5", "g/100g"),
    ("月饼", "food", "晋岚食品", "晋岚食品", "过氧化值（以脂肪计）", "0.31", "≤0.25", "g/100g"),
    ("羊肉", "food", "绿源农牧", "鑫源商贸", "克伦特罗", "未检出", "不得检出", "μg/kg"),
    ("鸡蛋", "food", "绿源农牧", "兴旺餐饮", "恩诺沙星", "未检出", "不得检出", "μg/kg"),
    ("复用餐饮具", "catering", "兴旺餐饮", "兴旺餐饮", "大肠菌群", "检出", "不得检出", "/50cm²"),
    ("阿莫西林胶囊", "drug", "", "岚州药房", "溶出度", "符合规定", "符合规定", ""),
    ("板蓝根颗粒", "drug", "", "岚州药房", "性状、鉴别、检查", "符合规定", "符合规定", ""),
]


def _matter(short: str, subject: str) -> Matter | None:
    return (
        Matter.objects.filter(
            unit__short_name=short, kind=Matter.Kind.LICENSING, name=f"{subject}许可"
        ).first()
        or Matter.objects.filter(kind=Matter.Kind.LICENSING, name__startswith=f"{subject}许可")
        .order_by("id")
        .first()
    )


def food_drug(today: date, timeline: Timeline, staff: _Staff, rng: random.Random) -> dict[str, int]:
    calendar = load_calendar()
    counts = {SAMPLINGS.slug: 0, FOOD_DRUG_COMPLAINTS.slug: 0}
    licences = registry.get("licences")
    assert licences is not None
    earliest = today - timedelta(days=180)  # the matters catalog went public 200 days ago

    def grant(n: int, row: tuple[str, ...], decided: date, at: datetime) -> None:
        company, permit_type, subject, short, prefix, content = row
        name, uscc = CO[company]
        unit = staff.units[short]
        label = dict(licences.model.PermitType.choices)[permit_type]
        data = {
            "party_name": name, "party_category": "legal", "uscc": uscc,
            "legal_rep": SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 5) % len(GIVEN)],
            "authority": unit.name, "authority_uscc": unit.code, "source_unit": unit.name, "source_unit_uscc": unit.code,
            "decision_doc_name": f"准予{subject}许可决定书", "decision_no": f"岢{short[:2]}食药许〔{decided.year}〕{n}号",
            "category": "general", "certificate_name": label, "certificate_no": f"{prefix}{decided:%m%d}{n:03d}",
            "content": content, "decided_on": decided, "valid_from": decided, "valid_to": decided + timedelta(days=5 * 365 - 1),
            "permit_type": permit_type, "matter": _matter(short, subject),
        }  # fmt: skip
        record = services.record_create(licences, by=staff.editor(short), unit=unit, data=data)
        services.record_submit(licences, record, by=staff.editor(short))
        services.record_approve(licences, record, by=staff.reviewer(short))
        services.record_publish(licences, record, by=staff.reviewer(short), at=at, now=at)

    for n in range(16):
        row = PERMITS[n % len(PERMITS)]
        decided = _day(today, rng, span=175, calendar=calendar)
        out = _at(calendar.due_date(decided, 3).due_date, 15)
        if decided < earliest or out > timezone.now():
            continue
        # granted under the matter once the catalog is public, and written, approved and published in one
        # step at its publication time, so that the publication log stays in time order
        timeline.add(out, lambda n=n + 1, row=row, decided=decided, out=out: grant(n, row, decided, out))
    for n in range(60):
        product, category, producer, seller, item, measured, limit, unit = SAMPLES[n % len(SAMPLES)]
        failed = rng.random() < 0.12 and measured not in ("未检出", "符合规定")
        sampled = _day(today, rng, calendar=calendar)
        producer_name, producer_uscc = CO[producer] if producer else ("（药品上市许可持有人见批件）", "")
        record = _create(staff, SAMPLINGS, "市场监管局", {
            "sample_no": f"NCP{sampled:%Y%m%d}{n + 1:03d}" if category == "food" else f"CJ{sampled:%Y%m%d}{n + 1:03d}",
            "product": product, "category": category, "batch": f"{sampled - timedelta(days=rng.randrange(5, 60)):%Y-%m-%d}",
            "producer": producer_name, "producer_uscc": producer_uscc, "seller": CO[seller][0], "seller_uscc": CO[seller][1],
            "sampled_on": sampled, "item": item, "result": "fail" if failed else "pass",
            "measured": measured if failed else "", "limit": limit if failed else "", "measure_unit": unit if failed else "",
            "agency": TESTERS[n % 2], "handling": "已责令被抽样单位下架封存同批次产品，依法立案调查。" if failed else "",
        })  # fmt: skip
        _publish(
            timeline,
            staff,
            SAMPLINGS,
            record,
            _at(calendar.due_date(sampled, rng.randrange(15, 25)).due_date, 10),
        )
        counts[SAMPLINGS.slug] += 1
    complaints = [
        (
            "兴旺餐饮",
            "catering",
            "岚漪镇",
            "就餐后出现腹泻，怀疑食材不新鲜",
            "现场检查后厨，部分食材未按规定冷藏",
            "情况属实。已责令整改并给予警告，复查合格。",
        ),
        (
            "鑫源商贸",
            "food",
            "岚漪镇",
            "超市销售的酸奶已过保质期",
            "现场核实货架上有2盒过期酸奶",
            "情况属实。已依法立案查处，责令下架销毁过期食品。",
        ),
        (
            "岚州药房",
            "drug",
            "岚漪镇",
            "药店执业药师不在岗时销售处方药",
            "现场检查时执业药师在岗，调取监控未发现违规销售处方药",
            "情况不属实。已告知投诉人核查结果，并督促药店严格执行处方药管理规定。",
        ),
        (
            "晋岚食品",
            "food",
            "岚漪镇",
            "月饼包装标签生产日期模糊",
            "抽查同批次产品，标签印刷不清晰",
            "情况属实。已责令企业改进标签印刷并召回问题批次产品。",
        ),
    ]
    for n in range(16):
        company, category, place, summary, findings, result = complaints[n % len(complaints)]
        received = _day(today, rng, calendar=calendar)
        closed = calendar.due_date(received, rng.randrange(5, 30)).due_date
        who, phone = _person(rng)
        done = closed < today
        record = _create(staff, FOOD_DRUG_COMPLAINTS, "市场监管局", {
            "case_no": f"SJTS{received.year}{n + 1:04d}", "received_on": received, "channel": ("sector_hotline", "hotline", "online")[n % 3],
            "complainant": who, "complainant_phone": phone, "subject": CO[company][0], "location": f"岢岚县{place}",
            "category": category, "summary": summary, "findings": findings if done else "", "result": result if done else "",
            "closed_on": closed if done else None,
        })  # fmt: skip
        if done:
            _publish(
                timeline, staff, FOOD_DRUG_COMPLAINTS, record, _at(calendar.due_date(closed, 3).due_date, 16)
            )
        counts[FOOD_DRUG_COMPLAINTS.slug] += 1
    return counts
