"""A year of 公共监管 (seed §七): two air-quality stations' daily readings, pollution-source checks,
environmental complaints and cases, safety briefings and accidents, food and drug permits granted under
the matters catalog, sampling results and complaint handling — the county's companies throughout."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import Unit, User
from gongkai.oversight import aqi
from gongkai.oversight.models import Station, accident_level
from gongkai.oversight.types import (
    ACCIDENTS,
    AIR_QUALITY,
    ENV_COMPLAINTS,
    ENV_VIOLATIONS,
    GROUPS,
    SAFETY_BRIEFINGS,
    SOURCE_INSPECTIONS,
)
from gongkai.records import services

from .companies import COMPANIES
from .county import GIVEN, SURNAMES, staff_of
from .timeline import Timeline

CO = {name.removeprefix("岢岚县").removesuffix("有限公司"): (name, uscc) for name, uscc in COMPANIES}
STATIONS = [
    ("KLAQ01", "县城监测站", Station.Grade.PROVINCIAL, "岢岚县岚漪镇宋长城路县环境监测站楼顶", 1.0),
    ("KLAQ02", "宋家沟监测站", Station.Grade.COUNTY, "岢岚县宋家沟乡宋家沟村村委会楼顶", 0.8),
]
TESTERS = ("忻州市食品药品检验所", "山西省食品药品检验研究院")


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def oversight_totals() -> dict[str, int]:
    return {t.slug: t.model.objects.count() for _group, types in GROUPS for t in types}


class _Staff:
    def __init__(self) -> None:
        self.users = {u.username: u for u in User.objects.filter(unit__isnull=False)}
        self.units = {u.short_name: u for u in Unit.objects.all()}

    def editor(self, short: str) -> User:
        return self.users[staff_of(short, "editor")]

    def reviewer(self, short: str) -> User:
        return self.users[staff_of(short, "reviewer")]


def load_oversight(today: date, timeline: Timeline) -> dict[str, int]:
    """Create the year's oversight records once; their publications join TIMELINE."""
    if Station.objects.exists():
        return {}
    staff = _Staff()
    rng = random.Random(1407)
    counts = {AIR_QUALITY.slug: _air(today, timeline, staff, rng)}
    counts.update(_environment(today, timeline, staff, rng))
    counts.update(_safety(today, timeline, staff, rng))
    from .oversight_food import food_drug

    counts.update(food_drug(today, timeline, staff, rng))
    return counts


def _publish(timeline: Timeline, staff: _Staff, record_type: Any, record: Any, at: datetime) -> None:
    """Submit and approve RECORD now; publish it as of AT in the timeline (a later AT stays approved)."""
    short = record.unit.short_name
    services.record_submit(record_type, record, by=staff.editor(short))
    services.record_approve(record_type, record, by=staff.reviewer(short))
    if at <= timezone.now():
        timeline.add(
            at, lambda: services.record_publish(record_type, record, by=staff.reviewer(short), at=at, now=at)
        )


def _create(staff: _Staff, record_type: Any, short: str, data: dict[str, Any]) -> Any:
    return services.record_create(record_type, by=staff.editor(short), unit=staff.units[short], data=data)


# --- environment -------------------------------------------------------------------------------


def _reading(day: date, scale: float, rng: random.Random) -> dict[str, Any]:
    """One plausible day in a Shanxi county: coal heating from mid-October to mid-April, dust in spring,
    ozone in summer, now and then a still, polluted spell."""
    season = math.cos((day.timetuple().tm_yday - 15) / 365 * 2 * math.pi)  # 1 in January, -1 in July
    heating = (
        day.month in (11, 12, 1, 2, 3)
        or (day.month == 10 and day.day > 15)
        or (day.month == 4 and day.day < 15)
    )
    spell = 1.8 if rng.random() < 0.06 else 1.0
    pm25 = max(6, (32 + 22 * season + (12 if heating else 0)) * scale * spell * rng.uniform(0.6, 1.4))
    dust = 1.9 if day.month in (3, 4, 5) and rng.random() < 0.12 else 1.0
    values: dict[str, Any] = {
        "pm25": round(pm25),
        "pm10": round(pm25 * rng.uniform(1.5, 2.1) * dust),
        "so2": round(max(4, (18 + 16 * season + (10 if heating else 0)) * scale * rng.uniform(0.6, 1.4))),
        "no2": round(max(5, (24 + 8 * season) * scale * rng.uniform(0.6, 1.4))),
        "o3": round(max(20, (110 - 45 * season) * rng.uniform(0.7, 1.3))),
        "co": Decimal(str(round(max(0.2, (0.9 + 0.5 * season) * scale * rng.uniform(0.6, 1.4)), 1))),
    }
    values["aqi"], values["primary_pollutant"] = aqi.aqi({k: v for k, v in values.items()})
    return values


