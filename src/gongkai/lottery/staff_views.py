"""Staff: entering the public random value at the draw (on the lottery's staff page). Creating the
announcement and publishing it and its result are the records screens' (公开摇号, 摇号结果)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from gongkai.records.staff_views import record_or_404

from . import services
from .errors import LotteryError
from .types import LOTTERIES


@login_required
@require_POST
def lottery_draw(request: HttpRequest, pk: int) -> HttpResponse:
    lottery = record_or_404(request, LOTTERIES, pk, "records.record.edit")
    try:
        draw = services.lottery_draw(
            lottery=lottery,
            public_value=request.POST.get("public_value", ""),
            witness=request.POST.get("witness", ""),
            by=request.user,  # type: ignore[arg-type]
        )
    except LotteryError as exc:
        messages.error(request, exc.message)
        return redirect(lottery.get_staff_url())
    messages.success(
        request, "已录入公开随机数并完成摇号。摇号结果须经审核后发布，发布后公开秘密值和摇号文件。"
    )
    return redirect(draw.get_staff_url())
