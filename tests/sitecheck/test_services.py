import pytest

from gongkai.sitecheck import services
from gongkai.sitecheck.models import Column, Expression, Run, Site

from .fixture_site import FORBIDDEN


@pytest.fixture
def site(planted_site, settings, db):
    settings.SITECHECK_DELAY_MS = 0
    Expression.objects.create(text=FORBIDDEN)
    site = Site.objects.create(name="测试县人民政府", base_url=planted_site)
    Column.objects.create(site=site, title="部门动态", url="/dept/", kind=Column.Kind.NEWS)
    return site


def test_a_run_records_the_verdict_and_every_finding(site, planted_site):
    run = services.run_execute(services.run_request(site=site, by=None))
    assert run.status == Run.Status.DONE and run.passed is False
    assert run.progress_done == run.progress_total > 0
    rows = set(run.findings.values_list("indicator", "veto", "page"))
    assert ("column_update", False, planted_site + "dept/") in rows
    assert ("serious_error", True, planted_site + "news/a1.html") in rows
    assert ("serious_error", True, "") in rows  # the veto item
    # only the registered column is read as a column: the empty 通知公告 is not one here
    assert ("column_update", False, planted_site + "notices/") not in rows


def test_a_site_is_checked_once_at_a_time(site):
    services.run_request(site=site, by=None)
    with pytest.raises(services.SitecheckError) as caught:
        services.run_request(site=site, by=None)
    assert caught.value.code == "already_running"


def test_the_points_are_configurable(site, settings):
    settings.SITECHECK_POINTS = "broken_link=10/30"
    run = services.run_execute(services.run_request(site=site, by=None))
    assert sorted(run.findings.filter(indicator="broken_link").values_list("points", flat=True)) == [10, 10]


def test_a_bad_points_setting_names_the_indicator(settings):
    from gongkai.sitecheck.indicators import points

    settings.SITECHECK_POINTS = "homepage_update=5"
    with pytest.raises(ValueError, match="homepage_update"):
        points()


def test_a_week_with_5_percent_failed_probes_fails_availability(site):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.sitecheck.models import Probe

    now = timezone.now()
    Probe.objects.bulk_create(
        Probe(site=site, at=now - timedelta(minutes=30 * n), ok=n % 20 != 0) for n in range(140)
    )  # 7 of 140 failed: 5%
    run = services.run_execute(services.run_request(site=site, by=None), now=now)
    assert ("availability", True) in set(run.findings.values_list("indicator", "veto"))


def test_the_worker_checks_scheduled_sites_and_probes_them(site):
    from gongkai.sitecheck import tasks
    from gongkai.sitecheck.models import Probe

    Site.objects.create(name="未列入", base_url="https://other.kelan.example/", scheduled=False)
    tasks.availability_probes()
    assert list(Probe.objects.values_list("site__name", "ok")) == [("测试县人民政府", True)]
    tasks.daily_checks()
    assert list(Run.objects.values_list("site__name", "status")) == [("测试县人民政府", Run.Status.DONE)]


def test_a_bad_points_setting_is_a_system_check_error(settings):
    from gongkai.sitecheck.checks import check_points

    settings.SITECHECK_POINTS = "search=lots"
    assert [e.id for e in check_points(None)] == ["sitecheck.E001"]
