"""Following a procurement process on a phone: from the list to its page, intention to contract."""

from gongkai.core.models import Unit, User
from gongkai.demo.county import staff_of
from tests.e2e.axe import violations as axe_violations
from tests.procurement.factories import course, make_process


def test_a_process_is_followed_from_the_list_to_its_page_on_a_phone(phone):
    unit = Unit.objects.get(short_name="县政府办")
    editor, reviewer = (
        User.objects.get(username=staff_of("县政府办", role)) for role in ("editor", "reviewer")
    )
    process = make_process(unit)
    course(process, editor, reviewer, ("intention", "tender", "award", "contract"))
    phone.goto("/zfcg/?method=open")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(phone) == []
    phone.get_by_role("link", name=process.title).click()
    phone.wait_for_url(f"**/zfcg/{process.code}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    steps = phone.get_by_role("list", name="采购进展")
    assert steps.locator("li.done").count() == 4
    supplier = phone.locator("td[data-label='供应商']").first
    assert supplier.inner_text() == "岢岚县鑫源商贸有限公司"
    assert supplier.evaluate("td => getComputedStyle(td).display") == "block"  # a card, not a table row
    phone.screenshot(path="test-results/procurement-process-phone.png", full_page=True)
    assert axe_violations(phone) == []


def test_an_editor_adds_the_tender_file_and_the_public_downloads_it_from_the_process_page(
    browser, live_server, phone, tmp_path
):
    from playwright.sync_api import expect

    from gongkai.core import workflow
    from gongkai.procurement.models import Notice
    from tests.procurement.factories import draft

    from .test_catalog import sign_in

    unit = Unit.objects.get(short_name="县政府办")
    editor, reviewer = (
        User.objects.get(username=staff_of("县政府办", role)) for role in ("editor", "reviewer")
    )
    process = make_process(unit)
    course(process, editor, reviewer, ("intention",))
    notice = draft(process, "tender", editor)
    pdf = tmp_path / "招标文件.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    staff = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url).new_page()
    sign_in(staff, staff_of("县政府办", "editor"))
    staff.goto(notice.get_staff_url())
    section = staff.get_by_role("region", name="公告附件")
    section.get_by_label("文件类型").select_option(label="招标（采购）文件")
    section.get_by_label("上传附件（PDF、OFD、DOCX、XLSX 等）").set_input_files(str(pdf))
    section.get_by_role("button", name="上传", exact=True).click()
    expect(
        staff.get_by_role("region", name="公告附件").get_by_role("cell", name="招标文件.pdf", exact=True)
    ).to_be_visible()
    assert axe_violations(staff) == []
    staff.screenshot(path="test-results/procurement-notice-files-staff.png", full_page=True)

    workflow.submit(Notice.objects.get(pk=notice.pk), by=editor)
    workflow.approve(Notice.objects.get(pk=notice.pk), by=reviewer)
    workflow.publish(Notice.objects.get(pk=notice.pk), by=reviewer)
    phone.goto(f"/zfcg/{process.code}/")
    files = phone.get_by_role("list", name="采购公告附件")
    expect(files.get_by_role("link", name="招标文件.pdf")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(phone) == []
    with phone.expect_download() as download:
        files.get_by_role("link", name="招标文件.pdf").click()
    assert download.value.suggested_filename == "招标文件.pdf"
    phone.screenshot(path="test-results/procurement-files-phone.png", full_page=True)
