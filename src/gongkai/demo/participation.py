"""The county's consultations on drafts: the seed's 县城总体规划 in three rounds (2015) with its hearing,
its seat draw and its expert review; recent drafts of several units open, closed with their 意见采纳情况,
closed without one (the office's reminder), and one still to open. Comments are written by paragraph;
every step joins the demo's timeline at the moment it happened."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from gongkai.core import workflow
from gongkai.core.models import Unit, User
from gongkai.participation import services
from gongkai.participation.models import Consultation, Hearing

from .county import staff_of
from .timeline import Timeline

PLAN_DRAFT = """第一章　总则
第一条　为统筹岢岚县城发展，合理利用土地和空间资源，依据《中华人民共和国城乡规划法》，编制本规划。

第二条　规划期限为2015年至2030年，近期至2020年。规划区范围为岚漪镇行政辖区及宋家沟乡部分区域，面积约58平方公里。

第三条　县城性质为晋西北生态文化旅游县城，全县政治、经济、文化中心。

第二章　规模与布局
第四条　至2030年，县城人口规模控制在8万人以内，建设用地控制在9.6平方公里以内。

第五条　县城形成“一河两岸、三片区”的空间结构：岚漪河两岸为生态景观带，老城区、东部新区和南部产业区各有分工。

第六条　保护宋长城遗址和古城墙遗存，老城区新建建筑高度不超过18米。

第三章　设施与实施
第七条　规划新建城区供热站一座、污水处理厂扩建一期，建设岚漪河滨河公园。

