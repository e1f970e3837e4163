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

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ["建军", "秀兰", "志刚", "海燕", "国强", "丽娟", "文华", "晓东", "春梅", "永红"]
TOPICS = [
    "{y}年{u}部门预算中“三公”经费的明细",
    "{u}关于某村道路硬化工程的招标文件和中标通知书",
    "{u}{y}年行政处罚决定书（涉及本人）",
    "某小区旧城改造项目的房屋征收补偿方案",
    "{y}年农村低保资金发放情况（不含个人信息）",
    "广惠园廉租房摇号分配结果及复核情况",
    "县城总体规划（2015—2030年）听证会笔录",
    "{u}对本人信访事项的处理意见",
    "某企业环境影响评价报告及批复",
    "{y}年退耕还林补助资金分配表",
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


def _case(rng: random.Random, unit: Unit, handler: User, received: date) -> Application:
    applicant_type = rng.choices(
        ["natural", "business", "research", "public_interest", "legal_service", "other"], [70, 14, 4, 3, 6, 3]
    )[0]
    natural = applicant_type == "natural"
    # Drawn in the order the call used to draw them, so the demo county stays the same.
    name = (
        (rng.choice(SURNAMES) + rng.choice(GIVEN))
        if natural
        else f"岢岚县某{rng.choice(['商贸', '建筑', '农牧', '律师事务所', '研究所'])}{rng.randrange(1, 9)}号"
    )
    id_number = _id_number(rng) if natural else unit.code[:-4] + f"{rng.randrange(10000):04d}"
    phone = f"13{rng.randrange(10**9):09d}"
    description = rng.choice(TOPICS).format(u=unit.name, y=received.year - 1)
    form = rng.choice(["paper", "email", "email", "onsite", "disc"])
    application, _code = services.application_submit(
        unit=unit, applicant_type=applicant_type, name=name, id_type="resident_id" if natural else "other",
        id_number=id_number, phone=phone, description=description, form=form,
        email=f"sq{phone[-6:]}@example.cn" if form == "email" else "",
        address=f"山西省忻州市岢岚县岚漪镇{int(phone[-3:]) % 90 + 1}号" if form == "paper" else "",
        channel=rng.choice(["in_person", "registered_post", "email", "in_person"]), received_on=received, by=handler,
    )  # fmt: skip
    return application


def _close(
    rng: random.Random, application: Application, handler: User, head: User, calendar: object, today: date
) -> None:
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
    handler = User.objects.get(username="fgj_reviewer")
    head = User.objects.get(username="fgj_head")
    units = list(Unit.objects.filter(kind__in=["government", "office", "department"]).order_by("sort_order"))
    created = 0
    for year, count in ((2015, 60), (today.year, 80)):
        for i in range(count):
            received = date(year, 1, 5) + timedelta(
                days=rng.randrange(355 if year != today.year else (today - date(year, 1, 5)).days - 30)
            )
            if not calendar.is_working_day(received):
                received = calendar.due_date(received, 1).due_date
            application = _case(rng, units[i % len(units)], handler, received)
            _close(rng, application, handler, head, calendar, today)
            created += 1
    # A case received at the end of 2015 and answered in January 2016: carried forward, then over.
    late = _case(rng, units[0], handler, date(2015, 12, 29))
    services.application_reply(
        application=late, by=handler, date=date(2016, 1, 12), category="1", text="所申请信息见附件。"
    )
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
        services.review_record(application=target, by=handler, kind=kind, filed_on=target.replied_on + timedelta(days=30), result=result,
                               decided_on=None if result == "pending" else target.replied_on + timedelta(days=90))  # fmt: skip
    # Open cases this year, one at each stage, some near or past their due date.
    recent = [calendar.due_date(today - timedelta(days=d), 0).due_date for d in (40, 25, 14, 10, 6, 3, 1)]
    stages = ["overdue", "due_soon", "supplement", "third_party", "fee", "processing", "processing"]
    for received, stage in zip(recent, stages, strict=True):
        while not calendar.is_working_day(received):
            received -= timedelta(days=1)
        application = _case(rng, rng.choice(units), handler, received)
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
    for _i in range(2):
        services.application_submit(
            unit=rng.choice(units), applicant_type="natural", name=rng.choice(SURNAMES) + rng.choice(GIVEN), id_type="resident_id",
            id_number=_id_number(rng), phone=f"13{rng.randrange(10**9):09d}", description=rng.choice(TOPICS).format(u="县政府", y=today.year - 1),
            form="email", email=f"sq{created:04d}@example.cn",
        )  # fmt: skip
        created += 1
    return created
