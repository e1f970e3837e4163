"""The statutory public holidays of a year whose State Council arrangement is not imported yet.

《全国年节及纪念日放假办法》 (as revised in November 2024, in force from 2025) fixes 13 days: 元旦
1 January; 春节 除夕 and 正月初一 to 初三; 清明 the day of the solar term; 劳动节 1–2 May; 端午 农历五月
初五; 中秋 农历八月十五; 国庆 1–3 October (LAW.md §1). Only the year's 调休 (which weekend days become
working days, which adjoining days are added) waits for the notice, so a due date in such a year
stays provisional. Lunar dates come from `lunar_python`, the solar term from `chinese_calendar`.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

IN_FORCE_FROM = 2025  # the revision of the 放假办法 these days follow; earlier years are not guessed


@lru_cache(maxsize=64)
def statutory_holidays(year: int) -> dict[date, str]:
    """Return YEAR's statutory holidays (date → name); empty before the rules in force."""
    if year < IN_FORCE_FROM:
        return {}
    from chinese_calendar import get_solar_terms
    from lunar_python import Lunar

    def lunar(month: int, day: int) -> date:
        solar = Lunar.fromYmd(year, month, day).getSolar()
        return date(solar.getYear(), solar.getMonth(), solar.getDay())

    days: dict[date, str] = {}

    def add(day: date, name: str) -> None:
        days[day] = f"{days[day]}、{name}" if day in days and name not in days[day] else name

    new_year = lunar(1, 1)
    add(date(year, 1, 1), "元旦")
    for day in (new_year - timedelta(days=1), *(new_year + timedelta(days=n) for n in range(3))):
        add(day, "春节")  # 除夕 and 正月初一 to 初三
    for day, term in get_solar_terms(date(year, 4, 1), date(year, 4, 10)):
        if term == "清明":
            add(day, "清明节")
    add(date(year, 5, 1), "劳动节")
    add(date(year, 5, 2), "劳动节")
    add(lunar(5, 5), "端午节")
    add(lunar(8, 15), "中秋节")
    for n in (1, 2, 3):
        add(date(year, 10, n), "国庆节")
    return days
