"""The public form, the applicant's view and the handler's screens through Django's test client."""

from datetime import date
from urllib.parse import unquote

from django.core import mail
from django.test import Client

from gongkai.applications.models import Application
from tests.conftest import login_verified

from .conftest import ID


def form_data(client, department, **overrides):
    page = client.get("/ysq/apply/")
    started = page.context["form"]["started"].value()
    data = {
        "unit": department.pk, "applicant_type": "natural", "name": "李四", "id_type": "resident_id", "id_number": ID,
        "phone": "13912345678", "description": "2025年低保发放名册（去除个人信息）", "form": "email", "email": "lisi@example.com",
        "started": started,
    }  # fmt: skip
    data.update(overrides)
    return data


def test_apply_then_track(client, department):
    response = client.post("/ysq/apply/", form_data(client, department))
    assert response["Location"] == "/ysq/submitted/"
    page = client.get("/ysq/submitted/")
    tracking_no, code = page.context["tracking_no"], page.context["code"]
    receipt = page.content.decode()
    assert code in receipt and tracking_no in receipt and "政府信息公开申请回执" in receipt
    assert department.name in receipt and "无法找回" in receipt and "data-print" in receipt
    from django.utils import timezone

    from gongkai.core.calendar_data import load_calendar

    due = load_calendar().due_date(timezone.localdate(), 20).due_date
    assert f"{due.year}年{due.month}月{due.day}日" in receipt  # by when, if received today
    assert client.get("/ysq/submitted/")["Location"] == "/ysq/track/"  # the code is shown once
    html = client.post("/ysq/track/", {"tracking_no": tracking_no, "code": code}).content.decode()
    assert "已提交，待登记" in html
    assert (
        "申请编号或查询码不正确"
        in client.post("/ysq/track/", {"tracking_no": tracking_no, "code": "X"}).content.decode()
    )


def test_the_form_names_every_problem_in_chinese(client, department):
    html = client.post(
        "/ysq/apply/", form_data(client, department, name="", id_number="123", description="")
    ).content.decode()
    assert "请填写姓名或名称。" in html and "请填写所需信息的描述。" in html
    html = client.post(
        "/ysq/apply/", form_data(client, department, id_number="142629198507071234")
    ).content.decode()
    assert "居民身份证号码不正确" in html
    assert not Application.objects.exists()


def test_robots_filling_the_trap_field_are_refused(client, department):
    html = client.post("/ysq/apply/", form_data(client, department, website="http://spam")).content.decode()
    assert "提交未成功" in html and not Application.objects.exists()


def test_the_applicant_sees_why_the_due_date_moved(client, new_case, handler):
    from gongkai.applications import services

    case, code = services.application_submit(
        unit=new_case().unit, applicant_type="natural", name="王五", id_type="resident_id", id_number=ID, phone="1",
        description="某文件", form="paper", address="岢岚县东街1号", channel="in_person", received_on=date(2026, 3, 2), by=handler,
    )  # fmt: skip
    services.application_extend(application=case, by=handler, date=date(2026, 3, 20), days=5, reason="需调档")
    html = client.post("/ysq/track/", {"tracking_no": case.tracking_no, "code": code}).content.decode()
    assert "经批准延长答复期限 5 个工作日" in html and "2026年4月7日" in html
    assert "handler" not in html  # no handler names


def test_the_handler_works_a_case_on_screen(client, handler, new_case):
    case = new_case()
    client.force_login(handler)
    page = client.get(f"/staff/applications/{case.tracking_no}/").content.decode()
    assert "答复期限" in page and "2026-03-30" in page and ID in page  # the handler sees the full number
    client.post(
        f"/staff/applications/{case.tracking_no}/request_supplement/",
        {"date": "2026-03-04", "reason": "请明确年份"},
    )
    case.refresh_from_db()
    assert case.status == "awaiting_supplement"
    response = client.post(
        f"/staff/applications/{case.tracking_no}/reply/", {"date": "2026-03-05", "category": "1"}, follow=True
    )
    assert "当前状态为“等待申请人补正”，不能答复" in response.content.decode()


