"""The county's land information: its place-name table (乡镇 → 村), the seed's 40 land items of 2015 (6
征地 projects with their announcements and hearing records, 5 parcels and 2 mining rights transferred, each
announced and awarded) and recent acquisitions, 东关村 in three projects. Everything is written by
the 自然资源局's editor, approved by its reviewer and published on the demo's timeline at its date."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gongkai.core import workflow
from gongkai.core.models import Unit, User
from gongkai.land import services
from gongkai.land.models import Acquisition, Place
from gongkai.land.types import ACQUISITIONS, LAND_TRANSFERS, MINING_RIGHTS, NOTICES
from gongkai.records import services as records
from gongkai.records.registry import RecordType

from .companies import COMPANIES
from .county import staff_of
from .timeline import Timeline

UNIT = "自然资源局"
# (township, its 区划代码, villages): the county's 2 towns and 9 townships. 东沟村 is in two of them.
PLACES = [
    (
        "岚漪镇",
        "140929100",
        ["城关社区", "东关村", "西关村", "南关村", "北道坡村", "荆条会村", "窑子坡村", "乔家湾村"],
    ),
    ("三井镇", "140929101", ["三井村", "吴家庄村", "沟门村", "野鸡山村", "庄儿上村"]),
    ("神堂坪乡", "140929200", ["神堂坪村", "阎家坪村", "马跑泉村", "郭家沟村"]),
    ("高家会乡", "140929201", ["高家会村", "西会村", "李家湾村", "大塔村"]),
    ("李家沟乡", "140929202", ["李家沟村", "化林村", "吴家沟村"]),
    ("水峪贯乡", "140929203", ["水峪贯村", "东沟村", "王家坪村"]),
    ("西豹峪乡", "140929204", ["西豹峪村", "前豹峪村", "阳湾村"]),
    ("王家岔乡", "140929205", ["王家岔村", "梁家会村", "曹家岔村"]),
    ("阳坪乡", "140929206", ["阳坪村", "大庙村", "横岭村"]),
    ("大涧乡", "140929207", ["大涧村", "大沟村", "小涧村"]),
    ("宋家沟乡", "140929208", ["宋家沟村", "甘钦村", "长崖子村", "东沟村"]),
]
SOCIAL_SECURITY = (
    "被征地农民纳入城乡居民基本养老保险，按人均不低于征地补偿费的20%从土地出让收入中安排社会保障资金，"
    "存入被征地农民社会保障专户，不足部分由县财政兜底；符合条件的劳动年龄人员免费参加职业技能培训。"
)
COMPENSATION = (
    "青苗补偿费：耕地按1200元/亩一次性补偿；地上附着物：按县政府《征地地上附着物补偿标准》据实补偿。"
)
COMPENSATION_2025 = (
    "青苗补偿费：耕地1500元/亩；林木按《山西省征收土地地上附着物和青苗补偿标准》分类补偿；"
    "农村村民住宅：按重置价格结合成新给予补偿，另给予搬迁费和过渡费。"
)
# (code, title, township, villages, groups, areas (耕地, 其他农用地, 林地, 建设用地, 未利用地), purpose,
#  zone price, resettlement, started, approval no., approved, hearing held)
ACQUISITIONS_2015 = [
    (
        "KLZD-2015-01",
        "岢岚县2015年度第一批次城镇建设用地",
        "岚漪镇",
        ["东关村", "南关村"],
        "东关村一组、二组；南关村三组",
        (86.4, 6.2, 0, 4.1, 2.3),
        "城镇住宅和公共服务设施建设",
        24600,
        "货币安置",
        date(2015, 1, 19),
        "晋政地字〔2015〕112号",
        date(2015, 4, 16),
        True,
    ),
    (
        "KLZD-2015-02",
        "岢岚县2015年度第二批次城镇建设用地",
        "岚漪镇",
        ["西关村", "北道坡村"],
        "西关村四组；北道坡村一组",
        (52.7, 3.5, 8.2, 0, 1.6),
        "城区道路和市政基础设施建设",
        24600,
        "货币安置",
        date(2015, 3, 9),
        "晋政地字〔2015〕187号",
        date(2015, 6, 2),
        False,
    ),
    (
        "KLZD-2015-03",
        "岢岚县经济技术开发区（三井园区）建设用地",
        "三井镇",
        ["三井村", "吴家庄村"],
        "三井村二组、五组；吴家庄村",
        (143.5, 12.8, 22.4, 3.0, 9.7),
        "工业园区建设（农产品加工、建材）",
        19800,
        "货币安置，另对失地较多的农户优先安排园区就业",
        date(2015, 2, 27),
        "晋政地字〔2015〕203号",
        date(2015, 6, 25),
        True,
    ),
    (
        "KLZD-2015-04",
        "宋家沟乡易地扶贫搬迁集中安置点建设用地",
        "宋家沟乡",
        ["宋家沟村", "长崖子村"],
        "宋家沟村一组",
        (38.2, 2.1, 0, 6.5, 0.8),
        "易地扶贫搬迁集中安置点及配套设施建设",
        16500,
        "货币安置，搬迁户在安置点分配住房",
        date(2015, 4, 7),
        "晋政地字〔2015〕266号",
        date(2015, 7, 28),
        False,
    ),
    (
        "KLZD-2015-05",
        "岢岚至五寨二级公路岢岚段建设用地",
        "高家会乡",
        ["高家会村", "西会村"],
        "高家会村三组；西会村一组、二组",
        (61.9, 4.4, 15.3, 1.2, 5.5),
        "公路建设（省道）",
        16500,
        "货币安置",
        date(2015, 5, 11),
        "晋政地字〔2015〕301号",
        date(2015, 8, 20),
        False,
    ),
    (
        "KLZD-2015-06",
        "岢岚县第二污水处理厂建设用地",
        "岚漪镇",
        ["窑子坡村"],
        "窑子坡村二组",
        (18.6, 1.3, 0, 0, 2.1),
        "城镇污水处理设施建设",
        24600,
        "货币安置",
        date(2015, 6, 15),
        "晋政地字〔2015〕356号",
        date(2015, 9, 10),
        False,
    ),
]
ACQUISITIONS_RECENT = [
    (
        "KLZD-2025-02",
        "岢岚县2025年度第二批次城镇建设用地",
        "岚漪镇",
        ["东关村", "乔家湾村"],
        "东关村三组、四组；乔家湾村一组",
        (47.3, 3.9, 2.6, 5.8, 1.1),
        "保障性住房和城区学校扩建",
        32300,
        "货币安置或产权调换（安置房位于东关安置小区），由被征收户选择",
        date(2025, 9, 8),
        "晋政地字〔2026〕38号",
        date(2026, 2, 26),
        True,
    ),
    (
        "KLZD-2026-01",
        "岢岚县城区东环路改扩建工程建设用地",
        "岚漪镇",
        ["东关村", "城关社区", "荆条会村"],
        "东关村五组；荆条会村二组",
        (22.5, 1.7, 3.4, 2.2, 0),
        "城市道路建设",
        32300,
        "货币安置",
        date(2026, 10, 19),
        "",
        None,
        False,
    ),
    (
        "KLZD-2026-02",
        "宋家沟乡甘钦村光伏发电项目升压站建设用地",
        "宋家沟乡",
        ["甘钦村"],
        "甘钦村一组",
        (6.8, 0, 4.5, 0, 12.3),
        "新能源（光伏发电）配套设施",
        21500,
        "货币安置",
        date(2026, 4, 13),
        "晋政地字〔2026〕121号",
        date(2026, 8, 4),
        False,
    ),
]
# (parcel no., township, location, use, area m², term, method, starting price and deal price in 10,000 yuan,
#  company index, announced)
PARCELS_2015 = [
    (
        "KL2015-01",
        "岚漪镇",
        "岚漪镇宋长城路南侧、东关村以西",
        "residential",
        12860,
        70,
        "listing",
        1350,
        1480,
        2,
        date(2015, 3, 23),
    ),
    (
        "KL2015-02",
        "三井镇",
        "三井园区纬一路北侧",
        "industrial",
        33350,
        50,
        "listing",
        512,
        512,
        3,
        date(2015, 7, 20),
    ),
    (
        "KL2015-03",
        "三井镇",
        "三井园区经二路东侧",
        "industrial",
        20010,
        50,
        "listing",
        306,
        318,
        5,
        date(2015, 8, 17),
    ),
    (
        "KL2015-04",
        "岚漪镇",
        "岚漪镇文化路与岚漪路交叉口东北角",
        "commercial",
        4620,
        40,
        "auction",
        596,
        688,
        0,
        date(2015, 9, 14),
    ),
    (
        "KL2015-05",
        "岚漪镇",
        "岚漪镇南关村以北、滨河路西侧",
        "storage",
        8760,
        50,
        "listing",
        145,
        145,
        7,
        date(2015, 10, 26),
    ),
]
PARCELS_RECENT = [
    (
        "KL2026-03",
        "岚漪镇",
        "岚漪镇东环路西侧、东关安置小区以北",
        "residential",
        15320,
        70,
        "listing",
        2760,
        2895,
        2,
        date(2026, 6, 15),
    ),
    (
        "KL2026-07",
        "三井镇",
        "三井园区纬三路南侧",
        "industrial",
        26680,
        50,
        "listing",
        468,
        None,
        6,
        date(2026, 11, 23),
    ),
]
# (right no., type, mineral, township, location, area km², term, method, start, deal, company, announced, reserves)
MINES_2015 = [
    (
        "KLKQ-2015-01",
        "mining",
        "建筑石料用灰岩",
        "三井镇",
        "三井镇野鸡山村北",
        "0.1865",
        10,
        "listing",
        220,
        265,
        1,
        date(2015, 5, 25),
        "保有资源量 328 万吨",
    ),
    (
        "KLKQ-2015-02",
        "exploration",
        "铁矿",
        "王家岔乡",
        "王家岔乡曹家岔村一带",
        "4.2300",
        3,
        "listing",
        86,
        92,
        1,
        date(2015, 11, 9),
        "",
    ),
]
METHODS = {"listing": "挂牌", "auction": "拍卖", "tender": "招标", "agreement": "协议"}


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def load_places() -> int:
    """The county's townships and villages (idempotent); return how many were created."""
    created = 0
    for township, code, villages in PLACES:
        parent, new = services.place_save(by=None, code=code, name=township, kind=Place.Kind.TOWNSHIP)
        created += new
        for n, name in enumerate(villages, start=1):
            kind = Place.Kind.VILLAGE
            village_code = f"{code}{(0 if name.endswith('社区') else 200) + n:03d}"
            created += services.place_save(by=None, code=village_code, name=name, kind=kind, parent=parent)[1]
    return created


