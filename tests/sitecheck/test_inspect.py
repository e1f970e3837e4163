import asyncio
from datetime import timedelta
from urllib.parse import urlsplit

from gongkai.sitecheck.inspect_site import Expr, Profile, inspect

from .conftest import FAST, TODAY
from .fixture_site import FORBIDDEN, FORBIDDEN_LINE

EXPRESSIONS = [Expr(FORBIDDEN)]


def run(url: str, *, today=TODAY, expressions=EXPRESSIONS):
    asked: list[str] = []
    report = asyncio.run(
        inspect(
            Profile(url, expressions=list(expressions)), today=today, config=FAST, on_request=asked.append
        )
    )
    assert asked and all(urlsplit(u).hostname == "127.0.0.1" for u in asked)  # nothing left the loopback
    assert not any("/private/" in u for u in asked)  # robots.txt was obeyed
    return report


def test_the_clean_site_passes_with_no_finding(clean_site):
    report = run(clean_site)
    assert report.findings == []
    assert report.veto == []
    assert report.passed and report.score == 100


def test_every_planted_problem_is_found_and_nothing_else(planted_site, external):
    report = run(planted_site)
    got = sorted((f.indicator, f.page.removeprefix(planted_site)) for f in report.findings)
    assert got == [
        ("basic_info", ""),  # the ICP number is missing from the footer
        ("broken_link", ""),  # internal
        ("broken_link", ""),  # external
        ("column_update", "dept/"),  # stale 部门动态
        ("column_update", "notices/"),  # empty 通知公告
        ("publication_date", ""),  # undated homepage items
        ("serious_error", "news/a1.html"),  # forbidden expression
        ("serious_error", "policy/"),  # a date in the future
    ]
    details = {f.detail for f in report.findings}
    assert "首页底部缺少ICP备案号" in details
    assert f"首页链接无法访问：{planted_site}news/missing.html（HTTP 404）" in details
    assert f"首页链接无法访问：{external}gone.html（HTTP 404）" in details
    assert f"第{FORBIDDEN_LINE}行有禁用表述“{FORBIDDEN}”" in details
    assert any("首页有2条信息未标注发布日期" in d for d in details)
    assert [v.indicator for v in report.veto] == ["serious_error"]
    assert not report.passed
    assert report.score == 100 - 2 - 2 * 1 - 2 * 2 - 1


def test_a_homepage_not_updated_for_two_weeks_fails(clean_site):
    report = run(clean_site, today=TODAY + timedelta(days=15))
    assert [v.indicator for v in report.veto] == ["homepage_update"]
    assert "已18天未更新" in report.veto[0].detail


def test_an_unreachable_site_fails_on_availability():
    result = asyncio.run(inspect(Profile("http://127.0.0.1:9/"), today=TODAY, config=FAST))
    assert [v.indicator for v in result.veto] == ["availability"]
    assert not result.passed
