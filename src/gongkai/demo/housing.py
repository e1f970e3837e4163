"""The seed's housing year (§五.2): in 2015 the 住建局 published 20 items on 国有土地上房屋征收 and
保障性住房 — the allocation rules, the 广惠园 project of 202 廉租房, its intake, reviews, objections, the
public lottery that allocated it and the result, and two expropriations with their decisions,
compensation plans, valuation agencies and per-household results. Besides: the reviewed applicants
(masked in public), the households' compensation, and a recent 公租房 lottery still waiting for its draw.
The lottery is drawn with the real algorithm, so its draw.json verifies."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gongkai.core import workflow
from gongkai.core.models import Unit, User
from gongkai.housing.models import HousingProject
from gongkai.housing.types import APPLICANTS, COMPENSATIONS, EXPROPRIATION, NOTICES, PROJECTS
from gongkai.lottery import services as lottery_services
from gongkai.lottery.models import Lottery
from gongkai.lottery.types import LOTTERIES
from gongkai.records import services as records

from .county import TOWNSHIPS, staff_of
from .records import _id_number
from .timeline import Timeline

UNIT = "住建局"
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
)
GIVEN = ["建国", "志强", "海燕", "俊峰", "丽华", "文斌", "玉兰", "国栋", "晓红", "永明", "秀英", "卫东", "桂兰", "淑珍", "凤英", "秀兰", "海军", "建平", "爱民", "红梅", "雪梅", "金花", "玉梅", "永胜", "春生", "二虎", "兰", "英", "军", "平", "刚", "霞", "敏", "静", "强", "芳", "勇", "娟", "杰", "磊"]  # fmt: skip
APPLICANTS_2015 = 250  # reviewed; the 237 found eligible draw for 202 flats
LOW_INCOME, POOR = "低收入家庭", "低保家庭"
NOTARY = "岢岚县公证处公证员 高*"
PUBLIC_VALUE = "47219"  # the five digits the notary's ball machine drew on 2015-10-16


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


class _Writer:
    """Write a record as the 住建局's editor, approve it as its reviewer, publish it on the timeline."""

    def __init__(self, unit: Unit, timeline: Timeline) -> None:
        self.unit, self.timeline = unit, timeline
        users = {u.username: u for u in User.objects.filter(unit=unit)}
        self.editor, self.reviewer = users[staff_of(UNIT, "editor")], users[staff_of(UNIT, "reviewer")]
        self.count = 0

    def publish(self, record_type: Any, data: dict[str, Any], day: date, hour: int = 10) -> Any:
        item = records.record_create(record_type, by=self.editor, unit=self.unit, data=data)
        workflow.submit(item, by=self.editor)
        workflow.approve(item, by=self.reviewer)
        at = _at(day, hour)
        self.timeline.add(at, lambda: workflow.publish(item, by=self.reviewer, at=at, now=at))
        self.count += 1
        return item


def _expropriations(w: _Writer, rng: random.Random) -> int:
    """Two expropriations of 2015 (8 items) and their households' compensation."""
    households = 0
    for project, doc, scope, count, start in (
        (
            "城关镇西街棚户区改造项目",
            "岚政征〔2015〕1号",
            "西街以北、岚漪路以东、文化巷以西",
            46,
            date(2015, 4, 8),
        ),
        ("岚漪路拓宽改造工程", "岚政征〔2015〕2号", "岚漪路（宋长城路至北关桥段）两侧", 18, date(2015, 7, 6)),
    ):
        if project.startswith("城关镇"):
            w.publish(EXPROPRIATION, {
                "project": project, "kind": "plan", "title": f"{project}征收补偿方案（征求意见稿）", "notice_date": start,
                "scope": scope, "households": count,
                "body": "征求意见期限为30日。货币补偿按评估价值另加10%搬迁奖励；产权调换安置于广惠园北侧安置楼。",
            }, start)  # fmt: skip
        decision_day = start + timedelta(days=36)
        w.publish(EXPROPRIATION, {
            "project": project, "kind": "decision", "title": f"岢岚县人民政府关于{project}房屋征收的决定",
            "doc_no": doc, "notice_date": decision_day, "scope": scope, "households": count,
            "body": "为公共利益需要，依据《国有土地上房屋征收与补偿条例》，县人民政府决定征收上述范围内国有土地上的房屋。"
            "被征收人对本决定不服的，可以在60日内申请行政复议，或者在6个月内提起行政诉讼。",
        }, decision_day)  # fmt: skip
        w.publish(EXPROPRIATION, {
            "project": project, "kind": "plan", "title": f"{project}征收补偿方案", "notice_date": decision_day,
            "scope": scope, "households": count,
            "body": "补偿方式：货币补偿或产权调换，由被征收人选择。货币补偿按评估价值另加10%搬迁奖励；"
            "住宅临时安置费每月每平方米8元，搬迁费每户2000元。",
        }, decision_day, 11)  # fmt: skip
        agency_day = decision_day + timedelta(days=8)
        w.publish(EXPROPRIATION, {
            "project": project, "kind": "valuation", "title": f"{project}房地产价格评估机构选定结果",
            "notice_date": agency_day, "agency": "山西晋信房地产估价有限公司",
            "body": "经被征收人协商未果，于县公证处监督下在报名的3家评估机构中抽签选定。",
        }, agency_day)  # fmt: skip
        result_day = agency_day + timedelta(days=40)
        w.publish(EXPROPRIATION, {
            "project": project, "kind": "other", "title": f"{project}分户补偿情况公示", "notice_date": result_day,
            "households": count, "body": "各户补偿结果见“房屋征收分户补偿结果”，公示期15日。",
        }, result_day)  # fmt: skip
        for n in range(1, count + 1):
            area = Decimal(rng.randrange(4200, 13000)) / 100
            value = (area * rng.randrange(3300, 3900)).quantize(Decimal("1"))
            method = "money" if rng.random() < 0.6 else "exchange"
            paid = (value * Decimal("1.10")).quantize(Decimal("1")) + 2000
            w.publish(COMPENSATIONS, {
                "project": project, "household_no": f"{'XJ' if project.startswith('城关镇') else 'LY'}-{n:03d}",
                "owner": _name(rng), "owner_id_no": _id_number(rng),
                "location": f"岚漪镇{'西街' if project.startswith('城关镇') else '岚漪路'}{rng.randrange(1, 160)}号",
                "area": area, "valuation": value, "compensation": paid, "method": method, "decided_on": result_day,
            }, result_day, 12)  # fmt: skip
            households += 1
    return households