class _Writer:
    """Drafts, reviews and schedules each item on the timeline (published as of its own date)."""

    def __init__(self, today: date, timeline: Timeline) -> None:
        self.today, self.timeline = today, timeline
        self.unit = Unit.objects.get(short_name=UNIT)
        self.editor = User.objects.get(username=staff_of(UNIT, "editor"))
        self.reviewer = User.objects.get(username=staff_of(UNIT, "reviewer"))
        self.count = 0

    def add(self, record_type: RecordType, day: date, hour: int, data: dict[str, Any],
            villages: list[Place] | None = None) -> Any:  # fmt: skip
        """Write, review and schedule one item (a project with VILLAGES) unless DAY is still to come."""
        if day > self.today:
            return None
        if villages is not None:
            item = services.acquisition_create(by=self.editor, unit=self.unit, data=data, villages=villages)
        else:
            item = records.record_create(record_type, by=self.editor, unit=self.unit, data=data)
        workflow.submit(item, by=self.editor)
        workflow.approve(item, by=self.reviewer)
        at = _at(_weekday(day), hour)
        self.timeline.add(at, lambda: workflow.publish(item, by=self.reviewer, at=at, now=at))
        self.count += 1
        return item


def _acquisition(writer: _Writer, row: tuple[Any, ...], places: dict[tuple[str, str], Place]) -> int:
    (code, title, township, villages, groups, areas, purpose, price, resettle, started, approval_no,
     approved, hearing) = row  # fmt: skip
    done = approved is not None and approved + timedelta(days=150) <= writer.today
    stage = "planned" if approved is None else ("completed" if done else "implementing")
    names = "、".join(villages)
    data = {
        "code": code, "title": title, "started_on": started, "approval_no": approval_no,
        "authority": "山西省人民政府" if approval_no else "", "approved_on": approved,
        "township": places[("", township)], "groups": groups, "purpose": purpose, "zone_price": Decimal(price),
        "compensation": COMPENSATION if started.year == 2015 else COMPENSATION_2025, "resettlement": resettle,
        "social_security": SOCIAL_SECURITY, "stage": stage,
        **{name: Decimal(str(v)) for name, v in zip(Acquisition.AREAS, areas, strict=True)},
    }  # fmt: skip
    chosen = [places[(township, v)] for v in villages]
    acquisition = writer.add(ACQUISITIONS, started, 9, data, villages=chosen)
    if acquisition is None:
        return 0
    total = sum(Decimal(str(v)) for v in areas)
    area = f"{total:.2f}亩（耕地{areas[0]}亩）"

    def notice(kind: str, day: date, title: str, body: str) -> None:
        writer.add(NOTICES, day, 10, {"acquisition": acquisition, "kind": kind, "title": f"{title}（{code}）",
                                      "notice_date": day, "body": body})  # fmt: skip

    notice("start", started, f"关于{title}拟征收土地的公告",
           f"因{purpose}需要，拟征收{township}{names}集体土地{area}。自公告之日起，在拟征收范围内抢栽抢建的，"
           "不予补偿。对拟征收土地现状调查结果有异议的，请于公告之日起10个工作日内向县自然资源局反映。")  # fmt: skip
    if hearing:
        notice("hearing", started + timedelta(days=24), f"{title}征地听证会记录",
               f"县自然资源局应{names}部分村民申请举行听证会，村民代表就区片综合地价、青苗补偿和安置方式发表意见，"
               "经听证，补偿标准按区片综合地价执行，对地上附着物补偿清单中漏登的3户予以补登。")  # fmt: skip
    if approved is None:
        plan_day = started + timedelta(days=30)
        notice("plan", plan_day, f"{title}征地补偿安置方案公告",
               f"区片综合地价{price}元/亩；{resettle}。被征地农村集体经济组织、农村村民对方案有异议的，"
               "可于公告之日起30日内提出；过半数不同意的，县人民政府将组织听证。")  # fmt: skip
        return 1
    steps = [
        ("implement", approved + timedelta(days=12), f"{title}征收土地公告",
         f"经山西省人民政府{approval_no}批准，征收{township}{names}集体土地{area}，用于{purpose}。"
         "请被征收土地的所有权人、使用权人在公告之日起15日内持土地权属证书到县自然资源局办理征地补偿登记。"),
        ("plan", approved + timedelta(days=33), f"{title}征地补偿安置方案公告",
         f"区片综合地价{price}元/亩；{COMPENSATION if started.year == 2015 else COMPENSATION_2025}安置方式：{resettle}。"
         f"社会保障：{SOCIAL_SECURITY}"),
        ("result", approved + timedelta(days=120), f"{title}征地补偿安置结果公示",
         f"征地补偿费已足额支付至{names}村集体经济组织和被征地农户账户，被征地农民社会保障资金已划入专户。"),
    ]  # fmt: skip
    if started.year == 2015 or not done:  # the seed's 2015 items: the start, implementation and plan notices
        steps = steps[:2]
    for kind, day, title_, body in steps:
        notice(kind, day, title_, body)
    return 1


