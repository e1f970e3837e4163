"""Bulk import at the staff desk in a real browser: upload, the job's page reaches 完成, the bar moves."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.core import import_jobs
from gongkai.core.models import ImportJob, Unit, User

from .axe import violations as axe_violations
from .test_catalog import sign_in


@pytest.fixture
def wide(browser, live_server, demo):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="zh-CN", base_url=live_server.url
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def narrow(browser, live_server, demo):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", base_url=live_server.url
    )
    yield context.new_page()
    context.close()


def test_an_editor_uploads_processes_and_the_job_page_reaches_done(wide, tmp_path):
    unit = Unit.objects.get(short_name="发改局")
    path = tmp_path / "采购项目.csv"
    path.write_text(
        "项目编号,采购单位,项目名称,采购方式,采购类别,预算金额（元）,采购标的\n"
        f"FGJ-2026-101,{unit.name},办公桌椅采购,公开招标,货物,50000,办公桌|10|张\n"
        f"FGJ-2026-102,{unit.code},会议室音响,询价,货物,20000,音响|2|套\n",
        encoding="utf-8",
    )
    sign_in(wide, "fgj_editor")
    wide.get_by_role("link", name="批量导入").first.click()
    expect(wide.locator("h1")).to_have_text("批量导入")
    assert axe_violations(wide) == []
    wide.screenshot(path="test-results/import-form-1280.png", full_page=True)
    wide.get_by_label("导入类型").select_option("procurement-processes")
    wide.get_by_label("文件", exact=True).set_input_files(path)
    expect(wide.get_by_label("全部或全不：任何一行有误，整个文件都不导入（推荐）")).to_be_checked()
    wide.get_by_role("button", name="上传并导入").click()
    expect(wide.get_by_role("status")).to_contain_text("完成：共 2 行，新增 2 行")
    assert ImportJob.objects.get().status == "done"
    assert axe_violations(wide) == []
    wide.screenshot(path="test-results/import-done-1280.png", full_page=True)


def test_the_bar_follows_a_running_job_and_the_page_turns_to_the_result(narrow):
    editor = User.objects.get(username="fgj_editor")
    job = ImportJob.objects.create(
        kind="penalties", file_name="处罚.xlsx", file_size=20480, created_by=editor,
        created_at=timezone.now(), status="running", total=1200,
    )  # fmt: skip
    import_jobs.progress_put(job.pk, 340, 1200)
    sign_in(narrow, "fgj_editor")
    narrow.goto(job.get_absolute_url())
    expect(narrow.locator("[data-import-text]")).to_have_text("已处理 340 / 1,200 行（28.3%）")
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(narrow) == []
    narrow.screenshot(path="test-results/import-running-390.png", full_page=True)
    import_jobs.progress_put(job.pk, 900, 1200)
    expect(narrow.locator("[data-import-text]")).to_have_text("已处理 900 / 1,200 行（75.0%）")
    assert narrow.locator("progress").evaluate("bar => [bar.value, bar.max]") == [900, 1200]
    ImportJob.objects.filter(pk=job.pk).update(
        status="failed", done=1200, failed=1, message="1 行有误。按“全部或全不”，未导入任何行。",
        errors=[{"row": 7, "field": "decided_on", "column": "决定日期", "message": "决定日期“2026-13-01”不是日期。"}],
    )  # fmt: skip
    expect(narrow.get_by_role("status")).to_contain_text("未导入任何行", timeout=10000)
    expect(narrow.get_by_role("table", name="有误的行")).to_contain_text("决定日期“2026-13-01”不是日期。")
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(narrow) == []
    narrow.screenshot(path="test-results/import-refused-390.png", full_page=True)
