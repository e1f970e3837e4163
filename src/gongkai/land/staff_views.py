"""Staff: the villages of a draft 征地 project (its other fields are on the records screens)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from gongkai.records.staff_views import record_or_404

from . import services
from .errors import LandError
from .models import Acquisition, Place
from .types import ACQUISITIONS


@login_required
@require_POST
def acquisition_villages(request: HttpRequest, pk: int) -> HttpResponse:
    acquisition: Acquisition = record_or_404(request, ACQUISITIONS, pk, "records.record.edit")
    codes = request.POST.getlist("villages")
    villages = list(Place.objects.filter(code__in=codes, kind=Place.Kind.VILLAGE))
    try:
        services.acquisition_set_villages(acquisition=acquisition, by=request.user, villages=villages)  # type: ignore[arg-type]
    except LandError as exc:
        messages.error(request, exc.message)
    else:
        names = "、".join(v.name for v in villages) or "无"
        messages.success(request, f"涉及的村已保存：{names}。")
    return redirect(acquisition.get_staff_url())
