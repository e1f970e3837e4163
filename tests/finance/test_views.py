from datetime import date, timedelta
from urllib.parse import quote

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.finance.types import FEE_ITEMS
from gongkai.records import registry
from gongkai.records import services as records
from tests.conftest import login_verified, make_unit
from tests.matters.test_matters import matter_data

from .workbooks import expense, sangong, standard, workbook


def test_the_report_page_shows_its_tables_accessibly_and_offers_the_original(client, make_report):
    report = make_report()
    page = client.get(report.get_absolute_url()).content.decode()
    assert "<caption>2. 支出总表（单位：万元）</caption>" in page
    assert '<th scope="col">基本支出</th>' in page and '<th scope="row">一般公共服务支出</th>' in page
    assert 'role="region" aria-label="支出总表（可左右滑动）" tabindex="0"' in page
    assert '<th scope="col">收入项目</th>' in page and '<th scope="col">支出项目</th>' in page  # side by side
    download = client.get(f"/finance/reports/{report.index_no}/file")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert quote("预算公开.pdf") in download["Content-Disposition"]


def test_nothing_of_a_draft_is_public(client, make_report):
    report = make_report(publish=False)
    assert client.get(report.get_absolute_url()).status_code == 404
    assert client.get(f"/finance/reports/{report.index_no}/file").status_code == 404
    assert client.get(f"/finance/sangong/{report.unit.code}/").status_code == 404
    assert report.title not in client.get("/finance/").content.decode()
    assert client.get(f"/api/v1/finance/reports/{report.index_no}/tables").status_code == 404
    assert client.get("/api/v1/finance/sangong", {"unit": report.unit.code}).json()["years"] == []


def test_a_units_sangong_page_shows_years_change_and_a_chart_with_its_table(client, make_report, department):
    make_report(2014, tables=workbook({"三公经费支出表": sangong(purchase=20, operation=20, reception=10)}))
    make_report(2015, tables=workbook({"三公经费支出表": sangong(purchase=0, operation=36, reception=9)}))
    make_report(
        2014,
        "dept_final",
        tables=workbook(
            {"三公经费支出表": sangong(purchase=20, operation=20, reception=10, actual=(0, 20, 18, 7))}
        ),
    )
    page = client.get(f"/finance/sangong/{department.code}/").content.decode()
    assert (
        '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page and 'src="http' not in page
    )
    assert '<th scope="col">2014年预算</th>' in page and '<th scope="col">2014年决算</th>' in page
    assert "<td>-10.0%</td>" in page  # 45 against 50: the budget fell by a tenth
    assert "<td>45.00</td>" in page and "<td>50.00</td>" in page and "<td>45.00</td>" in page
    assert "<td>7.00</td>" in page  # the 2014 final accounts' 公务接待费


def test_the_county_page_takes_the_government_reports_and_lists_the_departments(client, make_report, county):
    make_report(
        2015,
        "gov_budget",
        unit=county,
        tables=workbook({"三公经费支出表": sangong(purchase=40, operation=272.5, reception=86.2)}),
    )
    make_report(2015)
    page = client.get("/finance/sangong/").content.decode()
    assert "<td>398.70</td>" in page  # the county's own total, from its 政府预算
    assert "2015年各部门“三公”经费" in page and "测试县财政局" in page
    body = client.get("/api/v1/finance/sangong").json()
    assert body["unit"] is None and body["years"][0]["budget"]["total"] == 398.7
    assert body["years"][0]["budget"]["vehicle_operation"] == 272.5 and body["years"][0]["actual"] is None


def test_the_api_gives_a_reports_tables_and_a_units_change_over_the_year(client, make_report):
    first = make_report(
        2014, tables=workbook({"三公经费支出表": sangong(purchase=0, operation=40, reception=10)})
    )
    make_report(2015, tables=workbook({"三公经费支出表": sangong(purchase=0, operation=44, reception=11)}))
    body = client.get("/api/v1/finance/sangong", {"unit": first.unit.code}).json()
    assert [y["year"] for y in body["years"]] == [2014, 2015]
    assert body["years"][1]["change_percent"] == {"budget": 10.0, "actual": None}
    tables = client.get(f"/api/v1/finance/reports/{first.index_no}/tables").json()
    assert tables["unit_of_measure"] == "万元" and tables["tables"][0]["rows"][0]["name"] == "合计"
    assert client.get("/api/v1/finance/sangong", {"unit": "X" * 18}).status_code == 404


