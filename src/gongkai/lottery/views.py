"""Public pages: the lotteries, one lottery with how to verify it, its draw.json and the verifier."""

from __future__ import annotations

import json
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.records.queries import CappedPaginator

from . import algorithm, queries
from .entries import parse_groups, public_lines

VERIFIER_NAME = "gongkai-lottery-verify.py"


@require_GET
def lottery_list(request: HttpRequest) -> HttpResponse:
    page = CappedPaginator(queries.public_lotteries(), 20).get_page(request.GET.get("page"))
    draws = queries.public_draws_by_lottery(list(page))
    rows = [(lottery, draws.get(lottery.pk)) for lottery in page]
    return render(request, "lottery/list.html", {"page": page, "rows": rows})


@require_GET
def lottery_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lottery = queries.public_lottery(pk)
    if lottery is None:
        raise Http404("no such public lottery")
    draw = queries.public_draw(lottery)
    entries = [line.split("|") for line in public_lines(lottery.entries).splitlines()]
    order = [line.split("|") for line in draw.winners.splitlines()] if draw else []
    return render(
        request,
        "lottery/detail.html",
        {
            "lottery": lottery, "draw": draw, "entries": entries, "order": order,
            "groups": parse_groups(lottery.groups), "inputs_sha256": lottery.inputs_sha256(),
            "algorithm": algorithm.ALGORITHM, "verifier_name": VERIFIER_NAME,
        },
    )  # fmt: skip


@require_GET
def draw_json(request: HttpRequest, pk: int) -> HttpResponse:
    lottery = queries.public_lottery(pk)
    draw = queries.public_draw(lottery) if lottery else None
    if draw is None:
        raise Http404("no published draw")
    response = HttpResponse(
        json.dumps(draw.document, ensure_ascii=False, indent=2) + "\n",
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="lottery-{lottery.pk}-draw.json"'  # type: ignore[union-attr]
    return response


@require_GET
def verifier(request: HttpRequest) -> HttpResponse:
    """The standalone verifier: the algorithm's own module, which imports nothing but the standard library."""
    response = HttpResponse(
        Path(algorithm.__file__).read_bytes(), content_type="text/x-python; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{VERIFIER_NAME}"'
    return response