def _air(today: date, timeline: Timeline, staff: _Staff, rng: random.Random) -> int:
    """A year of daily readings, published each Monday morning for the week before."""
    unit = staff.units["环保局"]
    stations = [
        Station.objects.create(code=code, name=name, grade=grade, address=address, unit=unit, sort_order=n)
        for n, (code, name, grade, address, _scale) in enumerate(STATIONS)
    ]
    weeks: dict[date, list[tuple[Unit, dict[str, Any]]]] = {}
    day, count = date(today.year, 1, 1), 0
    while day < today:
        out = day + timedelta(days=7 - day.weekday())  # the next Monday
        out = min(out, today)
        for station, (*_rest, scale) in zip(stations, STATIONS, strict=True):
            weeks.setdefault(out, []).append(
                (unit, {"station": station, "day": day, **_reading(day, scale, rng)})
            )
            count += 1
        day += timedelta(days=1)
    reviewer = staff.reviewer("环保局")
    for out, rows in weeks.items():
        at = _at(out, 9)
        if at > timezone.now():
            at = timezone.now() - timedelta(minutes=5)
        timeline.add(
            at,
            lambda rows=rows, at=at: services.records_import_published(
                AIR_QUALITY, rows, by=reviewer, at=at, now=at
            ),
        )
    return count


def _person(rng: random.Random) -> tuple[str, str]:
    name = SURNAMES[rng.randrange(len(SURNAMES))] + GIVEN[rng.randrange(len(GIVEN))]
    return name, f"13{rng.randrange(100000000, 999999999)}"


def _day(today: date, rng: random.Random, span: int = 330, calendar: Any = None) -> date:
    calendar = calendar or load_calendar()
    while True:
        day = today - timedelta(days=rng.randrange(5, span))
        if day.year == today.year and calendar.is_working_day(day):
            return day


SOURCES = [  # (company, source, items, problem when not compliant, measure)
    (
        "宏达煤业",
        "air",
        "锅炉烟气颗粒物、二氧化硫、氮氧化物",
        "锅炉烟气二氧化硫排放浓度超过排放标准",
        "责令限期整改，依法立案查处",
    ),
    (
        "宏达煤业",
        "water",
        "矿井水化学需氧量、悬浮物",
        "矿井水处理站悬浮物超标排放",
        "责令停止超标排放，限期完成处理站改造",
    ),
    ("晋岚食品", "water", "生产废水化学需氧量、氨氮", "污水处理设施未正常运行", "责令立即恢复运行，跟踪复查"),
    ("绿源农牧", "waste", "养殖粪污贮存和资源化利用设施", "粪污贮存池防渗不到位", "责令限期完成防渗改造"),
    ("华盛建筑", "noise", "施工场界噪声", "夜间施工场界噪声超标", "责令停止夜间施工，依法处罚"),
    ("通达运输", "waste", "危险废物（废机油）贮存和转移联单", "危险废物贮存场所标识不规范", "责令立即整改"),
]


