"""Public reads across housing records and the lottery an allocation came from."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.core.publishable import visible_q
from gongkai.lottery import queries as lottery_queries
from gongkai.lottery.models import Lottery

from .models import HousingApplicant, HousingNotice, HousingProject


def public_notices_of(project: HousingProject) -> QuerySet[HousingNotice]:
    return HousingNotice.objects.filter(visible_q(), project=project).order_by("notice_date", "id")


def public_applicant_count(project: HousingProject) -> int:
    return HousingApplicant.objects.filter(visible_q(), project=project).count()


def public_lottery_of(notice: HousingNotice) -> Lottery | None:
    return lottery_queries.public_lottery(notice.lottery_id) if notice.lottery_id else None
