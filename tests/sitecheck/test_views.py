from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.sitecheck.models import Expression, Run, Site
from tests.conftest import login_verified

from .fixture_site import FORBIDDEN


@pytest.fixture
def office(client, make_user, county):
    user = make_user("office", county)
    login_verified(client, user)
    return user


@pytest.fixture
def site(planted_site, settings, db):
    settings.SITECHECK_DELAY_MS = 0
    Expression.objects.create(text=FORBIDDEN)
    return Site.objects.create(name="测试县人民政府", base_url=planted_site)


def test_check_now_runs_in_the_worker_and_the_office_sees_findings_with_their_pages(
    client, office, site, planted_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/sitecheck/{site.pk}/check/")
    assert response.status_code == 302
    run = Run.objects.get(site=site)
    assert run.status == Run.Status.DONE and run.passed is False and run.requested_by == office
    page = client.get(f"/staff/sitecheck/{site.pk}/").content.decode()
    assert "不合格" in page and "单项否决" in page
    assert f'href="{planted_site}news/a1.html"' in page
    assert "<svg" in page and "历次检查（图表的数据" in page  # the trend, with its table
    index = client.get("/staff/sitecheck/").content.decode()
    assert "测试县人民政府" in index and "上次检查未通过" in index


def test_the_findings_download_as_csv(client, office, site):
    from gongkai.sitecheck import services

    run = services.run_execute(services.run_request(site=site, by=office))
    response = client.get(f"/staff/sitecheck/runs/{run.pk}/findings.csv")
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0] == "网站,检查时间,结果,得分,指标,单项否决,扣分,说明,页面"
    assert "严重表述错误" in text and "首页底部缺少ICP备案号" in text


def test_a_running_check_shows_its_progress(client, office, site):
    Run.objects.create(site=site, status=Run.Status.RUNNING, progress_done=3, progress_total=12)
    page = client.get(f"/staff/sitecheck/{site.pk}/").content.decode()
    assert "已检查 3 / 12" in page and 'http-equiv="refresh"' in page
    response = client.post(f"/staff/sitecheck/{site.pk}/check/", follow=True)
    assert "正在检查中" in response.content.decode()


def test_the_dashboard_warns_before_the_homepage_veto(client, office, site):
    today = timezone.localdate()
    Run.objects.create(
        site=site, status=Run.Status.DONE, passed=True, score=95, homepage_newest=today - timedelta(days=11),
        finished_at=timezone.now(),
    )  # fmt: skip
    page = client.get("/staff/").content.decode()
    assert "网站普查预警" in page and "首页已11天未更新，4天内不更新将单项否决" in page


def test_other_roles_do_not_see_the_census(client, make_user, department, site):
    login_verified(client, make_user("editor", department))
    assert client.get("/staff/sitecheck/").status_code == 403
    assert client.post(f"/staff/sitecheck/{site.pk}/check/").status_code == 403
    assert "网站普查" not in client.get("/staff/").content.decode()


def test_the_site_page_keeps_the_portal_footer(client, office, site):
    from gongkai.core import services as core_services

    core_services.site_profile_save(by=None, site_name="测试县人民政府", sponsor="测试县人民政府办公室")
    page = client.get(f"/staff/sitecheck/{site.pk}/").content.decode()
    assert "主办单位：测试县人民政府办公室" in page


def test_the_report_downloads_as_pdf(client, office, site):
    import io

    from pypdf import PdfReader

    from gongkai.sitecheck import services

    run = services.run_execute(services.run_request(site=site, by=office))
    response = client.get(f"/staff/sitecheck/runs/{run.pk}/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "网站检查报告" in text and "不合格" in text
