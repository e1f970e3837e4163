"""The demo's applications: a year of cases in every reply category (2015 for the annual report, and
this year with open cases at every stage)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.categories import REPLY_CATEGORIES
from gongkai.applications.models import Application
from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import Unit, User

from .county import staff_of

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ["建军", "秀兰", "志刚", "海燕", "国强", "丽娟", "文华", "晓东", "春梅", "永红"]
# What people asked for, and the unit that holds it ({u} the unit's name, {y} the year before).
TOPICS = [
    ("{y}年县本级部门预算中“三公”经费的明细", "财政局"),
    ("关于某村道路硬化工程的招标文件和中标通知书", "交通局"),
    ("{u}{y}年对本人作出的行政处罚决定书", "市场监管局"),
    ("某小区旧城改造项目的房屋征收补偿方案", "住建局"),
    ("{y}年农村低保资金发放情况（不含个人信息）", "民政局"),
    ("广惠园廉租房摇号分配结果及复核情况", "住建局"),
    ("县城总体规划（2015—2030年）听证会笔录", "自然资源局"),
    ("{u}对本人信访事项的处理意见", "信访局"),
    ("某企业建设项目环境影响评价文件的审批意见", "行政审批局"),
    ("{y}年退耕还林补助资金分配表", "林业局"),
    ("{y}年县政府常务会议纪要中关于城区供热价格调整的内容", "县政府办"),
    ("城区集中供热价格调整的成本监审报告", "发改局"),
]


def _id_number(rng: random.Random) -> str:
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 50))
    body = f"142629{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=True)) % 11]


def _category(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.40:
        return "1"
    if roll < 0.55:
        return "2"
    codes = [c for c in REPLY_CATEGORIES if c[0] in "3456"]
    return rng.choice(codes)


def _staff(unit: Unit, role: str) -> User:
    return User.objects.get(username=staff_of(unit.short_name, role))


def _topic(rng: random.Random, units: dict[str, Unit], year: int) -> tuple[Unit, str]:
    """A request and the unit that holds what it asks for."""
    text, short = rng.choice(TOPICS)
    return units[short], text.format(u=units[short].name, y=year - 1)


def _case(rng: random.Random, units: dict[str, Unit], received: date) -> Application:
    """A request received on RECEIVED by the unit that holds the information, registered by its handler."""
    unit, description = _topic(rng, units, received.year)
    applicant_type = rng.choices(
        ["natural", "business", "research", "public_interest", "legal_service", "other"], [70, 14, 4, 3, 6, 3]
    )[0]
    natural = applicant_type == "natural"
    name = (
        (rng.choice(SURNAMES) + rng.choice(GIVEN))
        if natural
        else f"岢岚县某{rng.choice(['商贸', '建筑', '农牧', '律师事务所', '研究所'])}{rng.randrange(1, 9)}号"
    )
    id_number = _id_number(rng) if natural else unit.code[:-4] + f"{rng.randrange(10000):04d}"
    phone = f"13{rng.randrange(10**9):09d}"
    form = rng.choice(["paper", "email", "email", "onsite", "disc"])
    application, _code = services.application_submit(
        unit=unit, applicant_type=applicant_type, name=name, id_type="resident_id" if natural else "other",
        id_number=id_number, phone=phone, description=description, form=form,
        email=f"sq{phone[-6:]}@example.cn" if form == "email" else "",
        address=f"山西省忻州市岢岚县岚漪镇{int(phone[-3:]) % 90 + 1}号" if form == "paper" else "",
        channel=rng.choice(["in_person", "registered_post", "email", "in_person"]), received_on=received,
        by=_staff(unit, "reviewer"),
    )  # fmt: skip
    return application


def _close(rng: random.Random, application: Application, calendar: object, today: date) -> None:
    """Answer APPLICATION in a drawn category, by its unit's handler (an extension by its head)."""
    handler, head = _staff(application.unit, "reviewer"), _staff(application.unit, "head")
    received = application.received_on
    assert received is not None
    category = _category(rng)
    step = lambda n: calendar.due_date(received, n).due_date  # type: ignore[attr-defined]  # noqa: E731
    if category == "6.1":
        services.application_request_supplement(
            application=application, by=handler, date=step(3), reason="请写明所需信息的名称或文号"
        )
        services.application_reply(application=application, by=handler, date=step(20), category="6.1")
        return
    if category == "6.2":
        services.application_fee_notice(
            application=application, by=handler, date=step(5), amount=Decimal(100)
        )
        services.application_reply(application=application, by=handler, date=step(27), category="6.2")
        return
    if category == "4.3":
        services.application_request_supplement(
            application=application, by=handler, date=step(2), reason="请明确所需信息的范围"
        )
        services.application_receive_supplement(application=application, by=handler, date=step(6))
    if category == "3.4":
        services.application_start_third_party(
            application=application, by=handler, date=step(4), reason="书面征求相关企业意见"
        )
        services.application_end_third_party(application=application, by=handler, date=step(14))
    if rng.random() < 0.08:
        services.application_extend(
            application=application,
            by=head,
            date=step(18),
            days=rng.choice([10, 15, 20]),
            reason="需调取档案材料",
        )
    reply_day = min(step(rng.randrange(5, 19)), today)
    if category in ("4.3", "3.4"):
        reply_day = min(step(24), today)
    last_step = application.events.order_by("-date").values_list("date", flat=True).first()
    reply_day = max(reply_day, last_step or received)
    services.application_reply(
        application=application,
        by=handler,
        date=reply_day,
        category=category,
        basis="" if category in ("1",) else "《中华人民共和国政府信息公开条例》相关规定",
        text="所申请信息见附件。" if category in ("1", "2") else "",
        withheld="涉及第三方个人信息的部分不予公开" if category == "2" else "",
    )


