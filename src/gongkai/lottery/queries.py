"""What the public sees of lotteries: announced ones, and the draw once its result is published."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, OuterRef, QuerySet

from gongkai.core.publishable import visible_q

from .models import Lottery, LotteryDraw


def public_lotteries(now: datetime | None = None) -> QuerySet[Lottery]:
    return Lottery.objects.filter(visible_q(now)).select_related("unit").order_by("-draw_at", "-id")


def public_lottery(pk: int, now: datetime | None = None) -> Lottery | None:
    return public_lotteries(now).filter(pk=pk).first()


def public_draw(lottery: Lottery, now: datetime | None = None) -> LotteryDraw | None:
    """The draw of LOTTERY when its result is public, else None."""
    return LotteryDraw.objects.filter(visible_q(now), lottery=lottery).first()


def public_draws_by_lottery(lotteries: list[Lottery], now: datetime | None = None) -> dict[int, LotteryDraw]:
    draws = LotteryDraw.objects.filter(visible_q(now), lottery__in=lotteries)
    return {d.lottery_id: d for d in draws}


def public_lotteries_with_status(now: datetime | None = None) -> QuerySet[Lottery]:
    """Public lotteries, each annotated `drawn`: whether its result is public."""
    draws = LotteryDraw.objects.filter(visible_q(now), lottery=OuterRef("pk"))
    return public_lotteries(now).annotate(drawn=Exists(draws))
