"""The lottery's announcement and its draw as record types of the records framework: staff screens,
the workflow, search, feeds, the records API and the publication log come with the registration."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from gongkai import records
from gongkai.core.publishable import Shown
from gongkai.portal.registry import register_nav

from . import algorithm
from .models import Lottery, LotteryDraw


def _lottery_links(lottery: Lottery) -> dict[str, Any]:
    return {"lottery": lottery, "draw": LotteryDraw.objects.filter(lottery=lottery).first()}


def _draw_links(draw: LotteryDraw) -> dict[str, Any]:
    return {"lottery": draw.lottery, "draw": draw}


def local_time(value: datetime) -> str:
    """A moment as the county reads it (the records' own text is in UTC for aware datetimes)."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def draw_publish_check(draw: LotteryDraw) -> str | None:
    if draw.lottery.shown() != Shown.PUBLISHED:
        return "摇号公告不在公开状态，不能发布摇号结果。"
    return None


LOTTERIES = records.register(
    Lottery,
    records.RecordType(
        slug="lotteries",
        name="公开摇号",
        description="摇号前公布的名单（姓名经去标识化处理）、名额、优先组别和秘密值承诺。",
        title_field="title",
        date_field="announced_on",
        list_columns=("title", "project", "places", "draw_at"),
        search_fields=("title", "project", "offered"),
        search_words=("摇号",),
        masks={
            "entries": lambda lottery: lottery.public_entries(),
            "draw_at": lambda lottery: local_time(lottery.draw_at),
        },
        field_order=(
            "project",
            "title",
            "offered",
            "places",
            "groups",
            "draw_at",
            "draw_place",
            "commitment",
            "announced_on",
            "entries",
        ),
        nav_group="住房保障",
        detail_template="lottery/record_detail.html",
        detail_context=_lottery_links,
        staff_extra_template="lottery/staff/lottery_extra.html",
        log_extra=lambda lottery: {"inputs_sha256": lottery.inputs_sha256()},
        official_fields=("commitment",),  # a SHA-256 in hex: its digit runs are no phone numbers
    ),
)

DRAWS = records.register(
    LotteryDraw,
    records.RecordType(
        slug="lottery-draws",
        name="摇号结果",
        description="公开摇号的结果：公开随机数及录入人、秘密值和中签顺序，附可验证的摇号文件。",
        title_field="title",
        date_field="drawn_on",
        list_columns=("title", "drawn_on", "public_value"),
        search_fields=("title", "winners"),
        search_words=("摇号", "结果"),
        search_weight=1.0,
        private_fields=("entered_by", "document"),
        official_fields=("public_value", "secret", "winners"),  # drawn numbers and hex, not personal data
        masks={"entered_at": lambda draw: local_time(draw.entered_at)},
        field_order=(
            "lottery",
            "title",
            "drawn_on",
            "public_value",
            "witness",
            "entered_at",
            "secret",
            "winners",
            "note",
        ),
        nav_group="住房保障",
        publish_check=draw_publish_check,
        detail_template="lottery/record_detail.html",
        detail_context=_draw_links,
        staff_extra_template="lottery/staff/draw_extra.html",
        log_extra=lambda draw: {"draw_sha256": algorithm.sha256_hex(algorithm.canonical_json(draw.document))},
    ),
)

register_nav("公开摇号", "lottery:list", 55, group="areas")