def _guanghuiyuan(w: _Writer, rng: random.Random) -> dict[str, int]:
    """广惠园: the year's plan and rules, project, intake, two reviews, objections, the lottery, its draw
    and the result (11 items)."""
    w.publish(NOTICES, {
        "kind": "other", "title": "岢岚县2015年保障性安居工程建设计划", "notice_date": date(2015, 2, 27),
        "body": "2015年全县计划完成广惠园廉租住房202套的竣工分配，开工棚户区改造安置住房120套。",
    }, date(2015, 2, 27))  # fmt: skip
    w.publish(NOTICES, {
        "kind": "rules", "title": "岢岚县保障性住房分配管理办法", "notice_date": date(2015, 3, 16),
        "body": "第一条 为规范保障性住房分配，根据《公共租赁住房管理办法》，结合本县实际，制定本办法。\n"
        "第九条 廉租住房实行轮候配租，房源少于符合条件的申请家庭时，公开摇号确定配租顺序，低保家庭优先。\n"
        "第十条 申请人名单、审核结果和分配结果向社会公示，公示期不少于5个工作日。",
    }, date(2015, 3, 16))  # fmt: skip
    w.publish(NOTICES, {
        "kind": "rules", "title": "岢岚县廉租住房申请条件和审核程序", "notice_date": date(2015, 3, 16),
        "body": "申请条件：具有本县城镇户籍；家庭人均月收入低于上年度城镇居民人均可支配收入的50%；"
        "家庭人均住房建筑面积低于15平方米。程序：申请、社区初审、乡镇复审并公示、住建局会同民政局审核并公示。",
    }, date(2015, 3, 16), 11)  # fmt: skip
    project = w.publish(PROJECTS, {
        "name": "广惠园廉租住房", "category": "low_rent", "location": "岢岚县岚漪镇广惠园小区", "units": 202,
        "floor_area": Decimal("10180.60"), "completed_on": date(2015, 5, 28), "announced_on": date(2015, 6, 5),
        "description": "共4栋，一居室（约45平方米）120套、两居室（约55平方米）82套，已竣工验收。",
    }, date(2015, 6, 5))  # fmt: skip
    w.publish(NOTICES, {
        "project": project, "kind": "intake", "title": "广惠园廉租住房申请受理公告", "notice_date": date(2015, 6, 8),
        "body": "受理时间：2015年6月10日至7月10日。受理地点：各社区居委会。",
    }, date(2015, 6, 8))  # fmt: skip
    entrants: list[tuple[str, str, str]] = []
    counts = {"housing applicants": 0}
    for n in range(1, APPLICANTS_2015 + 1):
        batch_day = date(2015, 8, 10) if n <= 140 else date(2015, 9, 1)
        group = POOR if rng.random() < 0.3 else LOW_INCOME
        eligible = n % 18 != 0  # 13 of 250 fall short of the conditions
        name = _name(rng)
        w.publish(APPLICANTS, {
            "project": project, "application_no": f"GHY-2015-{n:03d}", "name": name, "id_number": _id_number(rng),
            "household_size": rng.randrange(1, 6), "group": group, "township": rng.choice(TOWNSHIPS[:3]),
            "reviewed_on": batch_day, "outcome": "qualified" if eligible else "not_qualified",
        }, batch_day, 11)  # fmt: skip
        counts["housing applicants"] += 1
        if eligible:
            entrants.append((name, group, f"GHY-2015-{n:03d}"))
    for batch, day in ((1, date(2015, 8, 10)), (2, date(2015, 9, 1))):
        w.publish(NOTICES, {
            "project": project, "kind": "review", "title": f"广惠园廉租住房第{'一二'[batch - 1]}批申请家庭审核结果公示",
            "notice_date": day, "review_until": day + timedelta(days=7),
            "body": "名单见“保障性住房申请人公示”。对公示名单有异议的，请于公示期内向县住建局住房保障股反映。",
        }, day)  # fmt: skip
    w.publish(NOTICES, {
        "project": project, "kind": "objection", "title": "广惠园廉租住房审核公示异议处理结果", "notice_date": date(2015, 9, 18),
        "body": "公示期内收到异议3件：经入户调查，1户家庭有登记车辆、收入超标，取消资格；2件反映情况不实，维持原审核结果。",
    }, date(2015, 9, 18))  # fmt: skip
    # Priority group first; in each group the entrants keep their application order, numbered 001….
    ordered = [e for e in entrants if e[1] == POOR] + [e for e in entrants if e[1] == LOW_INCOME]
    lines = [f"{i:03d}|{name}|{group}" for i, (name, group, _no) in enumerate(ordered, start=1)]
    draw_at = _at(date(2015, 10, 16), 9)
    lottery = w.publish(LOTTERIES, {
        "title": "广惠园廉租住房配租摇号", "project": "广惠园廉租住房",
        "offered": "广惠园廉租住房 202 套（一居室 120 套、两居室 82 套）；中签顺序即选房顺序，其余为轮候",
        "places": 202, "groups": f"{POOR}\n{LOW_INCOME}", "entries": "\n".join(lines),
        "announced_on": date(2015, 9, 28), "draw_at": draw_at, "draw_place": "岢岚县政务服务中心一楼大厅（县公证处现场公证）",
    }, date(2015, 9, 28))  # fmt: skip
    result_day = date(2015, 10, 19)
    allocation = records.record_create(NOTICES, by=w.editor, unit=w.unit, data={
        "project": project, "kind": "allocation", "title": "广惠园廉租住房分配结果公告", "notice_date": result_day,
        "lottery": lottery,
        "body": "2015年10月16日在县公证处公证下公开摇号，202户家庭中签并按摇号顺序选房，其余35户轮候。"
        "摇号名单、公开随机数、秘密值和摇号顺序见公开摇号页面，任何人可下载摇号文件自行验证。",
    })  # fmt: skip

    def draw() -> None:
        entered = draw_at + timedelta(minutes=12)
        result = lottery_services.lottery_draw(
            lottery=lottery, public_value=PUBLIC_VALUE, witness=NOTARY, by=w.editor, now=entered
        )
        workflow.submit(result, by=w.editor, now=entered)
        workflow.approve(result, by=w.reviewer, now=entered)
        published = draw_at + timedelta(hours=3)
        workflow.publish(result, by=w.reviewer, at=published, now=published)
        workflow.submit(allocation, by=w.editor)
        workflow.approve(allocation, by=w.reviewer)
        at = _at(result_day)
        workflow.publish(allocation, by=w.reviewer, at=at, now=at)

    w.timeline.add(draw_at, draw)
    w.count += 2  # the draw's result and the allocation
    return counts


