"""The body editor in a real browser, under the site's Content Security Policy, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from gongkai.publishing.models import Document
from tests.e2e.axe import violations as axe_violations
from tests.e2e.test_catalog import sign_in
from tests.publishing.test_content import WORD

TITLE = "关于做好2027年春耕备耕工作的通知"
PASTE = """(data) => {
  const clipboard = new DataTransfer();
  Object.entries(data).forEach(([type, value]) => clipboard.setData(type, value));
  document.activeElement.dispatchEvent(new ClipboardEvent("paste", {clipboardData: clipboard, bubbles: true, cancelable: true}));
}"""


def console_errors(page) -> list[str]:
    """Collect the page's console errors, where Chromium reports what the Content Security Policy blocked."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def desk(browser, live_server, demo):
    """Yield a desktop page signed in as the demo editor, and the console errors it logs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    errors = console_errors(page)
    sign_in(page, "fgj_editor")
    yield page, errors
    context.close()


def new_draft(page):
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="主动公开").click()
    page.get_by_role("link", name="新建稿件").click()
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("信息形成（变更）日期").fill("2027-02-20")
    page.get_by_label("公开目录分类").select_option(label="其他")


def test_an_editor_writes_paragraphs_a_heading_and_a_list(desk):
    page, errors = desk
    new_draft(page)
    body = page.get_by_role("textbox", name="正文")
    body.click()
    page.keyboard.type("各乡镇人民政府，县直各单位：")
    page.keyboard.press("Enter")
    page.keyboard.type("一、总体要求")
    page.get_by_label("段落格式").select_option(label="二级标题")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("确保春耕生产顺利进行。")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="项目列表").click()
    page.keyboard.type("种子")
    page.keyboard.press("Enter")
    page.keyboard.type("化肥")
    expect(page.get_by_role("button", name="项目列表")).to_have_attribute("aria-pressed", "true")
    assert axe_violations(page) == []
    page.keyboard.press("Tab")  # the keyboard leaves the editor: Tab is not captured
    expect(body).not_to_be_focused()
    page.screenshot(path="test-results/editor-1280.png", full_page=True)
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator("main")).to_contain_text("草稿已保存")

    stored = Document.objects.get(title=TITLE).body
    assert stored == (
        "<p>各乡镇人民政府，县直各单位：</p><h2>一、总体要求</h2><p>确保春耕生产顺利进行。</p>"
        "<ul><li>种子</li><li>化肥</li></ul>"
    )
    preview = page.locator(".document.body")
    expect(preview.locator("p")).to_have_count(2)
    expect(preview.locator("h2")).to_have_text("一、总体要求")
    expect(preview.locator("ul > li")).to_have_text(["种子", "化肥"])
    page.get_by_role("link", name="修改").click()
    expect(page.get_by_role("textbox", name="正文").locator("h2")).to_have_text("一、总体要求")
    assert axe_violations(page) == []
    assert errors == []


def test_pasted_text_keeps_its_lines_and_word_loses_its_styles(desk):
    page, errors = desk
    new_draft(page)
    page.get_by_role("textbox", name="正文").click()
    page.evaluate(PASTE, {"text/plain": "第一段：春耕。\n第二段：备耕。\n"})
    page.evaluate(PASTE, {"text/html": WORD, "text/plain": "一、总体要求"})
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator("main")).to_contain_text("草稿已保存")
    assert Document.objects.get(title=TITLE).body == (
        "<p>第一段：春耕。</p><p>第二段：备耕。</p><h2>一、总体要求</h2><p>各乡镇人民政府，县直各单位：</p>"
        "<ul><li>落实种子</li></ul><table><tbody><tr><td><strong>项目</strong></td></tr></tbody></table>"
    )
    assert errors == []  # Word's inline styles never reached a parser, so the policy had nothing to block


def test_an_untouched_body_is_saved_as_it_was_and_header_cells_keep_the_textarea(desk):
    from gongkai.core.models import User
    from tests.publishing.factories import draft

    editor = User.objects.get(username="fgj_editor")
    simple = draft(editor, title="简单正文", body="<p>注<sup>1</sup>：<u>下划线</u></p><hr><p>附件</p>")
    tabled = draft(
        editor,
        title="有表头的正文",
        body='<table><tr><th scope="col">项目</th></tr><tr><td>甲</td></tr></table>',
    )
    page, errors = desk
    for document in (simple, tabled):
        page.goto(f"/staff/documents/{document.pk}/edit/")
        page.get_by_label("标题").fill(document.title + "（改）")
        page.get_by_role("button", name="保存草稿").click()
        expect(page.locator("main")).to_contain_text("已保存")
        before = document.body
        document.refresh_from_db()
        assert document.body == before
    expect(page.get_by_role("textbox", name="正文")).to_have_count(0)
    page.goto(f"/staff/documents/{tabled.pk}/edit/")
    expect(page.get_by_text("正文含有表头或合并单元格")).to_be_visible()
    expect(page.get_by_label("正文", exact=True)).to_have_value(tabled.body)
    assert errors == []


def test_the_editor_fits_a_phone_and_its_toolbar_wraps(browser, live_server, demo):
    page = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url).new_page()
    sign_in(page, "fgj_editor")
    page.goto("/staff/documents/new/")
    toolbar = page.get_by_role("toolbar", name="正文格式")
    expect(toolbar).to_be_visible()
    box = toolbar.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("textbox", name="正文").click()
    page.get_by_role("button", name="插入表格").click()
    expect(page.get_by_role("button", name="加一行")).to_be_visible()  # table tools appear inside a table
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []
    page.screenshot(path="test-results/editor-390.png", full_page=True)


def test_without_javascript_typed_lines_become_paragraphs(browser, live_server, demo):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}, base_url=live_server.url
    )
    page = context.new_page()
    sign_in(page, "fgj_editor")
    new_draft(page)
    page.get_by_label("正文").fill("第一段：春耕。\n\n第二段：备耕 <及时> 到位。")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator("main")).to_contain_text("草稿已保存")
    assert (
        Document.objects.get(title=TITLE).body
        == "<p>第一段：春耕。</p><p>第二段：备耕 &lt;及时&gt; 到位。</p>"
    )
    context.close()
