"""The editor's and reviewer's workbench through Django's test client."""

import pytest

from gongkai.publishing import services
from gongkai.publishing.models import Document
from tests.conftest import login_verified

from .factories import draft, published

ID = "142629198507071233"


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def test_an_editor_drafts_uploads_and_submits(as_editor, department):
    response = as_editor.post(
        "/staff/documents/new/",
        {"title": "关于冬季供暖的通知", "formed_on": "2026-11-20", "category": _category_pk("other"), "topic": "urban",
         "genre": "notice", "mode": "proactive", "validity": "valid", "body": "<p>供暖时间为11月1日至次年3月31日。</p><script>alert(1)</script>"},
    )  # fmt: skip
    document = Document.objects.get(title="关于冬季供暖的通知")
    assert response["Location"] == f"/staff/documents/{document.pk}/"
    assert "<script>" not in document.body
    assert document.unit == department and document.index_no.startswith(department.code)
    page = as_editor.get(f"/staff/documents/{document.pk}/").content.decode()
    assert "应于" in page and "前公开（20个工作日）" in page
    as_editor.post(f"/staff/documents/{document.pk}/submit/")
    assert Document.objects.get(pk=document.pk).status == "submitted"


def test_text_typed_without_the_editor_keeps_its_paragraphs(as_editor, editor, reviewer):
    fields = {"title": "关于春耕备耕的通知", "formed_on": "2027-02-20", "category": _category_pk("other"),
              "topic": "general", "genre": "notice", "mode": "proactive", "validity": "valid"}  # fmt: skip
    form = as_editor.get("/staff/documents/new/").text
    assert 'data-editor=""' in form and "gongkai/editor.js" in form  # the editor enhances this textarea
    as_editor.post(
        "/staff/documents/new/", {**fields, "body": "各乡镇：\r\n\r\n请备足种子 & 化肥。\r\n一、……"}
    )
    document = Document.objects.get(title="关于春耕备耕的通知")
    assert document.body == "<p>各乡镇：</p><p>请备足种子 &amp; 化肥。</p><p>一、……</p>"
    as_editor.post(f"/staff/documents/{document.pk}/edit/", {**fields, "body": "第一段\n第二段"})
    document.refresh_from_db()
    assert document.body == "<p>第一段</p><p>第二段</p>"
    services.document_submit(document=document, by=editor)
    services.document_approve(document=document, by=reviewer)
    services.document_publish(document=document, by=reviewer)
    as_editor.force_login(reviewer)
    as_editor.post(
        f"/staff/documents/{document.pk}/amend/",
        {
            "title": document.title,
            "body": "更正后的第一段\n更正后的第二段",
            "validity": "valid",
            "change_note": "更正",
        },
    )
    document.refresh_from_db()
    assert document.body == "<p>更正后的第一段</p><p>更正后的第二段</p>"


def test_the_form_names_missing_fields_in_chinese(as_editor):
    html = as_editor.post("/staff/documents/new/", {"title": "", "formed_on": "2026-13-01"}).content.decode()
    assert "请填写标题。" in html
    assert "信息形成（变更）日期格式应为 年-月-日。" in html
    assert not Document.objects.exists()


def test_the_reviewer_sees_findings_and_cannot_approve_until_handled(client, editor, reviewer):
    document = draft(editor, body=f"<p>身份证号 {ID}</p>")
    client.force_login(editor)
    client.post(f"/staff/documents/{document.pk}/submit/")
    client.force_login(reviewer)
    page = client.get(f"/staff/documents/{document.pk}/").content.decode()
    assert "个人信息检查：1 处待处理" in page and "1426**********1233" in page
    response = client.post(f"/staff/documents/{document.pk}/approve/", follow=True)
    assert "发现 1 处个人信息" in response.content.decode()
    assert Document.objects.get(pk=document.pk).status == "submitted"


def test_reviewer_publishes_and_withdraws(client, editor, reviewer):
    document = draft(editor)
    client.force_login(editor)
    client.post(f"/staff/documents/{document.pk}/submit/")
    client.force_login(reviewer)
    client.post(f"/staff/documents/{document.pk}/approve/")
    client.post(f"/staff/documents/{document.pk}/publish/", {"publish_at": ""})
    assert client.get(document.get_absolute_url()).status_code == 200
    response = client.post(f"/staff/documents/{document.pk}/withdraw/", {"reason": ""}, follow=True)
    assert "未撤回：" in response.content.decode()
    client.post(f"/staff/documents/{document.pk}/withdraw/", {"reason": "信息有误"})
    assert client.get(document.get_absolute_url()).status_code == 410


def test_editors_cannot_review_and_other_units_see_nothing(
    client, editor, reviewer, make_user, other_department
):
    document = draft(editor)
    client.force_login(editor)
    client.post(f"/staff/documents/{document.pk}/submit/")
    assert client.post(f"/staff/documents/{document.pk}/approve/").status_code == 403
    login_verified(client, make_user("office", other_department, "office2"))
    assert client.get(f"/staff/documents/{document.pk}/").status_code == 200  # the office sees every unit
    client.force_login(make_user("reviewer", other_department, "r2"))
    assert client.get(f"/staff/documents/{document.pk}/").status_code == 404
    assert document.title not in client.get("/staff/documents/").content.decode()


