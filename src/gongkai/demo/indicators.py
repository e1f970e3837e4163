"""The seed's 2015 employment and social-insurance figures (§六), exactly as the report states them,
with 2014's for comparison (illustrative: the seed gives none), published by 人社局 each January."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gongkai.core.models import Unit, User
from gongkai.records import registry, services

from .county import staff_of
from .timeline import Timeline

# (name, topic, unit of measure, better, 2015 actual, 2015 target, 2014 actual, 2014 target)
FIGURES: list[tuple[str, str, str, str, str, str | None, str, str | None]] = [
    ("城镇新增就业", "employment", "人", "higher", "1221", None, "1180", None),
    ("城镇失业人员再就业培训", "employment", "人", "higher", "448", "400", "402", "400"),
    ("创业带动就业", "employment", "人", "higher", "228", None, "205", None),
    ("城镇失业人员再就业", "employment", "人", "higher", "408", None, "391", None),
    ("转移农村劳动力", "employment", "人", "higher", "1358", None, "1296", None),
    ("城镇登记失业率", "employment", "%", "lower", "3.3", "4.2", "3.5", "4.2"),
    ("机关事业单位养老保险累计参保", "social_insurance", "人", "higher", "5901", "5785", "5760", "5700"),
    ("企业养老保险累计参保", "social_insurance", "人", "higher", "3223", "3223", "3105", "3100"),
    ("基本医疗保险累计参保", "social_insurance", "人", "higher", "13850", None, "13420", None),
    ("生育保险累计参保", "social_insurance", "人", "higher", "6012", "6000", "5890", "5900"),
    ("失业保险累计参保", "social_insurance", "人", "higher", "2884", None, "2810", None),
    ("失业保险基金征缴收入", "social_insurance", "万元", "higher", "124", None, "117", None),
    ("城乡居民社会养老保险参保", "social_insurance", "人", "higher", "36000", None, "35400", None),
]


def load_indicators(timeline: Timeline) -> int:
    """Create the demo's indicators once (drafted by 人社局's editor, approved by its reviewer), their
    publication in the January after each year added to TIMELINE; return how many were created."""
    indicators = registry.get("indicators")
    assert indicators is not None
    if indicators.model.objects.exists():
        return 0
    unit = Unit.objects.get(short_name="人社局")
    editor = User.objects.get(username=staff_of("人社局", "editor"))
    reviewer = User.objects.get(username=staff_of("人社局", "reviewer"))
    created = 0
    for year, actual_at, target_at in ((2014, 6, 7), (2015, 4, 5)):
        published = timezone.make_aware(datetime.combine(date(year + 1, 1, 20), time(10, 0)))
        for row in FIGURES:
            name, topic, measure, better = row[:4]
            actual, target = row[actual_at], row[target_at]
            data: dict[str, Any] = {
                "name": name, "topic": topic, "year": year, "period": "全年", "period_end": date(year, 12, 31),
                "unit_of_measure": measure, "better": better, "actual": Decimal(str(actual)),
                "target": Decimal(target) if target else None,
                "note": "控制目标" if better == "lower" else "",
            }  # fmt: skip
            record = services.record_create(indicators, by=editor, unit=unit, data=data)
            services.record_submit(indicators, record, by=editor)
            services.record_approve(indicators, record, by=reviewer)
            timeline.add(
                published,
                lambda r=record, at=published: services.record_publish(
                    indicators, r, by=reviewer, at=at, now=at
                ),
            )
            created += 1
    return created