第八条　本规划经县人民代表大会常务委员会审议后，报市人民政府批准实施。"""

ROUND_CHANGES = {
    2: (
        "第二条",
        "规划区范围为岚漪镇行政辖区及宋家沟乡部分区域，面积约52平方公里（较第一轮征求意见稿缩减6平方公里，不再纳入基本农田集中区）。",
    ),
    3: ("第六条", "保护宋长城遗址和古城墙遗存，老城区新建建筑高度不超过15米，文物保护范围内不得新建建筑。"),
}

# (unit, title, days from today to open, days open, moderation, major, draft paragraphs, comments)
RECENT = [
    (
        "民政局",
        "岢岚县困难群众临时救助实施办法（征求意见稿）",
        -17,
        31,
        "post",
        False,
        [
            "第一条　为及时解决群众遭遇的突发性、紧迫性、临时性基本生活困难，制定本办法。",
            "第二条　临时救助对象为因火灾、交通事故等意外事件或家庭成员突发重大疾病导致基本生活暂时出现严重困难的家庭或个人。",
            "第三条　救助标准一般不超过当地城乡低保月标准的6倍；情况特殊的，经县民政局审批可适当提高。",
            "第四条　乡镇人民政府应当在受理申请后5个工作日内完成审核，急难情形可先行救助。",
        ],
        [
            (2, "建议把“突发重大疾病”的范围写清楚，慢性病急性发作算不算？"),
            (3, "6倍标准偏低，大病家庭一次治疗就要好几万，建议提高到12倍。"),
            (4, "先行救助很好，建议写明先行救助后补办手续的时限。"),
            (None, "整体赞成，希望在村委会公示栏也张贴本办法。"),
            (3, "我叫王秀英，电话13934561234，家里老人住院急需救助，请联系我。"),
        ],
    ),
    (
        "城管局",
        "岢岚县城区养犬管理规定（征求意见稿）",
        -12,
        36,
        "pre",
        True,
        [
            "第一条　为规范城区养犬行为，保障公民人身安全和环境卫生，制定本规定。",
            "第二条　本规定适用于县城建成区。重点管理区内每户限养一只犬。",
            "第三条　携犬出户应当束犬链，犬链长度不超过1.5米，并及时清除犬只排泄物。",
            "第四条　禁止在重点管理区内饲养烈性犬、大型犬。已饲养的，应当在本规定施行后六个月内妥善处置。",
        ],
        [
            (2, "每户限养一只是否考虑已经养两只的家庭？建议老犬老办法。"),
            (4, "大型犬的标准请附体高体长表，不然执行起来会有争议。"),
            (None, "支持出台，小区里狗粪太多了。"),
        ],
    ),
    (
        "交通局",
        "岢岚县农村公路养护管理办法（征求意见稿）",
        -60,
        31,
        "post",
        False,
        [
            "第一条　为加强农村公路养护管理，保持路况良好，制定本办法。",
            "第二条　县道由县交通运输局负责养护，乡道、村道由乡镇人民政府负责养护。",
            "第三条　养护资金按照县道每公里每年1万元、乡道0.5万元、村道0.3万元的标准列入预算。",
        ],
        [(2, "村道养护乡镇没有专人，建议明确村级护路员。"), (3, "村道0.3万元太少，冬季除雪费用就不够。")],
    ),
    (
        "卫体局",
        "岢岚县全民健身设施管理办法（征求意见稿）",
        -120,
        30,
        "post",
        False,
        [
            "第一条　为加强全民健身设施管理，方便群众就近健身，制定本办法。",
            "第二条　公共体育场馆每周开放时间不少于35小时，全民健身日免费开放。",
            "第三条　健身路径由所在社区或村民委员会负责日常管理，县卫体局负责维修更换。",
        ],
        [
            (2, "建议学校操场在节假日向社会开放。"),
            (2, "每周35小时太少，早晚锻炼的人多。"),
            (3, "健身器材坏了找谁报修？请公布电话。"),
            (None, "希望增加老年人适用的器材。"),
        ],
    ),
    (
        "发改局",
        "岢岚县公共停车收费管理办法（征求意见稿）",
        8,
        30,
        "pre",
        True,
        [
            "第一条　为规范公共停车收费行为，制定本办法。",
            "第二条　城区道路停车泊位实行政府定价，首小时内免费。",
            "第三条　收费标准调整应当听取社会意见，必要时举行价格听证。",
        ],
        [],
    ),
]
TOPICS_RECENT = {
    "岢岚县全民健身设施管理办法（征求意见稿）": (
        "共收到意见9条，主要集中在开放时间、学校场地开放和器材维修三个方面。",
        [
            ("延长公共体育场馆开放时间", 4, "adopted", ""),
            ("学校体育场地节假日向社会开放", 3, "partly", "先在两所城区学校试点，总结后推广。"),
            (
                "增加老年人健身器材",
                2,
                "not_adopted",
                "器材配置由年度全民健身计划统筹安排，不在本办法中规定。",
            ),
        ],
        9,
        7,
    ),
}


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _publish(item: Consultation, editor: User, reviewer: User, at: datetime) -> Callable[[], object]:
    def run() -> None:
        submitted = workflow.submit(item, by=editor, now=at)
        approved = workflow.approve(submitted, by=reviewer, now=at)
        workflow.publish(approved, by=reviewer, at=at, now=at)

    return run


def _comments(
    timeline: Timeline,
    item: Consultation,
    comments: list[tuple[int | None, str]],
    reviewer: User,
    start: date,
) -> None:
    paragraphs = {p.position: p.pk for p in item.paragraphs.all()}
    for n, (position, body) in enumerate(comments):
        at = _at(start + timedelta(days=1 + n * 2), 10 + n % 8)

        def run(position: int | None = position, body: str = body, at: datetime = at, n: int = n) -> None:
            comment = services.comment_submit(
                item, body=body, client=f"demo-reader-{item.pk}-{n}",
                paragraph=paragraphs.get(position) if position else None, now=at,
            )  # fmt: skip
            if comment.status == "pending" and not comment.findings:
                services.comment_moderate(comment, by=reviewer, publish=True, now=at + timedelta(hours=3))
            if n == 0:
                reply = "感谢您的意见，我们将在修改稿中予以研究。"
                services.comment_reply(comment, by=reviewer, text=reply, now=at + timedelta(days=1))

        timeline.add(at, run)


def _report(
    timeline: Timeline,
    item: Consultation,
    editor: User,
    reviewer: User,
    data: tuple[str, list[Any], int, int],
    on: date | None = None,
) -> None:
    summary, topics, opinions, people = data
    at = _at(on or item.closes_on + timedelta(days=12), 15)

    def run() -> None:
        services.report_save(
            item, by=editor, summary=summary, opinions=opinions, people=people, topics=topics
        )
        services.report_publish(Consultation.objects.get(pk=item.pk), by=reviewer, now=at)

    timeline.add(at, run)


def _plan_rounds(timeline: Timeline, unit: Unit, editor: User, reviewer: User) -> int:
    """The seed's 县城总体规划: three rounds in 2015, a hearing after the second with a seat draw, an
    expert review of the third, and an adoption report after each."""
    periods = [
        (date(2015, 3, 2), date(2015, 4, 10)),
        (date(2015, 6, 1), date(2015, 7, 10)),
        (date(2015, 9, 1), date(2015, 10, 9)),
    ]
    previous, draft = None, PLAN_DRAFT
    reports = [
        (
            "第一轮征求意见共收到意见38条，集中在规划区范围、老城区建筑高度和滨河公园建设。",
            [
                ("规划区不应纳入基本农田集中区", 14, "adopted", ""),
                ("降低老城区建筑限高", 11, "partly", "限高由18米降至15米，第三轮再行征求意见。"),
                ("增设农贸市场", 8, "adopted", ""),
                ("县城人口规模提高到10万人", 5, "not_adopted", "与市域城镇体系规划确定的规模不符。"),
            ],
            38,
            26,
        ),
        (
            "第二轮征求意见及听证会共收到意见21条。",
            [
                ("老城区建筑限高降至15米", 12, "adopted", ""),
                (
                    "南部产业区调整为物流园区",
                    9,
                    "not_adopted",
                    "产业区布局已纳入省级开发区规划，本次不作调整。",
                ),
            ],
            21,
            17,
        ),
        (
            "第三轮征求意见共收到意见9条，多为文字性修改意见。",
            [
                ("文物保护范围表述", 6, "adopted", ""),
                ("增加规划实施评估条款", 3, "partly", "在规划实施办法中规定，每五年评估一次。"),
            ],
            9,
            8,
        ),
    ]
    for round_no, (opens, closes) in enumerate(periods, 1):
        if round_no in ROUND_CHANGES:
            article, text = ROUND_CHANGES[round_no]
            draft = "\n\n".join(
                (p.split("　")[0] + "　" + text) if p.startswith(article + "　") else p
                for p in draft.split("\n\n")
            )
        item = services.consultation_create(
            by=editor, unit=unit, previous_round=previous, title="岢岚县县城总体规划（2015—2030年）（征求意见稿）",
            draft=draft, opens_on=opens, closes_on=closes, major_decision=True, moderation="pre",
            explanation=f"本规划由县自然资源局（原县国土资源局、规划部门）组织编制。第{round_no}轮征求意见稿" + (
                "根据上一轮意见作了修改，修改处见意见采纳情况。" if round_no > 1 else "，现向社会公开征求意见。"),
            email=unit.office_email, postal_address=f"{unit.office_address or unit.address}，县自然资源局规划股（邮编036300）",
        )  # fmt: skip
        timeline.add(_at(opens), _publish(item, editor, reviewer, _at(opens)))
        _comments(
            timeline, item,
            [(2, "规划区范围把基本农田划进来不合适。"), (6, "老城区限高18米太高，会挡住古城墙。"), (None, "建议增加农贸市场和停车场。"),
             (7, "滨河公园请保留原有的老柳树。")][: 4 - round_no + 1],
            reviewer, opens,
        )  # fmt: skip
        report_on = [date(2015, 4, 22), date(2015, 8, 10), date(2015, 10, 30)][
            round_no - 1
        ]  # after hearing, review
        _report(timeline, item, editor, reviewer, reports[round_no - 1], report_on)
        if round_no == 2:
            _hearing(timeline, item, reviewer)
        if round_no == 3:
            review = services.review_create(
                item, held_on=date(2015, 10, 20), experts="王振国，山西省城乡规划设计研究院，高级工程师\n刘晓梅，太原理工大学建筑学院，教授\n陈立军，忻州市规划局，高级规划师",
                opinions="规划定位准确，空间结构清晰；建议加强岚漪河防洪与滨河景观的衔接，补充历史文化保护专篇。",
                conclusion="同意规划通过论证，按专家意见修改完善后报批。",
            )  # fmt: skip
            at = _at(date(2015, 10, 23), 16)
            timeline.add(
                at, lambda review=review, at=at: services.review_publish(review, by=reviewer, now=at)
            )
        previous = item
    return 3


def _hearing(timeline: Timeline, item: Consultation, reviewer: User) -> None:
    hearing = services.hearing_create(
        item, title="岢岚县县城总体规划听证会", held_at=_at(date(2015, 7, 15), 9), place="岢岚县人民政府第一会议室",
        seats=9, registration_closes_on=date(2015, 7, 5), materials_sent_on=date(2015, 7, 7),
    )  # fmt: skip
    announce = _at(date(2015, 6, 20), 9)  # the day of the catalog's 听证会公告 (demo documents)
    timeline.add(announce, lambda: services.hearing_announce(hearing, by=reviewer, now=announce))
    people = [
        "王建军",
        "李秀兰",
        "张志强",
        "刘海燕",
        "陈国庆",
        "杨玉梅",
        "赵文斌",
        "黄卫东",
        "周丽华",
        "吴永明",
        "徐俊峰",
        "孙晓红",
        "马国栋",
    ]
    categories = [
        "居民",
        "居民",
        "企业代表",
        "人大代表",
        "居民",
        "政协委员",
        "居民",
        "企业代表",
        "居民",
        "居民",
        "专家",
        "居民",
        "居民",
    ]
    for n, (name, category) in enumerate(zip(people, categories, strict=True)):
        at = _at(date(2015, 6, 21) + timedelta(days=n % 14), 10)
        timeline.add(
            at,
            lambda name=name, category=category, n=n, at=at: services.hearing_register(
                Hearing.objects.get(pk=hearing.pk), name=name, contact=f"1393450{n:04d}", category=category,
                statement="关于老城区建筑高度和规划区范围的意见。", client=f"demo-hearing-{n}", now=at,
            ),
        )  # fmt: skip
    draw_at = _at(date(2015, 7, 6), 10)
    value = "2015-07-06 县公证处现场摇号 37 05 19 42"
    timeline.add(
        draw_at, lambda: services.hearing_draw(hearing, by=reviewer, public_value=value, now=draw_at)
    )
    minutes_at = _at(date(2015, 7, 22), 15)
    timeline.add(
        minutes_at,
        lambda: services.hearing_minutes(
            hearing, by=reviewer, now=minutes_at,
            minutes="听证会由县自然资源局主持，9名听证参加人到会，发言11人次。多数参加人赞成规划区范围调整，要求进一步降低老城区建筑限高；企业代表建议南部产业区增加物流用地。",
            outcome="听证意见已纳入第三轮征求意见稿：老城区建筑限高降至15米，文物保护范围内不得新建建筑；产业区布局维持原方案，理由见意见采纳情况。",
        ),
    )  # fmt: skip


def load_participation(today: date, timeline: Timeline) -> dict[str, int]:
    """Create the demo's consultations once; return how many consultations and hearings were created."""
    if Consultation.objects.exists():
        return {"consultations": 0}
    plan_unit = Unit.objects.get(short_name="自然资源局")
    editor, reviewer = (User.objects.get(username=staff_of("自然资源局", r)) for r in ("editor", "reviewer"))
    count = _plan_rounds(timeline, plan_unit, editor, reviewer)
    for short, title, offset, days, moderation, major, paragraphs, comments in RECENT:
        unit = Unit.objects.get(short_name=short)
        editor, reviewer = (User.objects.get(username=staff_of(short, r)) for r in ("editor", "reviewer"))
        opens = today + timedelta(days=offset)
        item = services.consultation_create(
            by=editor, unit=unit, title=title, draft="\n\n".join(paragraphs), opens_on=opens,
            closes_on=opens + timedelta(days=days - 1), moderation=moderation, major_decision=major,
            explanation=f"为规范相关工作，{unit.name}在调研基础上起草了本稿，现公开征求社会各界意见。",
            email=unit.office_email or "", postal_address=unit.address or "",
        )  # fmt: skip
        publish_at = _at(min(opens, today) - timedelta(days=2) if opens > today else opens)
        timeline.add(publish_at, _publish(item, editor, reviewer, publish_at))
        usable = [
            c
            for n, c in enumerate(comments)
            if opens + timedelta(days=1 + n * 2) < min(today, item.closes_on + timedelta(days=1))
        ]
        _comments(timeline, item, usable, reviewer, opens)
        if title in TOPICS_RECENT:
            _report(timeline, item, editor, reviewer, TOPICS_RECENT[title])
        count += 1
    return {"consultations": count, "hearings": Hearing.objects.count()}