def _environment(today: date, timeline: Timeline, staff: _Staff, rng: random.Random) -> dict[str, int]:
    calendar = load_calendar()
    counts = {SOURCE_INSPECTIONS.slug: 0, ENV_COMPLAINTS.slug: 0, ENV_VIOLATIONS.slug: 0}
    for n in range(36):
        company, source, items, problem, measure = SOURCES[n % len(SOURCES)]
        name, uscc = CO[company]
        checked = _day(today, rng, calendar=calendar)
        ok = rng.random() > 0.2
        record = _create(staff, SOURCE_INSPECTIONS, "环保局", {
            "enterprise": name, "uscc": uscc, "source": source, "checked_on": checked, "items": items,
            "result": "compliant" if ok else ("exceeded" if "超" in problem else "defects"),
            "findings": "" if ok else problem, "measures": "" if ok else measure,
        })  # fmt: skip
        _publish(
            timeline,
            staff,
            SOURCE_INSPECTIONS,
            record,
            _at(calendar.due_date(checked, rng.randrange(3, 10)).due_date, 15),
        )
        counts[SOURCE_INSPECTIONS.slug] += 1
    topics = [
        (
            "宏达煤业",
            "air",
            "三井镇",
            "煤场未苫盖，刮风时煤尘飘散到附近村庄",
            "现场核实煤场部分区域未苫盖，已责令企业全部苫盖并安装喷淋抑尘设施",
            "情况属实。企业已完成整改，县环境保护局复查合格，对企业予以警告。",
        ),
        (
            "兴旺餐饮",
            "air",
            "岚漪镇",
            "饭店油烟直排，影响楼上住户",
            "现场核实油烟净化器长期未清洗",
            "情况属实。已责令清洗并定期维护油烟净化设施，复测油烟排放达标。",
        ),
        (
            "华盛建筑",
            "noise",
            "岚漪镇",
            "工地夜间施工噪声扰民",
            "夜间监测场界噪声超过标准",
            "情况属实。已责令停止夜间施工并依法立案查处。",
        ),
        (
            "晋岚食品",
            "water",
            "岚漪镇",
            "厂区排水沟有异味",
            "现场采样监测，外排废水各项指标达标，异味来自厂区雨水沟积存的污泥",
            "情况部分属实。已督促企业清理雨水沟污泥，加强厂区环境管理。",
        ),
        (
            "绿源农牧",
            "waste",
            "宋家沟乡",
            "养殖场粪污堆放在河道边",
            "现场核实临时堆放点距河道约200米，未进入河道",
            "情况部分属实。已责令企业清运粪污并规范贮存。",
        ),
    ]
    channels = ["hotline", "sector_hotline", "letter", "visit", "online"]
    for n in range(20):
        company, pollution, place, summary, findings, result = topics[n % len(topics)]
        received = _day(today, rng, calendar=calendar)
        closed = calendar.due_date(received, rng.randrange(5, 25)).due_date
        who, phone = _person(rng)
        record = _create(staff, ENV_COMPLAINTS, "环保局", {
            "case_no": f"HBXF{received.year}{n + 1:04d}", "received_on": received, "channel": channels[n % 5],
            "complainant": who, "complainant_phone": phone, "subject": CO[company][0], "location": f"岢岚县{place}",
            "pollution": pollution, "summary": summary, "findings": findings if closed < today else "",
            "result": result if closed < today else "", "closed_on": closed if closed < today else None,
        })  # fmt: skip
        if closed < today:
            _publish(timeline, staff, ENV_COMPLAINTS, record, _at(calendar.due_date(closed, 3).due_date, 16))
        counts[ENV_COMPLAINTS.slug] += 1
    cases = [
        (
            "宏达煤业",
            "锅炉烟气二氧化硫超标排放",
            "《中华人民共和国大气污染防治法》第九十九条",
            "责令改正，罚款人民币十五万元",
        ),
        (
            "华盛建筑",
            "夜间施工噪声超标",
            "《中华人民共和国噪声污染防治法》第七十七条",
            "责令改正，罚款人民币二万元",
        ),
        (
            "宏达煤业",
            "煤场扬尘防治措施不到位",
            "《中华人民共和国大气污染防治法》第一百一十七条",
            "责令改正，罚款人民币三万元",
        ),
        (
            "通达运输",
            "危险废物贮存不规范",
            "《中华人民共和国固体废物污染环境防治法》第一百一十二条",
            "责令改正，罚款人民币五万元",
        ),
    ]
    for n, (company, violation, basis, handling) in enumerate(cases, start=1):
        filed = _day(today, rng, calendar=calendar)
        decided = calendar.due_date(filed, rng.randrange(15, 40)).due_date
        if decided >= today:
            decided = calendar.due_date(filed, 5).due_date
        name, uscc = CO[company]
        record = _create(staff, ENV_VIOLATIONS, "环保局", {
            "case_no": f"岢环立〔{filed.year}〕{n}号", "party": name, "uscc": uscc, "filed_on": filed,
            "violation": f"经查，当事人{violation}。", "basis": basis, "handling": f"{handling}。当事人已缴纳罚款并完成整改。",
            "decision_no": f"岢环罚〔{decided.year}〕{n}号", "decided_on": decided,
        })  # fmt: skip
        if decided < today:
            _publish(timeline, staff, ENV_VIOLATIONS, record, _at(calendar.due_date(decided, 4).due_date, 15))
        counts[ENV_VIOLATIONS.slug] += 1
    return counts


# --- production safety ---------------------------------------------------------------------------

