"""Gongkai's own portal passes its own census check, footer elements included."""

import pytest

from gongkai.core.models import User
from gongkai.demo.loader import load_demo
from gongkai.sitecheck import services
from gongkai.sitecheck.models import Site
from tests.publishing.factories import published


@pytest.fixture
def portal(live_server, settings):
    settings.SITECHECK_DELAY_MS = 0
    # The live server's threads share the test's one SQLite connection: one request at a time.
    settings.SITECHECK_CONCURRENCY = 1
    load_demo(documents=False, records=False)
    editor = User.objects.get(username="fgj_editor")
    reviewer = User.objects.get(username="fgj_reviewer")
    published(editor, reviewer, title="关于做好冬季供暖工作的通知")
    site = Site.objects.get(is_portal=True)
    site.base_url = live_server.url + "/"
    site.save()
    return site


@pytest.mark.django_db(transaction=True)
def test_the_footer_carries_every_required_element(portal, client):
    html = client.get("/").content.decode()
    for text in (
        "网站标识码：1409290001",
        "晋ICP备05001234号",
        "晋公网安备14092902000001号",
        "主办单位",
        "联系方式",
    ):
        assert text in html
    assert 'alt="党政机关网站标识"' in html and "bszs.conac.cn" in html


@pytest.mark.django_db(transaction=True)
def test_the_portal_passes_its_own_check(portal):
    # services.check, not run_execute: a run saves its progress while the crawl runs, and the live
    # server shares the test's one SQLite connection, which two threads must not use at once.
    report = services.check(services.profile_for(portal), portal=True)
    assert report.passed, [(f.indicator, f.detail) for f in report.findings]
    indicators = {f.indicator for f in report.findings}
    assert not indicators & {"basic_info", "search", "broken_link", "homepage_update", "serious_error"}
    assert report.homepage_ok and report.score >= 60