def test_the_office_sees_who_has_not_published_and_the_days_left(
    client, make_report, make_user, county, department, other_department, settings
):
    settings.FINANCE_BUDGET_DAYS = 20
    today = timezone.localdate()
    make_report(today.year, "gov_budget", unit=county, approved_on=today - timedelta(days=5))
    make_report(today.year, approved_on=today - timedelta(days=3))  # 财政局 published: not listed
    office = make_user("office", county)
    other_editor = make_user("editor", other_department, "mz-editor")
    make_unit("测试县林业局", 4, parent=county)  # no staff here: named apart, not listed
    login_verified(client, office)
    page = client.get("/staff/finance/").content.decode()
    assert "测试县民政局" in page and f"{today.year}年部门预算" in page and "15 天" in page
    assert "在本平台公开预决算的 2 个部门中，" in page and "部门预算已公开 <strong>1</strong> 个" in page
    table, note = page.split("另有 1 个部门尚未开通本平台账号")
    assert "测试县林业局" not in table and "测试县林业局" in note
    assert f"{today.year - 1}年部门决算" in page
    rows = [row for row in page.split("<tr>") if "测试县财政局" in row]
    assert rows and all(
        "部门预算" not in row for row in rows
    )  # its budget is out; its final accounts are not
    login_verified(client, other_editor)
    assert client.get("/staff/finance/").status_code == 403


def test_staff_upload_tables_with_a_bad_total_see_the_cell_named_in_chinese(client, make_report, staff):
    report = make_report(publish=False)
    login_verified(client, staff[0])
    sheet = expense()
    sheet[2][3] = 1

    response = client.post(
        f"/staff/finance/reports/{report.pk}/tables/",
        {"file": SimpleUploadedFile("表.xlsx", workbook({"支出总表": sheet}))},
        follow=True,
    )
    assert "表格未导入：支出总表 第3行 合计（基本支出） 与各行之和不符" in response.content.decode()
    response = client.post(
        f"/staff/finance/reports/{report.pk}/tables/",
        {"file": SimpleUploadedFile("表.xlsx", standard())},
        follow=True,
    )
    assert "已导入 3 张表" in response.content.decode()
    assert "导入表格（XLSX" in response.content.decode()  # the upload form on the draft's staff page


def _publish(record_type, record, editor, reviewer):
    records.record_submit(record_type, record, by=editor)
    records.record_approve(record_type, record, by=reviewer)
    records.record_publish(record_type, record, by=reviewer)


def test_the_fee_catalog_links_the_matter_that_charges_it_once_that_matter_is_public(
    client, department, staff
):
    editor, reviewer = staff
    matters = registry.get("matters")
    matter = records.record_create(matters, by=editor, unit=department, data=matter_data(
        department, name="不动产登记", fees="按规定收取不动产登记费"))  # fmt: skip
    item = records.record_create(FEE_ITEMS, by=editor, unit=department, data={
        "name": "不动产登记费", "code": "FEE-001", "basis": "发改价格规〔2016〕2559号", "standard": "住宅类每件80元",
        "collector": "测试县不动产登记中心", "matter": matter, "formed_on": date(2016, 12, 1)})  # fmt: skip
    _publish(FEE_ITEMS, item, editor, reviewer)
    page = client.get("/finance/fees/").content.decode()
    assert "不动产登记费" in page and "住宅类每件80元" in page
    assert "不动产登记</a>" not in page  # the matter is still a draft: not linked
    _publish(matters, matter, editor, reviewer)
    assert (
        f'<a href="{matter.get_absolute_url()}">不动产登记</a>'
        in client.get("/finance/fees/").content.decode()
    )


def test_a_matter_page_shows_the_fees_linked_to_it_and_staff_see_a_guide_that_says_free(
    client, department, staff
):
    editor, reviewer = staff
    matters = registry.get("matters")
    matter = records.record_create(matters, by=editor, unit=department, data=matter_data(
        department, name="居民身份证申领", fees="不收费"))  # fmt: skip
    _publish(matters, matter, editor, reviewer)
    item = records.record_create(FEE_ITEMS, by=editor, unit=department, data={
        "name": "居民身份证工本费", "code": "FEE-003", "basis": "《居民身份证法》第二十条", "standard": "首次申领每证20元",
        "collector": "测试县公安局", "matter": matter, "formed_on": date(2016, 12, 1)})  # fmt: skip

    def guide_fees(page: str) -> str:
        return page.split("收费标准及依据</th><td>")[1].split("</td>")[0]

    assert (
        guide_fees(client.get(matter.get_absolute_url()).content.decode()) == "不收费"
    )  # the fee is a draft
    _publish(FEE_ITEMS, item, editor, reviewer)
    shown = guide_fees(client.get(matter.get_absolute_url()).content.decode())
    assert "居民身份证工本费" in shown and "首次申领每证20元" in shown and "不收费" not in shown
    assert f'href="{item.get_absolute_url()}"' in shown
    login_verified(client, editor)
    staff_page = client.get(matter.get_staff_url()).content.decode()
    assert (
        "收费标准写为“不收费”，但行政事业性收费目录中有收费项目对应本事项（居民身份证工本费）" in staff_page
    )