def _recent(w: _Writer, today: date, rng: random.Random) -> None:
    """A 公租房 project of this year whose lottery is announced and waits for its draw."""
    announced = today - timedelta(days=12)
    project = w.publish(PROJECTS, {
        "name": "阳光苑公共租赁住房", "category": "public_rental", "location": "岢岚县岚漪镇阳光苑小区", "units": 48,
        "floor_area": Decimal("2880"), "completed_on": today - timedelta(days=60), "announced_on": announced - timedelta(days=30),
        "description": "1栋，两居室48套，面向城镇中等偏下收入住房困难家庭、新就业职工。",
    }, announced - timedelta(days=30))  # fmt: skip
    lines = [f"{i:03d}|{_name(rng)}" for i in range(1, 61)]
    w.publish(LOTTERIES, {
        "title": "阳光苑公共租赁住房配租摇号", "project": project.name, "offered": "阳光苑公共租赁住房 48 套",
        "places": 48, "groups": "", "entries": "\n".join(lines), "announced_on": announced,
        "draw_at": _at(today + timedelta(days=8), 9), "draw_place": "岢岚县政务服务中心一楼大厅",
    }, announced)  # fmt: skip


def load_housing(today: date, timeline: Timeline) -> dict[str, int]:
    """Create the demo's housing records once, their publications on TIMELINE; return the counts."""
    if HousingProject.objects.exists():
        return {}
    rng = random.Random(2015)
    w = _Writer(Unit.objects.get(short_name=UNIT), timeline)
    households = _expropriations(w, rng)
    counts = _guanghuiyuan(w, rng)
    _recent(w, today, rng)
    lotteries = Lottery.objects.count()
    return {
        "housing records": w.count,
        "expropriated households": households,
        "lotteries": lotteries,
        **counts,
    }
