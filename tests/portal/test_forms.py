"""Forms as a screen reader and a hurried citizen meet them: errors name the field, in Chinese, and
every description a field points at is on the page."""

import re

from gongkai.core.models import User


def dangling_descriptions(html: str) -> list[str]:
    """The ids that an aria-describedby names but the page does not hold."""
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    named = [ref for value in re.findall(r'aria-describedby="([^"]+)"', html) for ref in value.split()]
    return [ref for ref in named if ref not in ids]


def test_every_description_a_field_points_at_exists(client, department, make_user):
    pages = [
        client.get("/ysq/apply/").text,
        client.post("/ysq/apply/", {"name": ""}).text,
        client.get("/tools/workdays/", {"start": "2026-02-30", "days": "x"}).text,
    ]
    editor = make_user(User.Role.EDITOR, department, "form-editor")
    client.force_login(editor)
    pages += [
        client.get("/staff/documents/new/").text,
        client.post("/staff/documents/new/", {"title": ""}).text,
    ]
    assert all("aria-describedby" in page for page in pages[1:3])  # the errors are described
    assert [dangling_descriptions(page) for page in pages] == [[]] * len(pages)


def test_a_missing_choice_says_choose_and_a_missing_text_says_fill_in(client, department, make_user):
    html = client.post("/ysq/apply/", {"name": ""}).text
    assert "请选择向哪个机关申请。" in html and "请选择证件类型。" in html
    assert "请填写姓名或名称。" in html and "这个字段是必填项" not in html
    editor = make_user(User.Role.EDITOR, department, "form-editor-2")
    client.force_login(editor)
    html = client.post("/staff/documents/new/", {"title": ""}).text
    assert "请选择公开目录分类。" in html and "请填写标题。" in html
