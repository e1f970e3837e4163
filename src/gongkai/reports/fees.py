"""Section 二's 行政事业性收费 cell: the amount the office enters on the report (万元), from its books."""

from __future__ import annotations

from gongkai.core.models import Unit

from .annual import register_section2
from .models import AnnualReport


def fees_collected(year: int, unit: Unit | None) -> float | None:
    report = AnnualReport.objects.filter(year=year, unit=unit).first()
    if report is None or report.fees_collected is None:
        return None
    return float(report.fees_collected)


register_section2("fees", fees_collected)
