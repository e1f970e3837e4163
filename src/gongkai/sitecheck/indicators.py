"""The census indicators (LAW.md §6) a check maps to, the thresholds, and the configurable points.

Thresholds marked [V] in LAW.md are constants here; the point values are [U] and come from
`settings.SITECHECK_POINTS` ("indicator=points/cap", see docs/sitecheck.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str  # Chinese, as the office and the national indicators name it
    english: str  # the CLI report's
    veto: bool  # a 单项否决 indicator: one failure fails the site
    warning: bool = False  # reported only: never a veto, no points


INDICATORS = {
    i.code: i
    for i in (
        Indicator("availability", "站点无法访问", "site availability", True),
        Indicator("homepage_update", "首页不更新", "homepage updates", True),
        Indicator("column_update", "栏目不更新", "column updates", True),
        Indicator("serious_error", "严重表述错误", "serious errors (content, names, forged dates)", True),
        Indicator("interaction", "互动回应差", "interaction (unanswered messages)", True),
        Indicator("service", "服务不实用", "service guides", True),
        Indicator("broken_link", "链接不可用", "broken links", False),
        Indicator("basic_info", "基本信息缺失", "basic information in the footer", False),
        Indicator("search", "站内搜索", "site search", False),
        Indicator("consultation", "互动交流", "consultation channel", False),
        Indicator("publication_date", "发布日期缺失", "publication dates", False),
        Indicator("service_guide", "办事指南要素", "service guide elements", False),
        Indicator("accessibility", "无障碍", "accessibility (axe-core)", False, warning=True),
    )
}

# LAW.md §6 [V].
HOMEPAGE_STALE_DAYS = 14
NEWS_STALE_DAYS = 14  # 动态、要闻
NOTICE_STALE_DAYS = 183  # 通知公告、政策文件: six months
STALE_COLUMNS_VETO = 5  # stale 动态/要闻 or 通知公告/政策文件 columns
LONG_STALE_COLUMNS_VETO = 10
EMPTY_COLUMNS_VETO = 5
TIMEOUT_SECONDS = 15
UNANSWERED_DAYS = 92  # a valid message unanswered more than three months
AVAILABILITY_FAILURE_RATE = 0.05  # of a week's probes
AVAILABILITY_PROBES_PER_DAY = 20

# Deduction points [U]: per finding, and the most an indicator can take off.
DEFAULT_POINTS = {
    "broken_link": (1, 10),
    "column_update": (2, 20),
    "basic_info": (2, 10),
    "search": (5, 5),
    "consultation": (5, 5),
    "publication_date": (1, 10),
    "service_guide": (2, 16),  # per missing element category (the 2015 census's rule)
}
PASS_SCORE = 60
AXE_IMPACTS = ("minor", "moderate", "serious", "critical")  # axe-core's impact levels


def points() -> dict[str, tuple[int, int]]:
    """Return {indicator: (points per finding, cap)}: the defaults with the setting's overrides."""
    result = dict(DEFAULT_POINTS)
    result.update(parse_points(getattr(settings, "SITECHECK_POINTS", "")))
    return result


def parse_points(text: str) -> dict[str, tuple[int, int]]:
    """Parse "broken_link=1/10,search=5": points per finding, optionally "/cap" (default: no cap)."""
    result: dict[str, tuple[int, int]] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, _sep, value = part.partition("=")
        name = name.strip()
        if name not in INDICATORS or INDICATORS[name].veto or INDICATORS[name].warning:
            raise ValueError(f"{name!r} is not a deduction indicator ({', '.join(DEFAULT_POINTS)})")
        each, _slash, cap = value.partition("/")
        if not each.strip().isdigit() or (cap and not cap.strip().isdigit()):
            raise ValueError(f"{part!r}: points must be whole numbers, e.g. broken_link=1/10")
        result[name] = (int(each), int(cap) if cap else 100)
    return result


def column_limit(kind: str) -> int | None:
    """Return the days after which a column of KIND counts as not updated (None: no limit)."""
    return {"news": NEWS_STALE_DAYS, "notice": NOTICE_STALE_DAYS, "policy": NOTICE_STALE_DAYS}.get(kind)


def axe_impacts(text: str) -> set[str]:
    """Parse "serious,critical": the axe-core impact levels reported as accessibility warnings."""
    chosen = {p.strip() for p in text.split(",") if p.strip()}
    wrong = chosen - set(AXE_IMPACTS)
    if wrong or not chosen:
        raise ValueError(f"impacts must be among {', '.join(AXE_IMPACTS)}, got {text!r}")
    return chosen
