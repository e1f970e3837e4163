"""`GET /api/v1/lotteries` (paged) and `GET /api/v1/lotteries/{id}/draw.json` (404 until the result is public)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from gongkai.core.apibase import ApiError, ErrorOut, PageNumberPagination

from . import algorithm, queries
from .models import Lottery

router = Router(tags=["lotteries"])


class LotteryOut(Schema):
    id: int
    index_no: str
    title: str
    project: str
    unit: str
    places: int
    entries: int
    draw_at: str
    algorithm: str
    commitment: str
    inputs_sha256: str
    status: str  # "announced" before the result is public, then "drawn"
    url: str
    draw_json: str | None

    @staticmethod
    def resolve_id(lottery: Lottery) -> int:
        return lottery.pk

    @staticmethod
    def resolve_unit(lottery: Lottery) -> str:
        return lottery.unit.code

    @staticmethod
    def resolve_entries(lottery: Lottery) -> int:
        return len(lottery.entrants())

    @staticmethod
    def resolve_draw_at(lottery: Lottery) -> str:
        return timezone.localtime(lottery.draw_at).isoformat()

    @staticmethod
    def resolve_algorithm(lottery: Lottery) -> str:
        return algorithm.ALGORITHM

    @staticmethod
    def resolve_inputs_sha256(lottery: Lottery) -> str:
        return lottery.inputs_sha256()

    @staticmethod
    def resolve_status(lottery: Any) -> str:
        return "drawn" if lottery.drawn else "announced"

    @staticmethod
    def resolve_url(lottery: Lottery, context: dict[str, Any]) -> str:
        return str(context["request"].build_absolute_uri(lottery.public_url()))

    @staticmethod
    def resolve_draw_json(lottery: Any, context: dict[str, Any]) -> str | None:
        path = f"/api/v1/lotteries/{lottery.pk}/draw.json"
        return str(context["request"].build_absolute_uri(path)) if lottery.drawn else None


@router.get("/lotteries", response=list[LotteryOut], summary="公开摇号")
@paginate(PageNumberPagination)
def lotteries(request: HttpRequest) -> QuerySet[Lottery]:
    """Published lotteries, latest draw first; `status` "drawn" once the result and draw.json are public."""
    return queries.public_lotteries_with_status()


@router.get("/lotteries/{pk}/draw.json", response={200: dict[str, Any], 404: ErrorOut}, summary="摇号文件")
def draw_json(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The file `gongkai lottery verify` and the standalone verifier take."""
    lottery = queries.public_lottery(pk)
    draw = queries.public_draw(lottery) if lottery else None
    if draw is None:
        raise ApiError(404, "not_found", "没有这个摇号活动的公开摇号结果。", {"id": str(pk)})
    return dict(draw.document)
