"""Public pages through Django's test client."""

import re

import pytest
from django.test import Client

from gongkai.portal import registry


def test_home_shows_the_county_and_entry_points(client, county, department):
    html = client.get("/").content.decode()
    assert "政府信息公开指南" in html
    assert "政府信息公开目录" in html
    assert "扫一扫在手机打开当前页面" in html
    assert "<svg" in html and 'aria-label="当前页面二维码"' in html
    assert 'class="skip-link"' in html


def test_pages_load_no_external_resources(client, county):
    for url in ["/", "/xxgk/", "/xxgk/units/", f"/xxgk/units/{county.code}/guide/", "/tools/workdays/"]:
        html = client.get(url).content.decode()
        assert not re.search(r'(src|href)="(https?:)?//', html), url


def test_unit_page_shows_functions_leader_contact_and_guide(client, county):
    from gongkai.core import services

    services.unit_update(
        unit=county,
        by=None,
        functions="管理全县行政工作。",
        leader="王建华",
        phone="0350-4220000",
        office_name="县政务公开办",
        office_address="岚漪镇1号",
        office_hours="周一至周五",
        office_phone="0350-4220001",
        office_fax="0350-4220002",
        office_email="gk@example.cn",
    )
    html = client.get(f"/xxgk/units/{county.code}/").content.decode()
    assert "管理全县行政工作。" in html and "王建华" in html and "0350-4220000" in html
    guide = client.get(f"/xxgk/units/{county.code}/guide/").content.decode()
    for text in [
        "县政务公开办",
        "岚漪镇1号",
        "周一至周五",
        "0350-4220001",
        "0350-4220002",
        "gk@example.cn",
        "20 个工作日",
    ]:
        assert text in guide


def test_unknown_unit_is_404(client, db):
    assert client.get("/xxgk/units/91350100M000100Y43/").status_code == 404


def test_workdays_calculator_shows_due_date_and_skipped_days(client, db):
    html = client.get("/tools/workdays/", {"start": "2026-09-25", "days": 20}).content.decode()
    assert "2026年10月29日" in html
    assert "国庆节" in html
    assert "暂定" not in html


def test_workdays_calculator_marks_provisional_results(client, db):
    html = client.get("/tools/workdays/", {"start": "2026-12-15", "days": 20}).content.decode()
    assert "2027年1月13日" in html
    assert "暂定" in html and "2027年" in html


def test_workdays_calculator_names_bad_fields_in_chinese(client, db):
    html = client.get("/tools/workdays/", {"start": "2026-02-30", "days": "abc"}).content.decode()
    assert "起算日期格式应为" in html
    assert "工作日数应为整数" in html


def test_elder_mode_is_a_cookie_set_without_javascript(client, db):
    response = client.post("/mode/", {"elder": "1", "next": "/xxgk/"})
    assert response.status_code == 302 and response["Location"] == "/xxgk/"
    assert 'class="elder"' in client.get("/").content.decode()
    client.post("/mode/", {"elder": "0", "next": "/"})
    assert 'class="elder"' not in client.get("/").content.decode()


def test_anonymous_pages_are_the_same_bytes_for_every_visitor_and_set_no_cookie(county):
    for path in ("/", "/xxgk/", "/xxgk/units/", "/tools/workdays/", "/search/?q=预算"):
        first, second = Client().get(path), Client().get(path)
        assert first.status_code == 200, path
        assert first.content == second.content, path
        assert not first.cookies, (path, list(first.cookies))
        assert b"csrfmiddlewaretoken" not in first.content, path
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/mode/", {"elder": "1", "next": "/"}).status_code == 302  # no token needed
    elder = strict.get("/")
    assert b'class="elder"' in elder.content and elder.content == strict.get("/").content


def test_public_pages_may_be_cached_only_if_revalidated_and_vary_by_the_elder_cookie(client, county):
    page = client.get("/xxgk/")
    assert set(page["Cache-Control"].split(", ")) == {"public", "no-cache"}
    assert "Cookie" in page["Vary"] and page["ETag"]
    assert client.get("/xxgk/", headers={"if-none-match": page["ETag"]}).status_code == 304
    staff = client.get("/staff/login/")
    assert "no-store" in staff["Cache-Control"] and "public" not in staff["Cache-Control"]