def test_intake_of_a_paper_application(client, handler, department):
    client.force_login(handler)
    data = {
        "unit": department.pk, "applicant_type": "natural", "name": "赵六", "id_type": "resident_id", "id_number": ID,
        "phone": "13712345678", "description": "某项目环评报告", "form": "paper", "address": "岢岚县西街2号", "channel": "registered_post", "received_on": "2026-03-02",
    }  # fmt: skip
    response = client.post("/staff/applications/intake/", data, follow=True)
    assert "已登记，申请编号" in response.content.decode()
    assert Application.objects.get().received_on == date(2026, 3, 2)


def test_queue_and_dashboard_show_overdue_cases(client, new_case, make_user, department):
    case = new_case(received_on=date(2026, 1, 5))
    office = make_user("office", department, "office")
    login_verified(client, office)
    html = client.get("/staff/applications/").content.decode()
    assert "已超过答复期限（1）" in html
    from django.utils import timezone

    from gongkai.core.calendar_data import load_calendar

    calendar = load_calendar()
    due = calendar.due_date(date(2026, 1, 5), 20).due_date  # 2026-02-03
    late = calendar.working_days_between(due, timezone.localdate())
    assert late > 200 and f"已逾期{late}个工作日" in html
    assert f"已逾期{late}个工作日" in client.get(f"/staff/applications/{case.tracking_no}/").text
    assert "已超过答复期限的申请（1）" in client.get("/staff/").content.decode()


def test_reminders_reach_handlers_with_cases_due(new_case, handler, make_user, department):
    from gongkai.applications.reminders import send_reminders

    handler.email = "handler@example.cn"
    handler.save()
    make_user("editor", department, "quiet")  # no e-mail address: nothing sent
    case = new_case(received_on=date(2026, 3, 2))
    assert send_reminders(today=date(2026, 3, 31)) == 1
    [message] = mail.outbox  # (pytest-django's mailoutbox list is replaced when the backend is first loaded)
    assert message.to == ["handler@example.cn"]
    assert case.tracking_no in message.body and "已超过答复期限（1件）" in message.body
    assert send_reminders(today=date(2026, 3, 3)) == 0  # due 3/30: not within 5 working days yet


