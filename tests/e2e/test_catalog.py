"""The catalog in a real browser: an editor drafts, a reviewer approves and publishes, the public reads."""

from playwright.sync_api import expect

from tests.e2e.axe import violations as axe_violations

PASSWORD = "Kelan-demo-2026"


def sign_in(page, username):
    page.goto("/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.locator("h1")).to_have_text("工作台")


def docx_file(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("2026年冬季供暖收费标准表")
    path = tmp_path / "供暖收费标准.docx"
    document.save(path)
    return path


def test_editor_reviewer_and_public_path(browser, live_server, demo, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    sign_in(page, "fgj_editor")
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="主动公开").click()
    page.get_by_role("link", name="新建稿件").click()
    page.get_by_label("标题").fill("关于2026年冬季供暖价格的通知")
    page.get_by_label("发文字号").fill("岢发改发〔2026〕8号")
    page.get_by_label("信息形成（变更）日期").fill("2026-11-20")
    page.get_by_label("公开目录分类").select_option(label="其他")
    page.get_by_label("正文", exact=True).fill(
        "居民供暖价格每平方米每月5.2元。举报人：王小明，身份证号 142629198507071233。"
    )
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator("main")).to_contain_text("草稿已保存")
    page.screenshot(path="test-results/staff-detail-findings.png", full_page=True)
    expect(page.get_by_role("heading", name="个人信息检查：2 处待处理")).to_have_count(1)
    assert axe_violations(page) == []
    page.get_by_role("button", name="正文和元数据一键去标识化").click()
    expect(page.get_by_role("heading", name="个人信息检查：2 处待处理")).to_have_count(0)
    page.get_by_label("上传附件（PDF、OFD、DOCX、XLSX 等）").set_input_files(str(docx_file(tmp_path)))
    page.get_by_role("button", name="上传", exact=True).click()
    expect(page.locator("main")).to_contain_text("附件已上传")
    page.get_by_role("button", name="提交审核").click()
    expect(page.locator("main")).to_contain_text("已提交审核")
    page.get_by_role("button", name="退出（发改局 编辑 张伟）").click()
    expect(page.locator("main")).to_contain_text("已安全退出")

    sign_in(page, "fgj_reviewer")
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="主动公开").click()
    page.get_by_role("link", name="关于2026年冬季供暖价格的通知").first.click()
    page.get_by_role("button", name="审核通过").click()
    page.once("dialog", lambda dialog: dialog.accept())  # 确认发布？… (an irreversible action asks first)
    page.get_by_role("button", name="发布", exact=True).click()
    expect(page.locator("main")).to_contain_text("已发布")
    page.get_by_role("link", name="查看公开页面").click()
    expect(page.locator("h1")).to_have_text("关于2026年冬季供暖价格的通知")
    assert "1426**********1233" in page.content() and "142629198507071233" not in page.content()
    assert page.get_by_role("link", name="供暖收费标准.docx").count() == 1
    assert axe_violations(page) == []
    context.close()

    phone = browser.new_context(viewport={"width": 375, "height": 740}, base_url=live_server.url).new_page()
    phone.goto("/xxgk/catalog/")
    phone.get_by_role("link", name="关于2026年冬季供暖价格的通知").click()
    expect(phone.locator("h1")).to_have_text("关于2026年冬季供暖价格的通知")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    title, meta = phone.locator("h1").bounding_box(), phone.locator(".doc-meta-table").bounding_box()
    assert (
        title["y"] + title["height"] < 300 < meta["y"] + meta["height"] < 740
    )  # title first, the facts compact
    phone.screenshot(path="test-results/document-375.png", full_page=True)
    phone.goto("/xxgk/catalog/")
    assert axe_violations(phone) == []
    phone.goto("/xxgk/log/")
    expect(phone.get_by_role("cell", name="发布", exact=True).first).to_be_visible()
    assert phone.locator("table.log").bounding_box()["width"] <= 375  # one card per entry, no sideways scroll
    assert phone.locator("table.log tbody tr").first.evaluate("r => getComputedStyle(r).display") == "block"
    assert axe_violations(phone) == []