def test_elder_mode_refuses_offsite_redirects(client, db):
    response = client.post("/mode/", {"elder": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_sitemap_lists_public_pages_and_units(client, county):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-units.xml" in index
    units = client.get("/sitemap-units.xml").content.decode()
    assert f"/xxgk/units/{county.code}/" in units


class _TestFeed(registry.AtomFeed):
    title = "测试栏目"
    link = "/"
    description = "测试"

    def items(self):
        return []


@pytest.fixture
def test_feed():
    registry.register_feed("test", "测试栏目", _TestFeed())
    yield
    registry.unregister_feed("test")


def test_registered_feeds_are_listed_and_served(client, db, test_feed):
    assert "测试栏目" in client.get("/feeds/").content.decode()
    response = client.get("/feeds/test/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert b'xmlns="http://www.w3.org/2005/Atom"' in response.content
    assert client.get("/feeds/nothing/").status_code == 404


def test_footer_shows_the_site_profile(client, db):
    from gongkai.core import services

    services.site_profile_save(
        by=None,
        site_name="测试县人民政府",
        site_code="1409290001",
        icp_number="晋ICP备1号",
        police_number="晋公网安备2号",
        sponsor="测试县政府办",
        operator="测试县融媒体中心",
    )
    html = client.get("/").content.decode()
    for text in [
        "测试县人民政府",
        "网站标识码：1409290001",
        "晋ICP备1号",
        "晋公网安备2号",
        "主办单位：测试县政府办",
        "承办单位：测试县融媒体中心",
    ]:
        assert text in html


def test_qr_code_encodes_the_public_url_when_configured(client, db, settings):
    settings.PUBLIC_URL = "https://www.example.gov.cn"
    html = client.get("/xxgk/").content.decode()
    import segno

    expected = segno.make("https://www.example.gov.cn/xxgk/", error="m").svg_inline(
        scale=3, border=2, dark="#1a1a1a", light="#ffffff"
    )
    assert expected.split("<path", 1)[1][:200] in html


def test_a_page_with_a_long_address_answers_and_its_qr_code_leaves_out_the_query(client, db, settings):
    """A URL of 2,330 bytes and more overflowed the QR code and answered 500 (issue #23, item 1)."""
    import segno

    from gongkai.portal.templatetags.portal import qr_svg

    settings.PUBLIC_URL = "https://www.example.gov.cn"
    page = client.get("/xxgk/catalog/", {"q": "防火" * 1500})
    assert page.status_code == 200
    expected = segno.make("https://www.example.gov.cn/xxgk/catalog/", error="m").svg_inline(
        scale=3, border=2, dark="#1a1a1a", light="#ffffff"
    )
    assert expected.split("<path", 1)[1][:200] in page.content.decode()
    before = qr_svg.cache_info().hits
    client.get("/xxgk/catalog/", {"q": "另一个查询"})
    assert qr_svg.cache_info().hits == before + 1  # the same page's code is made once
    lost = client.get("/xxgk/" + "a" * 3000 + "/")
    assert lost.status_code == 404 and "页面不存在" in lost.content.decode()
    assert 'class="page-qr"' not in lost.content.decode()  # too long for a code: the page goes without


def test_the_site_map_is_a_page_for_people_and_the_xml_stays_for_robots(client, county, test_feed):
    home = client.get("/").content.decode()
    assert 'href="/wzdt/">网站地图</a>' in home
    page = client.get("/wzdt/").content.decode()
    assert "<h1>网站地图</h1>" in page and county.name in page and "公开指南" in page and "测试栏目" in page
    assert 'href="/sitemap.xml"' in page and client.get("/sitemap.xml")["Content-Type"].startswith(
        "application/xml"
    )


def test_the_feeds_page_says_what_a_feed_is_and_gives_each_address(client, db, test_feed, settings):
    settings.PUBLIC_URL = "https://www.kelan.gov.cn"
    page = client.get("/feeds/").content.decode()
    assert "阅读器" in page and "无需注册" in page
    assert "<code>https://www.kelan.gov.cn/feeds/test/</code>" in page


def test_staff_and_applicant_pages_are_never_stored_and_public_pages_may_be(client, db, county, make_user):
    """Staff pages and the applicant's case hold personal data (issue #23 item 10)."""
    from gongkai.core.models import User
    from tests.conftest import login_verified

    for path in ("/staff/login/", "/ysq/track/", "/api/v1/applications/YSQ2026000001?code=x"):
        assert "no-store" in client.get(path).get("Cache-Control", ""), path
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    login_verified(client, make_user(User.Role.EDITOR, county, "cache-editor"))
    assert "no-store" in client.get("/staff/").get("Cache-Control", "")
    assert "no-store" in client.get("/").get("Cache-Control", "")  # a signed-in page may hold their name