def test_letter_record_and_to_proactive(client, handler, new_case, make_user, department):
    from gongkai.applications import services
    from gongkai.publishing.models import Document

    case = new_case()
    services.application_reply(
        application=case, by=handler, date=date(2026, 3, 20), category="1", text="详见附件。\n附件：招标文件"
    )
    client.force_login(handler)
    letter = client.get(f"/staff/applications/{case.tracking_no}/files/letter.docx")
    assert letter.status_code == 200 and letter.content[:2] == b"PK"
    import io

    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(letter.content)).paragraphs)
    assert "政府信息公开申请答复告知书" in text and "予以公开" in text and "行政复议" in text
    assert client.get(f"/staff/applications/{case.tracking_no}/files/record.docx").status_code == 200
    pdf = client.get(f"/staff/applications/{case.tracking_no}/files/letter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    from pypdf import PdfReader

    pages_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "答复告知书" in pages_text  # CJK fonts are embedded, so the text survives
    record = client.get(f"/staff/applications/{case.tracking_no}/files/record.pdf")
    assert record.status_code == 200 and record.content.startswith(b"%PDF")
    response = client.post(
        f"/staff/applications/{case.tracking_no}/to_proactive/",
        {"title": "县城道路改造工程招标文件"},
        follow=True,
    )
    assert "你的角色不能在本单位新建主动公开稿件" in response.content.decode()  # a reviewer does not draft
    editor = make_user("editor", department, "ed")
    client.force_login(editor)
    client.post(
        f"/staff/applications/{case.tracking_no}/to_proactive/", {"title": "县城道路改造工程招标文件"}
    )
    draft = Document.objects.get(title="县城道路改造工程招标文件")
    assert draft.status == "draft" and case.tracking_no in draft.summary
    assert draft.body == "<p>详见附件。</p><p>附件：招标文件</p>"  # the reply's lines stay paragraphs


def test_reply_files_reach_only_the_applicant_and_handlers(client, handler, department):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.applications import services
    from tests.publishing.factories import release
    from tests.publishing.test_public_channels import docx_bytes

    case, code = services.application_submit(
        unit=department, applicant_type="natural", name="王五", id_type="resident_id", id_number=ID, phone="1",
        description="招标文件", form="email", email="ww@example.cn", channel="in_person", received_on=date(2026, 3, 2), by=handler,
    )  # fmt: skip
    client.force_login(handler)
    upload = SimpleUploadedFile("招标文件.docx", docx_bytes("招标文件正文"))
    client.post(
        f"/staff/applications/{case.tracking_no}/reply/",
        {"date": "2026-03-20", "category": "1", "files": [upload]},
    )
    case.refresh_from_db()
    [reply_file] = case.reply_files.all()
    url = f"/ysq/files/{case.tracking_no}/{reply_file.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    release(response)
    client.logout()
    assert client.get(url).status_code == 404  # a stranger
    html = client.post("/ysq/track/", {"tracking_no": case.tracking_no, "code": code}).content.decode()
    assert "招标文件.docx" in html
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    release(response)
    # The formal 答复告知书 too, as the handler would print it.
    letter_url = f"/ysq/files/{case.tracking_no}/letter.docx"
    assert f'href="{letter_url}"' in html
    letter = client.get(letter_url)
    assert letter.status_code == 200 and letter.content[:2] == b"PK"
    assert "答复告知书" in unquote(letter["Content-Disposition"])
    assert Client().get(letter_url).status_code == 404  # another browser, without the code: nothing
    assert client.get(f"/ysq/files/{case.tracking_no}/letter.txt").status_code == 404


def test_a_reply_file_of_a_forbidden_type_is_refused(client, handler, new_case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = new_case()
    client.force_login(handler)
    upload = SimpleUploadedFile("x.pdf", b"MZ not a pdf")
    response = client.post(
        f"/staff/applications/{case.tracking_no}/reply/",
        {"date": "2026-03-20", "category": "1", "files": [upload]},
        follow=True,
    )
    assert "类型不受支持" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "processing"  # nothing half-written


def test_the_form_asks_for_the_address_a_paper_reply_needs(client, department):
    html = client.post(
        "/ysq/apply/", form_data(client, department, form="paper", address="")
    ).content.decode()
    assert "请填写通信地址" in html and not Application.objects.exists()
    html = client.post("/ysq/apply/", form_data(client, department, form="email", email="")).content.decode()
    assert "请填写电子邮箱" in html and not Application.objects.exists()


def test_the_reply_letter_is_right_in_form(new_case, handler, county):
    from gongkai.applications import letters, services
    from gongkai.core import services as core_services

    case = new_case()
    services.application_reply(
        application=case,
        by=handler,
        date=date(2026, 3, 20),
        category="3.1",
        text="该信息已定密。",
        basis="《保守国家秘密法》",
    )
    case.refresh_from_db()
    parts = letters.letter_parts(case)
    serial = int(case.tracking_no[-6:])
    assert parts["number"].endswith(f"依申复〔2026〕{serial}号") and f"〕0{serial}" not in parts["number"]
    text = "".join(parts["paragraphs"])
    assert "答复类型：不予公开（属于国家秘密）。" in text and "答复内容：该信息已定密。" in text
    for doubled in ("。。", "：：", "。；", "：不予公开："):
        assert doubled not in text
    assert "向有管辖权的行政复议机关申请行政复议" in parts["paragraphs"][-1]  # the county has not said yet
    core_services.site_profile_save(
        by=None, site_name="测试县", reconsideration_body="测试县人民政府", court="测试县人民法院",
        upper_reconsideration_body="某市人民政府", upper_court="某市中级人民法院",
    )  # fmt: skip
    remedy = letters.letter_parts(case)["paragraphs"][-1]
    assert "向测试县人民政府申请行政复议" in remedy and "向测试县人民法院提起行政诉讼" in remedy
    against_government = new_case(unit=county)
    services.application_reply(
        application=against_government, by=handler, date=date(2026, 3, 20), category="1"
    )
    against_government.refresh_from_db()
    remedy = letters.letter_parts(against_government)["paragraphs"][-1]
    assert "向某市人民政府申请行政复议" in remedy and "向某市中级人民法院提起行政诉讼" in remedy