BRIEFINGS = [
    "岁末年初安全生产大检查工作部署",
    "春节期间烟花爆竹安全管理",
    "节后复工复产安全检查",
    "春季森林防火和道路交通安全",
    "“打非治违”专项行动进展",
    "安全生产月活动安排",
    "汛期安全生产和防汛工作",
    "非煤矿山和尾矿库专项整治",
    "危险化学品安全专项检查",
    "国庆节前安全生产检查",
    "冬季供暖和燃气安全",
    "年度安全生产工作总结",
]
ACCIDENT_ROWS = [  # (title, type, place, deaths, injuries, loss 万元, company or "", summary, investigation, handling, withheld)
    (
        "岢岚县S313线“3·14”一般道路交通事故",
        "road",
        "S313线岢岚段K42处",
        1,
        1,
        Decimal("18.5"),
        "通达运输",
        "一辆货车与一辆小型客车相撞，造成1人死亡、1人重伤。",
        "事故调查组认定货车驾驶人疲劳驾驶，运输企业安全管理制度落实不到位。",
        "货车驾驶人移送公安机关处理；对运输企业罚款人民币十万元，责令全面排查整改。",
        "",
    ),
    (
        "岢岚县华盛建筑有限公司“5·20”一般高处坠落事故",
        "construction",
        "岚漪镇某安置房项目工地",
        1,
        0,
        Decimal("126"),
        "华盛建筑",
        "1名作业人员在脚手架上作业时未系安全带，从高处坠落死亡。",
        "事故调查组认定施工单位安全教育培训不到位、现场安全管理缺失，监理单位未履行监理职责。",
        "对施工单位罚款人民币三十万元，对项目负责人、监理单位依法处理。",
        "",
    ),
    (
        "岢岚县宏达煤业有限公司“7·08”一般顶板事故",
        "mining",
        "宏达煤业井下采煤工作面",
        1,
        1,
        Decimal("215"),
        "宏达煤业",
        "采煤工作面发生局部冒顶，造成1人死亡、1人重伤。",
        "事故调查组认定工作面支护不及时，现场安全检查流于形式。",
        "责令企业停产整顿，对企业罚款人民币五十万元，对相关责任人员给予处分。",
        "",
    ),
    (
        "岢岚县兴旺餐饮有限公司“9·16”火灾事故",
        "fire",
        "岚漪镇广惠路兴旺餐饮后厨",
        0,
        0,
        Decimal("12.6"),
        "兴旺餐饮",
        "后厨油烟管道起火，无人员伤亡。",
        "事故调查组认定油烟管道长期未清洗。",
        "责令企业整改，依法罚款人民币五千元。",
        "",
    ),
    (
        "岢岚县G338线“10·27”较大道路交通事故",
        "road",
        "G338线岢岚段K163处",
        3,
        2,
        Decimal("85"),
        "",
        "一辆小型客车与一辆农用车相撞，造成3人死亡、2人重伤。",
        "",
        "",
        "",
    ),
    (
        "岢岚县某涉密工程“8·02”一般机械伤害事故",
        "industry",
        "（依法不予公开）",
        0,
        1,
        Decimal("4"),
        "",
        "1名作业人员受伤。",
        "",
        "",
        "《中华人民共和国保守国家秘密法》第十三条；《中华人民共和国政府信息公开条例》第十四条",
    ),
]


def _safety(today: date, timeline: Timeline, staff: _Staff, rng: random.Random) -> dict[str, int]:
    calendar = load_calendar()
    counts = {SAFETY_BRIEFINGS.slug: 0, ACCIDENTS.slug: 0}
    for n, topic in enumerate(BRIEFINGS, start=1):
        issued = calendar.due_date(date(today.year, n, 1), 3).due_date
        if issued >= today:
            break
        record = _create(staff, SAFETY_BRIEFINGS, "应急局", {
            "issue_no": f"岢安委办简报〔{today.year}〕第{n}期", "title": topic, "issued_on": issued,
            "body": f"县安全生产委员会办公室通报本月全县安全生产形势，部署{topic}工作，要求各乡镇、各部门落实"
                    "安全生产责任，深入开展“打非治违”和隐患排查治理，及时报告生产安全事故。",
        })  # fmt: skip
        _publish(timeline, staff, SAFETY_BRIEFINGS, record, _at(calendar.due_date(issued, 1).due_date, 11))
        counts[SAFETY_BRIEFINGS.slug] += 1
    months = [3, 5, 7, 9, 10, 8]
    for (
        title,
        kind,
        place,
        deaths,
        injuries,
        loss,
        company,
        summary,
        report,
        handling,
        withheld,
    ), month in zip(ACCIDENT_ROWS, months, strict=True):
        day = date(today.year, month, int(title.split("“")[1].split("·")[1][:2]))
        name, uscc = CO[company] if company else ("", "")
        record = _create(staff, ACCIDENTS, "应急局", {
            "title": title, "occurred_on": day, "place": place, "accident_type": kind,
            "level": accident_level(deaths, injuries, loss), "deaths": deaths, "injuries": injuries,
            "direct_loss": loss, "enterprise": name, "uscc": uscc, "summary": summary, "investigation": report,
            "handling": handling, "withheld_basis": withheld,
        })  # fmt: skip
        counts[ACCIDENTS.slug] += 1
        if withheld:
            services.record_submit(ACCIDENTS, record, by=staff.editor("应急局"))
            continue
        # the basic facts at once when the report is still being written; otherwise with the closed report
        lag = 45 if report else 2
        _publish(timeline, staff, ACCIDENTS, record, _at(calendar.due_date(day, lag).due_date, 17))
    return counts


# --- food and drug -------------------------------------------------------------------------------
