from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.concerns import services
from gongkai.concerns.models import Concern
from gongkai.core.models import User
from tests.conftest import login_verified

FORM = {
    "kind": "suggest",
    "title": "建议增设公交站",
    "body": "建议在南关街增设公交站。",
    "name": "刘一",
    "phone": "13600001234",
}


def test_the_message_box_gives_a_receipt_and_the_asker_follows_up(client, db):
    png = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, content_type="image/png")
    response = client.post("/hudong/liuyan/", {**FORM, "attachment": png, "consent": "on"}, follow=True)
    page = response.content.decode()
    assert "留言编号" in page and "查询码" in page
    concern = Concern.objects.get()
    assert concern.files.get().name == "photo.png" and concern.consent
    code = page.split('查询码：<strong class="big">')[1].split("<")[0]
    tracked = client.post(
        "/hudong/liuyan/track/", {"tracking_no": concern.tracking_no, "code": code}
    ).content.decode()
    assert "已收到，待分办" in tracked and "建议增设公交站" in tracked


def test_an_empty_field_is_named_and_a_wrong_file_is_refused(client, db):
    page = client.post("/hudong/liuyan/", {**FORM, "title": ""}).content.decode()
    assert "请填写标题。" in page
    bad = SimpleUploadedFile("x.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    page = client.post("/hudong/liuyan/", {**FORM, "attachment": bad}).content.decode()
    assert "类型不受支持" in page
    assert not Concern.objects.exists()


def test_staff_triage_and_answer_through_the_pages(client, db, make_user, county, department):
    concern, _code = services.concern_submit(**{**FORM, "kind": "consult"})
    office = make_user(User.Role.OFFICE, county, "v-office")
    editor = make_user(User.Role.EDITOR, department, "v-editor")
    login_verified(client, editor)
    assert client.get(concern.get_staff_url()).status_code == 404  # not yet the unit's
    login_verified(client, office)
    assert concern.tracking_no in client.get("/staff/concerns/").content.decode()
    client.post(f"{concern.get_staff_url()}assign/", {"unit": department.pk, "kind": "consult"})
    login_verified(client, editor)
    page = client.get(concern.get_staff_url()).content.decode()
    assert "13600001234" in page  # the handler sees the contact
    client.post(f"{concern.get_staff_url()}answer/", {"answer": "已转公交公司研究。"})
    assert Concern.objects.get().status == "answered"
    assert (
        client.post(
            f"{concern.get_staff_url()}assign/", {"unit": department.pk, "kind": "consult"}
        ).status_code
        == 403
    )


def test_the_dashboard_warns_of_the_census_before_three_months(client, db, make_user, county):
    from datetime import timedelta

    from django.utils import timezone

    services.concern_submit(**FORM, received_at=timezone.now() - timedelta(days=75))
    office = make_user(User.Role.OFFICE, county, "d-office")
    login_verified(client, office)
    page = client.get("/staff/").content.decode()
    assert "满3个月即单项否决" in page


def test_an_attachment_over_the_limit_is_refused_and_the_box_is_private(client, db, settings):
    settings.ATTACHMENT_MAX_MB = 1
    big = SimpleUploadedFile(
        "photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * (1024 * 1024), content_type="image/png"
    )
    page = client.post("/hudong/liuyan/", {**FORM, "attachment": big, "consent": "on"}).content.decode()
    assert "附件不能超过 1 MB" in page and not Concern.objects.exists()
    page = client.get("/hudong/liuyan/")
    assert "no-store" in page["Cache-Control"]  # the form, receipt and follow-up are private
