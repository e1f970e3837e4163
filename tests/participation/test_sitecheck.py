"""The census of Gongkai's own portal reads the consultation channel from the real consultations."""

import pytest
from django.utils import timezone

from gongkai.sitecheck import own
from gongkai.sitecheck.inspect_site import Found, Report

pytestmark = pytest.mark.django_db


def _report() -> Report:
    report = Report("http://127.0.0.1:8035/")
    report.findings.append(Found("consultation", "首页没有咨询、留言等互动交流入口", report.url))
    return report


def test_without_a_consultation_in_the_past_year_the_portal_loses_the_points(make_consultation):
    make_consultation(publish=False)  # a draft is no channel
    make_consultation(opens=-500, closes=-400)  # closed more than a year ago
    report = _report()
    own.add_to(report, timezone.localdate())
    found = [f for f in report.findings if f.indicator == "consultation"]
    assert [f.detail for f in found] == ["过去一年没有在本平台公开征求意见"]
    assert found[0].page.endswith("/consultations/") and report.score < 100


def test_a_consultation_open_within_the_past_year_is_a_working_channel(make_consultation):
    make_consultation(opens=-100, closes=-70)
    report = _report()
    own.add_to(report, timezone.localdate())
    assert not [f for f in report.findings if f.indicator == "consultation"]
    assert report.score == 100
