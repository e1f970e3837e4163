"""The draw: entering the public random value computes the order and creates the result record."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, workflow
from gongkai.core.models import User
from gongkai.core.publishable import Shown
from gongkai.records import services as records

from . import algorithm
from .errors import LotteryError
from .models import Lottery, LotteryDraw, LotterySecret
from .types import DRAWS


def winners_text(document: dict) -> str:
    """The order as the public reads it: place, lottery number, masked name, group."""
    entries = {e["number"]: e for e in document["inputs"]["entries"]}
    places = document["inputs"]["places"]
    lines = []
    for rank, number in enumerate(document["result"]["order"], start=1):
        entry = entries[number]
        status = "中签" if rank <= places else "候补"
        group = f"（{entry['group']}）" if entry.get("group") else ""
        lines.append(f"{rank}|{number}|{entry['name']}{group}|{status}")
    return "\n".join(lines)


def keep_secret(change: workflow.Change) -> None:
    """Store a new lottery's secret apart from its record, in the transaction that created it."""
    new_secret = getattr(change.item, "new_secret", None)
    if change.action == "created" and isinstance(change.item, Lottery) and new_secret:
        LotterySecret.objects.create(lottery=change.item, value=new_secret)
        del change.item.new_secret


def local_iso(moment: datetime) -> str:
    """MOMENT in the county's local time, as draw files state times (the hearing draw too)."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


@transaction.atomic
def lottery_draw(
    *,
    lottery: Lottery,
    public_value: str,
    witness: str,
    by: User,
    title: str = "",
    now: datetime | None = None,
) -> LotteryDraw:
    """Enter the public random value of LOTTERY, draw, and create its result as a draft record."""
    now = now or timezone.now()
    lottery = Lottery.objects.select_for_update().get(pk=lottery.pk)
    if lottery.shown(now) != Shown.PUBLISHED:
        raise LotteryError("摇号公告（含秘密值承诺）公开后才能摇号。", code="not_announced")
    if LotteryDraw.objects.filter(lottery=lottery).exists():
        raise LotteryError("该摇号活动已经摇号，不能再次录入公开随机数。", code="already_drawn")
    if now < lottery.draw_at:  # the public value is entered at the announced draw, not before
        raise LotteryError(
            f"公告的摇号时间（{timezone.localtime(lottery.draw_at):%Y-%m-%d %H:%M}）未到，不能摇号。",
            code="too_early",
            field="public_value",
        )
    public_value, witness = public_value.strip(), witness.strip()
    if not public_value:
        raise LotteryError("请填写公开随机数。", code="required", field="public_value")
    if not witness:
        raise LotteryError("请填写录入人（如 县公证处公证员 王某）。", code="required", field="witness")
    assert lottery.publish_at is not None  # noqa: S101  type narrowing
    try:
        secret = lottery.secret()
    except LotterySecret.DoesNotExist:
        raise LotteryError(
            "该摇号活动没有秘密值（不是在本平台新建的），不能摇号。", code="no_secret"
        ) from None
    document = algorithm.draw(
        inputs=lottery.inputs(),
        secret=secret,
        public_value=public_value,
        entered_by=witness,
        entered_at=local_iso(now),
        commitment_published_at=local_iso(lottery.publish_at),
        about={"id": lottery.pk, "index_no": lottery.index_no, "title": lottery.title,
               "unit": lottery.unit.name, "draw_place": lottery.draw_place},
    )  # fmt: skip
    draw = records.record_create(
        DRAWS,
        by=by,
        unit=lottery.unit,
        data={
            "lottery": lottery,
            "title": title or f"{lottery.title}结果",
            "drawn_on": timezone.localdate(now),
            "public_value": public_value,
            "witness": witness,
            "entered_at": now,
            "entered_by": by,
            "secret": secret,
            "winners": winners_text(document),
            "document": document,
        },
    )
    audit.record(
        lottery, "lottery.lottery.drawn", by=by, data={"public_value": public_value, "witness": witness}
    )
    return draw
