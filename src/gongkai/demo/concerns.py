"""A year of public concerns (and a handful from 2015, the seed's year): messages of every kind from the
message box and the 12345 hotline, 舆情 the office logged, in every state — answered on time and late,
still open, overdue and escalated, one nearing the census's three months, invalid ones — the answers
their askers agreed to publish going out as 问答, and search queries counted per day. Today carries a
planted burst (a water cut in 岚漪镇) that the hotspot view shows."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from gongkai.concerns import services
from gongkai.concerns.models import Concern, QueryDay
from gongkai.core import workflow
from gongkai.core.models import Unit, User

from .companies import COMPANIES
from .county import GIVEN, SURNAMES, staff_of
from .timeline import Timeline

# (unit, kind, title, body, answer, search words people use for it)
TOPICS = [
    ("住建局", "consult", "城区集中供暖什么时候开始", "请问今年岚漪镇城区集中供暖从哪天开始？老旧小区能否提前供热？",
     "根据《岢岚县城市供热管理办法》，城区集中供暖期为每年11月1日至次年3月31日，遇气温偏低时经县政府批准可提前供热。", "供暖"),
    ("住建局", "complain", "小区暖气不热", "我家住在城区某小区六楼，暖气温度一直达不到18度，多次找物业无果。",
     "县供热公司已派人入户检测，更换了单元阀门，室温已恢复至20度以上。", "暖气不热"),
    ("民政局", "consult", "农村低保怎么申请", "家里老人没有收入，想了解农村最低生活保障的申请条件和办理流程。",
     "申请农村低保由本人向户籍所在地乡镇人民政府提出书面申请，经入户调查、民主评议和公示后由县民政局审批，具体条件见县民政局公开的办事指南。", "低保"),
    ("民政局", "suggest", "建议增加社区老年食堂", "城区老人越来越多，建议在每个社区开设老年助餐点。",
     "感谢建议。县民政局已将社区老年助餐点纳入明年养老服务体系建设计划，首批拟在3个社区试点。", "老年食堂"),
    ("人社局", "complain", "工地拖欠农民工工资", "我在{company}承建的项目干了四个月，工资至今未结清。",
     "县人社局劳动保障监察大队已责令用工单位限期支付，拖欠工资已全部发放到位。", "拖欠工资"),
    ("人社局", "consult", "灵活就业人员养老保险怎么缴", "个体户想交城乡居民养老保险还是职工养老保险，怎么办理？",
     "灵活就业人员可在县社保中心窗口或“民生山西”APP办理企业职工基本养老保险参保登记，缴费基数可在规定范围内自选。", "养老保险"),
    ("交通局", "suggest", "建议开通到三井镇的公交", "三井镇群众进城看病不方便，建议开通城区至三井镇的公交线路。",
     "县交通局已会同客运企业开展线路调研，计划明年开通城区至三井镇的城乡公交。", "公交"),
    ("城管局", "complain", "南关街路灯不亮", "南关街一段路灯已经坏了半个月，晚上出行很不安全。",
     "县城管局已于次日完成线路检修，路灯恢复正常照明。", "路灯"),
    ("市场监管局", "complain", "饭店食品卫生问题", "在{company}就餐后身体不适，怀疑食材不新鲜。",
     "县市场监管局已对该店进行现场检查，责令整改并依法立案调查，调查结果将依法公示。", "食品安全"),
    ("行政审批局", "consult", "个体工商户营业执照网上能办吗", "想开一家小超市，营业执照可以在网上办理吗？需要什么材料？",
     "可通过山西政务服务网办理个体工商户设立登记，材料齐全的即时办结，也可到县政务服务中心窗口办理。", "营业执照"),
    ("自然资源局", "consult", "不动产证办理需要多长时间", "买的二手房办理不动产登记需要多长时间？",
     "二手房转移登记材料齐全的，县不动产登记中心在5个工作日内办结。", "不动产登记"),
    ("林业局", "consult", "退耕还林补助什么时候发", "今年的退耕还林补助资金什么时候发放到户？",
     "今年退耕还林补助资金已下达，将于本月底前通过“一卡通”发放到户。", "退耕还林"),
    ("卫体局", "suggest", "建议延长县医院夜间门诊", "县医院夜间只有急诊，建议开设夜间普通门诊。",
     "县卫体局已协调县人民医院自下月起试行夜间门诊至晚9点。", "夜间门诊"),
    ("县政府办", "consult", "羊产业扶持政策怎么申请", "想了解《岢岚县扶持羊产业发展十条措施》的补贴怎么申请。",
     "请向所在乡镇农业综合服务中心申报，县农业农村局审核后兑现，具体标准见岢政发〔2015〕12号及其政策解读。", "羊十条"),
]  # fmt: skip
BURST = (
    "住建局", "consult", "岚漪镇停水什么时候恢复",
    "今天早上起岚漪镇{place}一带停水，没有提前通知，请问什么时候恢复供水？",
    "因主供水管道突发爆裂，县供水公司正在抢修，预计今晚8时前恢复供水，期间在{place}设临时送水点。",
)  # fmt: skip
PLACES = ["南关街", "北关街", "东街社区", "西街社区", "广惠园小区", "岚漪花园", "文化路", "城关中学附近"]
STAFF_HOUR = 9


def _person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(SURNAMES) + rng.choice(GIVEN), f"13{rng.randint(4, 9)}{rng.randint(0, 99999999):08d}"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def load_concerns(today: date, timeline: Timeline) -> dict[str, int]:
    """Build the demo's concerns once; later calls add nothing."""
    counts = {"concerns": 0, "concern answers published": 0, "search query days": 0}
    if Concern.objects.exists():
        return counts
    rng = random.Random(2026)
    units = {u.short_name: u for u in Unit.objects.all()}
    staff = {u.username: u for u in User.objects.all()}
    office = staff["office"]

    def one(
        topic: tuple[str, ...], received_at: datetime, *, state: str, channel: str = "portal", kind: str = ""
    ) -> Concern:
        short, topic_kind, title, body, answer = topic[:5]
        company = rng.choice(COMPANIES)[0]
        place = rng.choice(PLACES)
        name, phone = _person(rng)
        unit = units[short]
        text = body.format(company=company, place=place)
        if rng.random() < 0.3:
            text += f"我的电话{phone}，{name}。"  # askers often sign: the guard removes it before publishing
        concern, _code = services.concern_submit(
            kind=topic_kind, title=title, body=text, name=name, phone=phone, consent=rng.random() < 0.7,
            channel=channel, source_id=f"GD{received_at:%Y%m%d}{counts['concerns']:04d}" if channel == "hotline" else "",
            received_at=received_at,
        )  # fmt: skip
        counts["concerns"] += 1
        if state == "received":
            return concern
        if state == "invalid":
            return services.concern_invalidate(concern=concern, reason="内容与政务无关（广告）", by=office)
        concern = services.concern_assign(
            concern=concern,
            unit=unit,
            kind=kind or None,
            by=office,
            now=min(received_at + timedelta(hours=1), timezone.now()),
        )
        if state == "assigned":
            return concern
        late = state == "late"
        answered_at = (
            concern.due_at + timedelta(days=3)
            if late
            else received_at + (concern.due_at - received_at) * rng.uniform(0.1, 0.8)
        )
        editor = staff[staff_of(short, "editor")]
        concern = services.concern_answer(
            concern=concern,
            answer=answer.format(place=place),
            by=editor,
            now=min(answered_at, timezone.now()),
        )
        if concern.consent and concern.kind in ("consult", "suggest", "complain"):
            record = services.concern_publish_qa(concern=concern, by=editor)
            reviewer = staff[staff_of(short, "reviewer")]
            workflow.submit(record, by=editor)
            workflow.approve(record, by=reviewer)
            at = min(concern.answered_at + timedelta(days=1), timezone.now())
            timeline.add(at, lambda: workflow.publish(record, by=reviewer, at=at, now=at))
            counts["concern answers published"] += 1
        return concern

    # 2015, the seed's year: answered messages, some published as 问答
    for i in range(12):
        day = date(2015, 3, 2) + timedelta(days=25 * i)
        one(TOPICS[i % len(TOPICS)], _at(day, 10), state="answered")
    # the past year, about three a week, every kind and state
    start = today - timedelta(days=365)
    for n in range(160):
        day = start + timedelta(days=int(n * 360 / 160))
        age = (today - day).days
        state = "answered"
        if age < 4:
            state = rng.choice(["received", "assigned"])
        elif n % 23 == 0:
            state = "invalid"
        elif n % 17 == 0:
            state = "late"
        channel = "hotline" if n % 3 == 0 else "portal"
        one(TOPICS[n % len(TOPICS)], _at(day, 8 + n % 9, n % 60), state=state, channel=channel)
    # open and overdue (escalated), and one nearing the census's three months
    for days_ago in (9, 12):
        one(TOPICS[1], _at(today - timedelta(days=days_ago), 15), state="assigned")
    one(TOPICS[4], _at(today - timedelta(days=70), 11), state="assigned")
    # 舆情 the office logged, and a major incident answered within its 5 hours
    one(TOPICS[8], _at(today - timedelta(days=40), 9), state="answered", channel="other", kind="opinion")
    one(TOPICS[11], _at(today - timedelta(days=2), 16), state="assigned", channel="other", kind="opinion")
    incident = ("应急局", "consult", "三井镇山火情况", "网上有视频称三井镇发生山火，情况如何？",
                "三井镇一处林地发生火情，已于当日扑灭，无人员伤亡，过火面积约2亩，原因正在调查。")  # fmt: skip
    one(incident, _at(today - timedelta(days=60), 13), state="answered", channel="other", kind="incident")
    services.concerns_escalate(now=timezone.now())
    # today's planted burst: many messages about the same water cut
    for i in range(9):
        one(
            BURST,
            _at(today, 7, 5 * i),
            state="received" if i % 3 else "assigned",
            channel="hotline" if i % 2 else "portal",
        )
    counts["search query days"] = _queries(rng, today)
    return counts


def _queries(rng: random.Random, today: date) -> int:
    """Search queries per day for the past 60 days at steady rates, and today's burst of 停水."""
    words = [t[5] for t in TOPICS] + ["三公经费", "政府信息公开申请", "招聘", "预算公开", "县城总体规划"]
    rows = []
    for back in range(60, -1, -1):
        day = today - timedelta(days=back)
        for n, word in enumerate(words):
            count = sum(rng.random() < (1 + n % 5) / 8 for _t in range(8))
            if count:
                rows.append(QueryDay(day=day, query=word, count=count))
    rows += [QueryDay(day=today, query="停水", count=34), QueryDay(day=today, query="岚漪镇停水", count=12)]
    QueryDay.objects.bulk_create(rows)
    return len(rows)