def test_amendment_from_the_workbench(client, editor, reviewer):
    document = published(editor, reviewer)
    client.force_login(reviewer)
    client.post(
        f"/staff/documents/{document.pk}/amend/",
        {"title": document.title, "body": "<p>新</p>", "validity": "valid", "change_note": "更正"},
    )
    document.refresh_from_db()
    assert document.version == 2
    assert "修订记录" in client.get(document.get_absolute_url()).content.decode()


def _category_pk(code):
    from gongkai.publishing.models import Category

    return Category.objects.get(code=code).pk


def test_the_dashboard_shows_reviews_waiting_and_late_documents(client, editor, reviewer):
    from datetime import date

    waiting = draft(editor, title="等待审核的稿件", formed_on=date(2026, 1, 5))
    client.force_login(editor)
    client.post(f"/staff/documents/{waiting.pk}/submit/")
    client.force_login(reviewer)
    html = client.get("/staff/").content.decode()
    assert "待我审核的稿件（1）" in html and "等待审核的稿件" in html
    assert "已超过20个工作日公开时限（1）" in html and "应于 2026-02-02 前公开" in html
    queue = client.get("/staff/documents/").content.decode()
    assert "已超过20个工作日公开时限（1）" in queue and "等待审核的稿件" in queue


def test_the_office_edits_the_catalog_tree(client, make_user, department):
    from gongkai.publishing.models import Category

    office = make_user("office", department, "office")
    login_verified(client, office)
    response = client.post(
        "/staff/documents/categories/", {"code": "rural", "name": "乡村振兴", "sort_order": 5}
    )
    assert response.status_code == 302
    rural = Category.objects.get(code="rural")
    html = client.post(
        "/staff/documents/categories/", {"code": "rural", "name": "重复", "sort_order": 1}
    ).content.decode()
    assert "已有这个代码的分类。" in html
    child = Category.objects.create(code="rural-sub", name="子类", parent=rural)
    html = client.post(
        f"/staff/documents/categories/{rural.pk}/",
        {"code": "rural", "name": "乡村振兴", "parent": child.pk, "sort_order": 5},
    ).content.decode()
    assert "上级分类不能是自身或其下级。" in html
    client.force_login(make_user("editor", department, "ed2"))
    assert client.get("/staff/documents/categories/").status_code == 403


def test_the_form_sets_co_issuers_and_what_the_document_amends(as_editor, editor, reviewer, other_department):
    old = published(editor, reviewer, title="旧版实施办法")
    fields = {"title": "新版实施办法", "formed_on": "2026-11-20", "category": _category_pk("other"), "topic": "general",
              "genre": "notice", "mode": "proactive", "validity": "valid", "body": "<p>新</p>"}  # fmt: skip
    html = as_editor.post("/staff/documents/new/", {**fields, "amends": "NO/SUCH-1"}).content.decode()
    assert "这些索引号不存在：NO/SUCH-1" in html
    as_editor.post(
        "/staff/documents/new/", {**fields, "amends": old.index_no, "co_units": [other_department.pk]}
    )
    new = Document.objects.get(title="新版实施办法")
    assert list(new.co_units.all()) == [other_department]
    from gongkai.publishing import services

    services.document_submit(document=new, by=editor)
    services.document_approve(document=new, by=reviewer)
    services.document_publish(document=new, by=reviewer)
    old.refresh_from_db()
    assert old.validity == "amended"
    page = as_editor.get(old.get_absolute_url()).content.decode()
    assert "本文件已修订" in page and "新版实施办法" in page


def test_a_document_published_for_later_offers_correction_and_withdrawal(client, editor, reviewer):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.publishing import services

    from .factories import approved

    document = approved(editor, reviewer)
    services.document_publish(document=document, by=reviewer, at=timezone.now() + timedelta(days=2))
    client.force_login(reviewer)
    page = client.get(f"/staff/documents/{document.pk}/").text
    assert "定时发布" in page and "发布修订" in page and "撤回原因" in page
    assert 'data-confirm="确认撤回？本文件将从所有公开渠道撤下' in page  # asks before it acts
    client.post(
        f"/staff/documents/{document.pk}/amend/",
        {"title": "更正后的标题", "body": "<p>新</p>", "validity": "valid", "change_note": "更正标题"},
    )
    document.refresh_from_db()
    assert (document.version, document.title) == (2, "更正后的标题")
    client.post(f"/staff/documents/{document.pk}/withdraw/", {"reason": "暂缓发布"})
    document.refresh_from_db()
    assert document.status == "withdrawn" and document.withdrawal_reason == "暂缓发布"
    assert "发布修订" not in client.get(f"/staff/documents/{document.pk}/").text


def test_a_publication_deadline_in_a_year_without_holidays_is_marked_provisional(client, editor):
    from datetime import date

    late_in_year = draft(editor, formed_on=date(2026, 12, 20))
    client.force_login(editor)
    page = client.get(f"/staff/documents/{late_in_year.pk}/").text
    # 20 working days after 12/20, with 元旦 a holiday by statute while 2027 is not imported yet.
    assert "应于 <strong>2027-01-18</strong>（暂定：跨入尚无节假日安排的年份） 前公开" in page
    this_year = draft(editor, formed_on=date(2026, 11, 2))
    assert "暂定" not in client.get(f"/staff/documents/{this_year.pk}/").text
