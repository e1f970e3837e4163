"""The annual report: section 三 equals an independent count of the cases; checks; every output format."""

import json
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command

from gongkai.applications.models import Application
from gongkai.reports.annual import annual_report, checks
from tests.conftest import module_demo

COLUMNS = ["natural", "business", "research", "public_interest", "legal_service", "other"]


loaded = module_demo(records=False)


@pytest.fixture
def demo(loaded, db):
    """The demo county without its records; each test's changes are undone after it."""
    return loaded


def independent_section3(year):
    """Count the cases again, the plain way: one pass over every case in Python."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows = {key: Counter() for key in ("new", "carried_over", "carried_forward", "results")}
    by_category = {}
    for case in Application.objects.exclude(received_on=None).prefetch_related("events"):
        withdrawn = next((e.date for e in case.events.all() if e.kind == "withdrawn"), None)
        closed = case.replied_on or withdrawn
        if start <= case.received_on <= end:
            rows["new"][case.applicant_type] += 1
        if case.received_on < start and not (closed and closed < start):
            rows["carried_over"][case.applicant_type] += 1
        if case.received_on <= end and not (closed and closed <= end):
            rows["carried_forward"][case.applicant_type] += 1
        if closed and start <= closed <= end:
            code = case.reply_category or "6.3"
            by_category.setdefault(code, Counter())[case.applicant_type] += 1
            rows["results"][case.applicant_type] += 1
    return rows, by_category


def test_the_demo_report_matches_an_independent_count(demo):
    from gongkai.core.models import Unit

    for year in (2015, 2016):
        report = annual_report(year)
        table = report["section3"]["rows"]
        rows, by_category = independent_section3(year)
        for key in ("new", "carried_over", "carried_forward"):
            assert {c: table[key][c] for c in COLUMNS} == {c: rows[key][c] for c in COLUMNS}, (year, key)
        assert {c: table["total"][c] for c in COLUMNS} == {c: rows["results"][c] for c in COLUMNS}
        for code, counts in by_category.items():
            assert {c: table[code][c] for c in COLUMNS} == {c: counts[c] for c in COLUMNS}, (year, code)
        assert report["checks"] == []
    assert annual_report(2015)["section3"]["rows"]["carried_forward"]["total"] == 1
    assert annual_report(2016)["section3"]["rows"]["carried_over"]["total"] == 1
    report = annual_report(2015)
    assert report["section2"]["normative"]["issued"] == 2  # 羊十条 and 三支贷
    assert report["section4"]["reconsideration"]["total"] == 3
    assert report["section4"]["litigation_direct"]["upheld"] == 1
    per_unit = sum(
        annual_report(2015, unit)["section3"]["rows"]["new"]["total"] for unit in Unit.objects.all()
    )
    assert per_unit == report["section3"]["rows"]["new"]["total"]


def test_a_broken_table_fails_its_checks(db):
    report = annual_report(2015)
    report["section3"]["rows"]["new"]["natural"] += 1
    report["section3"]["rows"]["3"]["business"] += 1
    assert {c.cell for c in checks(report)} == {"section3.natural", "section3.3.business"}


def test_api_cli_and_portal_outputs(demo, client, tmp_path):
    body = client.get("/api/v1/reports/annual/2015").json()
    assert set(body) >= {"year", "unit", "section2", "section3", "section4"}
    assert body["section3"]["columns"] == [*COLUMNS, "total"]
    assert client.get("/api/v1/reports/annual/2015", {"unit": "NOPE"}).status_code == 404
    call_command(
        "annual-report".replace("-", "_"), "2015", "--format", "json", "-o", str(tmp_path / "r.json")
    )
    assert json.loads((tmp_path / "r.json").read_text())["section3"] == body["section3"]
    call_command("annual_report", "2015", "--format", "docx", "-o", str(tmp_path / "r.docx"))
    import docx

    text = "\n".join(
        c.text for t in docx.Document(str(tmp_path / "r.docx")).tables for r in t.rows for c in r.cells
    )
    assert "一、本年新收政府信息公开申请数量" in text and "结果纠正" in text
    call_command("annual_report", "2015", "--format", "pdf", "-o", str(tmp_path / "r.pdf"))
    from pypdf import PdfReader

    pdf_text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "r.pdf")).pages)
    assert "政府信息公开工作年度报告" in pdf_text
    call_command("annual_report", "2015", "--format", "html", "-o", str(tmp_path / "r.html"))
    assert "（七）总计" in (tmp_path / "r.html").read_text()
    html = client.get("/xxgk/report/2015/").content.decode()
    assert "岢岚县人民政府2015年政府信息公开工作年度报告" in html and "（七）总计" in html
    assert client.get("/xxgk/report/2015/", {"format": "docx"})["Content-Type"].startswith(
        "application/vnd.openxml"
    )
    assert client.get("/xxgk/report/1990/").status_code == 404


def test_every_number_opens_the_cases_behind_it(demo, client, make_user):
    from gongkai.core.models import Unit
    from gongkai.reports.annual import ROW_ORDER, section3_cases
    from tests.conftest import login_verified

    report = annual_report(2015)
    for row in ROW_ORDER:
        for column in [*COLUMNS, "total"]:
            assert (
                section3_cases(2015, None, row, column).count() == report["section3"]["rows"][row][column]
            ), (row, column)
    office = make_user("office", Unit.objects.get(short_name="县政府办"), "office2")
    login_verified(client, office)
    page = client.get("/staff/reports/annual/2015/").content.decode()
    assert (
        "/staff/reports/annual/2015/cell/3.4/natural/" in page
        or "/staff/reports/annual/2015/cell/1/natural/" in page
    )
    from gongkai.reports.annual import section2_documents, section4_reviews

    assert (
        len(section4_reviews(2015, None, "reconsideration", "total"))
        == report["section4"]["reconsideration"]["total"]
    )
    assert (
        len(section4_reviews(2015, None, "reconsideration", "pending"))
        == report["section4"]["reconsideration"]["pending"]
    )
    assert (
        section2_documents(2015, None, "normative", "issued").count()
        == report["section2"]["normative"]["issued"]
    )
    assert "/staff/reports/annual/2015/documents/normative/issued/" in page
    assert "/staff/reports/annual/2015/reviews/reconsideration/total/" in page
    assert "羊产业" in client.get("/staff/reports/annual/2015/documents/normative/issued/").content.decode()
    assert client.get("/staff/reports/annual/2015/reviews/reconsideration/total/").status_code == 200
    cell = client.get("/staff/reports/annual/2015/cell/1/total/").content.decode()
    assert f"（{report['section3']['rows']['1']['total']}）" in cell
    editor = make_user("editor", Unit.objects.get(short_name="财政局"), "ed3")
    client.force_login(editor)
    assert client.get("/staff/reports/annual/2015/").status_code == 403


def test_public_statistics_with_charts(demo, client):
    html = client.get("/xxgk/stats/", {"year": 2015}).content.decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" viewBox') == 3
    assert "2015年每月收到政府信息公开申请数" in html
    assert "按期答复率" in html and "平均用时" in html
    from gongkai.reports.statistics import year_statistics

    stats = year_statistics(2015)
    assert sum(n for _m, n in stats.received_by_month) == 61  # 60 cases and the one received on 12-29
    assert sum(n for _m, n in stats.outcomes) == stats.replied
    assert client.get("/xxgk/stats/", {"year": 1900}).status_code == 404


def test_the_office_writes_finalises_and_corrects_the_report(demo, client, make_user):
    from gongkai.core.models import Unit
    from gongkai.publishing import services as publishing
    from gongkai.publishing.models import Document
    from tests.conftest import login_verified

    office = make_user("office", Unit.objects.get(short_name="县政府办"), "office3")
    login_verified(client, office)
    page = client.get("/staff/reports/annual/2015/").content.decode()
    assert "收到政府信息公开申请61件" in page  # pre-filled with the facts the system knows
    response = client.post(
        "/staff/reports/annual/2015/",
        {"overview": "概述", "problems": "", "other": "无", "finalize": "1"},
        follow=True,
    )
    assert "请填写“五、存在的主要问题及改进情况”" in response.content.decode()
    client.post(
        "/staff/reports/annual/2015/",
        {
            "overview": "概述",
            "problems": "公开解读不够",
            "other": "无",
            "fees_collected": "1.25",
            "fees_override_reason": "县公安局收费金额尚未公开",
            "finalize": "1",
        },
    )
    fees = client.get("/api/v1/reports/annual/2015").json()["section2"]["fees"]
    assert fees == 1.25  # the office's override of the counted 行政事业性收费 cell, with its reason
    document = Document.objects.get(title="岢岚县人民政府2015年政府信息公开工作年度报告")
    assert document.status == "submitted" and document.category.code == "annual-report"
    client.post(  # finalised again while in review: the reviewer gets the new text, not the old one
        "/staff/reports/annual/2015/",
        {
            "overview": "概述（修改）",
            "problems": "公开解读不够",
            "other": "无",
            "fees_collected": "1.25",
            "fees_override_reason": "县公安局收费金额尚未公开",
            "finalize": "1",
        },
    )
    document.refresh_from_db()
    assert document.status == "submitted" and "概述（修改）" in document.body and document.version == 1
    public = client.get("/xxgk/report/2015/").content.decode()
    assert (
        "概述（修改）" not in public and public.count("此部分将在正式报告发布后显示") == 3
    )  # not public yet
    assert "2015年</th>\n    <td>尚未发布正式报告" in client.get("/xxgk/report/").content.decode()
    reviewer = make_user("office", Unit.objects.get(short_name="县政府"), "office4")
    publishing.document_approve(document=document, by=reviewer)
    publishing.document_publish(document=document, by=reviewer)
    public = client.get("/xxgk/report/2015/").content.decode()
    assert "概述（修改）" in public and "公开解读不够" in public and document.get_absolute_url() in public
    listing = client.get("/xxgk/report/").content.decode()
    assert "2015年</th>\n    <td>已发布" in listing and "数据截至" in listing  # this year runs to today
    assert 'href="/xxgk/report/2015/">2015年政府信息公开工作年度报告' in client.get("/xxgk/").content.decode()
    assert "（七）总计" in client.get(document.get_absolute_url()).content.decode()
    client.post(
        "/staff/reports/annual/2015/",
        {"overview": "概述（更正）", "problems": "公开解读不够", "other": "无", "finalize": "1"},
    )
    document.refresh_from_db()
    assert document.version == 2 and "概述（更正）" in document.body


def test_unit_timeliness_chart_table_and_csv(demo, client, make_user):
    from gongkai.core.models import Unit
    from gongkai.reports.timeliness import unit_timeliness
    from tests.conftest import login_verified

    rows = unit_timeliness(2015)
    assert sum(r.answered for r in rows) == 61 - 1  # one 2015 case is answered in 2016
    assert sum(r.published for r in rows) == 7  # the seed documents dated 2015
    office = make_user("office", Unit.objects.get(short_name="县政府办"), "office5")
    login_verified(client, office)
    html = client.get("/staff/reports/timeliness/", {"year": 2015}).content.decode()
    assert (
        "各单位按时率" in html
        and 'role="img"' in html
        and "<caption>各单位时效（图表的数据）</caption>" in html
    )
    response = client.get("/staff/reports/timeliness/", {"year": 2015, "format": "csv"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff单位,统一社会信用代码") and len(text.strip().splitlines()) == 46
    client.force_login(make_user("reviewer", Unit.objects.get(short_name="财政局"), "r9"))
    assert client.get("/staff/reports/timeliness/").status_code == 403


def test_work_summary_draft_has_the_seed_report_shape_and_real_figures(demo, client, make_user):
    from gongkai.core.models import Unit
    from gongkai.reports.summary import work_summary
    from tests.conftest import login_verified

    parts = dict(work_summary(2015))
    assert next(iter(parts)) == "一、全面深化政府信息公开工作" and "八、依申请公开工作情况" in parts
    assert "全年主动公开政府信息7条" in parts["一、全面深化政府信息公开工作"]
    assert "共发布土地征收、使用信息0条，保障性住房与房屋征收信息1条" in parts["五、加强公共资源配置信息公开"]
    assert "全年收到政府信息公开申请61件" in parts["八、依申请公开工作情况"]
    login_verified(client, make_user("office", Unit.objects.get(short_name="县政府办"), "office6"))
    assert "2015年政务公开工作总结" in client.get("/staff/reports/summary/2015/").content.decode()
    assert client.get("/staff/reports/summary/2015/", {"format": "docx"}).content[:2] == b"PK"


def test_in_force_counts_that_do_not_add_up_are_a_warning_not_a_block(demo):
    report = annual_report(2015)
    assert report["checks"] == []
    # in 2015 two normative documents were issued and none was in force before, so it adds up
    assert report["warnings"] == []
    from gongkai.reports.annual import in_force_warnings

    report["section2"]["normative"]["in_force"] += 1
    [warning] = in_force_warnings(2015, None, report)
    assert warning.warning and "行政规范性文件现行有效件数为3" in warning.message


@pytest.mark.django_db
def test_in_force_is_counted_as_things_stood_at_the_year_end(department, make_user):
    from datetime import datetime

    from django.utils import timezone

    from gongkai.core.models import User
    from gongkai.publishing import services as publishing
    from gongkai.reports.annual import section2
    from tests.publishing.factories import approved

    editor = make_user(User.Role.EDITOR, department, "ed-if")
    reviewer = make_user(User.Role.REVIEWER, department, "rv-if")

    def publish_on(document, day):
        moment = timezone.make_aware(datetime(day.year, day.month, day.day, 10))
        return publishing.document_publish(document=document, by=reviewer, at=moment, now=moment)

    old = publish_on(approved(editor, reviewer, genre="normative", title="旧办法"), date(2024, 3, 1))
    repeal = approved(editor, reviewer, genre="normative", title="新办法", relations=[("repeals", old)])
    publish_on(repeal, date(2025, 6, 1))
    assert section2(2024, department)["normative"]["in_force"] == 1  # repealed only in 2025
    assert section2(2025, department)["normative"] == {"issued": 1, "repealed": 1, "in_force": 1}