def _transfer(writer: _Writer, record_type: RecordType, announced: date, number: tuple[str, str],
              data: dict[str, Any], deal: Any, company: int, days: int) -> None:  # fmt: skip
    name, uscc = COMPANIES[company]
    title = data.pop("title")
    writer.add(record_type, announced, 11, {**data, number[0]: number[1], "kind": "announcement",
                                            "title": f"{title}出让公告", "notice_date": announced})  # fmt: skip
    if deal is None:
        return
    done = announced + timedelta(days=days)
    writer.add(record_type, done, 11, {
        **data, number[0]: number[1], "kind": "result", "title": f"{title}出让结果公示", "notice_date": done,
        "deal_price": Decimal(deal), "winner": name, "winner_uscc": uscc,
    })  # fmt: skip


def load_land(today: date, timeline: Timeline) -> dict[str, int]:
    """The place names (always) and, once, the land records; return what was created."""
    counts = {"places": load_places()}
    if Acquisition.objects.exists():
        return counts
    places = {(p.parent.name if p.parent else "", p.name): p for p in Place.objects.select_related("parent")}
    writer = _Writer(today, timeline)
    counts["land acquisitions"] = sum(
        _acquisition(writer, row, places) for row in [*ACQUISITIONS_2015, *ACQUISITIONS_RECENT]
    )
    for parcel, township, where, use, area, term, method, start, deal, company, announced in [
        *PARCELS_2015,
        *PARCELS_RECENT,
    ]:
        label = dict(LAND_TRANSFERS.model._meta.get_field("use").flatchoices)[use]
        data = {
            "title": f"{where}{label}国有建设用地使用权（{parcel}）", "township": places[("", township)],
            "location": where, "use": use, "area_m2": Decimal(area), "term_years": term, "method": method,
            "starting_price": Decimal(start), "body": f"本宗地以{METHODS[method]}方式出让，竞买保证金为起始价的20%。",
        }  # fmt: skip
        _transfer(writer, LAND_TRANSFERS, announced, ("parcel_no", parcel), data, deal, company, 24)
    for (
        number,
        kind,
        mineral,
        township,
        where,
        area,
        term,
        method,
        start,
        deal,
        company,
        announced,
        reserves,
    ) in MINES_2015:
        label = "采矿权" if kind == "mining" else "探矿权"
        data = {
            "title": f"{where}{mineral}{label}（{number}）", "township": places[("", township)], "location": where,
            "right_type": kind, "mineral": mineral, "area_km2": Decimal(area), "term_years": term, "method": method,
            "starting_price": Decimal(start), "reserves": reserves,
            "body": f"本{label}以{METHODS[method]}方式出让，竞买人须具备相应的开采（勘查）资质和资金能力。",
        }  # fmt: skip
        _transfer(writer, MINING_RIGHTS, announced, ("right_no", number), data, deal, company, 30)
    counts["land items"] = writer.count
    return counts
