"""Section 二's 行政事业性收费 cell: counted by finance from the published amounts collected; the office may
override it on the report, with a reason (e.g. a unit's figure not yet published)."""

from __future__ import annotations

from gongkai.core.models import Unit

from .models import AnnualReport


def fees_override(year: int, unit: Unit | None) -> float | None:
    """The office's typed figure for the cell (万元), or None when it counts from the data."""
    report = AnnualReport.objects.filter(year=year, unit=unit, fees_collected__isnull=False).first()
    return None if report is None or report.fees_collected is None else float(report.fees_collected)