def load_applications(*, today: date | None = None) -> int:
    """Create the demo cases once; return how many were created."""
    if Application.objects.exists():
        return 0
    today = today or timezone.localdate()
    rng = random.Random(45)
    calendar = load_calendar()
    units = {u.short_name: u for u in Unit.objects.all()}
    created = 0
    for year, count in ((2015, 60), (today.year, 80)):
        for _i in range(count):
            # 2015's cases arrive by mid-November, so that all are answered within the year (the one
            # carried into 2016 is added below); this year's by a month ago.
            received = date(year, 1, 5) + timedelta(
                days=rng.randrange(310 if year != today.year else (today - date(year, 1, 5)).days - 30)
            )
            if not calendar.is_working_day(received):
                received = calendar.due_date(received, 1).due_date
            application = _case(rng, units, received)
            _close(rng, application, calendar, today)
            created += 1
    # A case received at the end of 2015 and answered in January 2016: carried forward, then over.
    late = _case(rng, units, date(2015, 12, 29))
    services.application_reply(
        application=late, by=_staff(late.unit, "reviewer"), date=date(2016, 1, 12), category="1",
        text="所申请信息见附件。",
    )  # fmt: skip
    created += 1
    for kind, result in (
        ("reconsideration", "upheld"),
        ("reconsideration", "corrected"),
        ("litigation_direct", "upheld"),
        ("reconsideration", "pending"),
    ):
        target = Application.objects.filter(received_on__year=2015, reply_category__startswith="3").order_by(
            "id"
        )[rng.randrange(3)]
        services.review_record(application=target, by=_staff(target.unit, "reviewer"), kind=kind, filed_on=target.replied_on + timedelta(days=30), result=result,
                               decided_on=None if result == "pending" else target.replied_on + timedelta(days=90))  # fmt: skip
    # Open cases this year, one at each stage, some near or past their due date.
    recent = [calendar.due_date(today - timedelta(days=d), 0).due_date for d in (40, 25, 14, 10, 6, 3, 1)]
    stages = ["overdue", "due_soon", "supplement", "third_party", "fee", "processing", "processing"]
    for received, stage in zip(recent, stages, strict=True):
        while not calendar.is_working_day(received):
            received -= timedelta(days=1)
        application = _case(rng, units, received)
        handler = _staff(application.unit, "reviewer")
        step = lambda n, r=received: min(calendar.due_date(r, n).due_date, today)  # noqa: E731
        if stage == "supplement":
            services.application_request_supplement(
                application=application, by=handler, date=step(2), reason="请写明所需信息的时间范围"
            )
        elif stage == "third_party":
            services.application_start_third_party(
                application=application, by=handler, date=step(2), reason="征求相关企业意见"
            )
        elif stage == "fee":
            services.application_fee_notice(
                application=application,
                by=handler,
                date=step(3),
                amount=Decimal(4700),
                reason="按量计收：250页",
            )
        created += 1
    for _i in range(2):  # sent online today, not yet registered by anyone
        unit, description = _topic(rng, units, today.year)
        services.application_submit(
            unit=unit, applicant_type="natural", name=rng.choice(SURNAMES) + rng.choice(GIVEN), id_type="resident_id",
            id_number=_id_number(rng), phone=f"13{rng.randrange(10**9):09d}", description=description,
            form="email", email=f"sq{created:04d}@example.cn",
        )  # fmt: skip
        created += 1
    return created
