"""The matters catalog (办事指南 completeness, forms) and approval cases (import, overdue, public lookup)."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.core.models import User
from gongkai.matters import guide, services
from gongkai.matters.models import ApprovalCase, Matter
from gongkai.records import registry
from gongkai.records import services as record_services
from tests.conftest import login_verified
from tests.publishing.factories import release
from tests.records.conftest import publish_record

pytestmark = pytest.mark.django_db


def matter_data(department, **overrides):
    data = {
        "code": "140929-XK-0001", "name": "食品经营许可", "kind": "licensing", "formed_on": date(2026, 1, 5),
        "legal_basis": "《中华人民共和国食品安全法》第三十五条", "conditions": "有与经营的食品品种相适应的场所",
        "materials": "食品经营许可申请书\n营业执照复印件", "procedure": "受理\n审查\n决定\n送达",
        "statutory_days": 20, "promised_days": 5, "fees": "不收费", "place": "县政务服务中心一楼",
        "hours": "周一至周五", "phone": department.office_phone or "0350-4220034",
    }  # fmt: skip
    data.update(overrides)
    return data


@pytest.fixture
def matters():
    return registry.get("matters")


@pytest.fixture
def matter(matters, department, editor, reviewer):
    return publish_record(matters, department, editor, reviewer, matter_data(department))


def test_guide_completeness_counts_missing_elements(department):
    complete = Matter(**matter_data(department))
    assert guide.missing_elements(complete) == [] and guide.completeness(complete) == "要素齐全"
    lacking = Matter(**matter_data(department, fees="", promised_days=None))
    assert guide.missing_elements(lacking) == ["承诺办结时限", "收费标准及依据"]
    penalty = Matter(**matter_data(department, kind="penalty", fees=""))
    assert guide.missing_elements(penalty) == [] and guide.completeness(penalty) == "无需办事指南"


def test_public_guide_page_with_downloadable_form(client, matter, editor):
    services.matter_attach_form(matter=matter, by=editor, name="申请书.docx", data=_docx())
    page = client.get(matter.get_absolute_url())
    assert page.status_code == 200
    assert "办事指南" in page.text and "营业执照复印件" in page.text and "5个工作日" in page.text
    form = matter.forms.get()
    assert form.get_absolute_url() in page.text
    download = client.get(form.get_absolute_url())
    assert download.status_code == 200
    assert (
        download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    )  # a form never runs in the site
    release(download)
    assert client.get("/records/matters/?kind=licensing").text.count("食品经营许可") >= 1


def test_forms_of_unpublished_matters_are_not_served(client, matters, department, editor):
    draft = record_services.record_create(matters, by=editor, unit=department, data=matter_data(department))
    form = services.matter_attach_form(matter=draft, by=editor, name="表.docx", data=_docx())
    assert client.get(form.get_absolute_url()).status_code == 404


def test_office_sees_guide_completeness(client, matters, department, editor, reviewer, make_user, county):
    publish_record(
        matters, department, editor, reviewer, matter_data(department, code="A-2", name="某证明", fees="")
    )
    office = make_user(User.Role.OFFICE, county, "office-1")
    login_verified(client, office)
    page = client.get("/staff/matters/guides/")
    assert page.status_code == 200 and "某证明" in page.text and "缺收费标准及依据" in page.text
    assert "<svg" in page.text  # the per-unit chart


def _case_file(tmp_path, matter, rows):
    header = "办件编号,事项编码,申请人,申请人类型,查询码,受理时间,办件状态,办结时间,环节,环节开始时间,环节完成时间,承办岗位,意见\n"
    path = tmp_path / "cases.csv"
    path.write_text(header + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_case_import_is_idempotent_and_adds_steps(tmp_path, matter, capsys):
    received = "2026-03-02 09:30"
    rows = [
        ["KL001", matter.code, "张三丰", "自然人", "123456", received, "办理中", "", "受理", received, received, "窗口", ""],
        ["KL001", matter.code, "张三丰", "自然人", "123456", received, "办理中", "", "审查", "2026-03-03 09:00", "", "审查岗", ""],
    ]  # fmt: skip
    path = _case_file(tmp_path, matter, rows)
    call_command("import", "approval-cases", str(path))
    call_command("import", "approval-cases", str(path))
    assert "0 created, 2 unchanged" in capsys.readouterr().out
    case = ApprovalCase.objects.get()
    assert case.steps.count() == 2
    assert case.promised_due == date(2026, 3, 9)  # 5 working days after Monday 2 March
    finished = [*rows, ["KL001", matter.code, "张三丰", "自然人", "123456", received, "准予", "2026-03-05 16:00",
                        "决定", "2026-03-05 10:00", "2026-03-05 16:00", "科长", "同意"]]  # fmt: skip
    call_command("import", "approval-cases", str(_case_file(tmp_path, matter, finished)))
    case.refresh_from_db()
    assert case.status == "approved" and case.steps.count() == 3 and not services.is_overdue(case)


def test_case_import_names_bad_fields(tmp_path, matter, capsys):
    rows = [
        ["KL002", "NO-SUCH", "李四", "自然人", "1", "2026-03-02 09:00", "", "", "", "", "", "", ""],
        ["KL003", matter.code, "李四", "外星人", "1", "2026-03-02 09:00", "", "", "", "", "", "", ""],
        ["KL004", matter.code, "李四", "自然人", "1", "昨天", "", "", "", "", "", "", ""],
    ]
    with pytest.raises(SystemExit):
        call_command("import", "approval-cases", str(_case_file(tmp_path, matter, rows)))
    err = capsys.readouterr().err
    assert "row 2: matter_code" in err and "row 3: applicant_type" in err and "row 4: received_at" in err
    assert not ApprovalCase.objects.exists()


def _open_case(matter, *, received: date, code: str = "654321") -> ApprovalCase:
    from gongkai.core.calendar_data import load_calendar

    moment = timezone.make_aware(timezone.datetime.combine(received, timezone.datetime.min.time()))
    row = services.CaseRow(
        case_no="KL100", matter=matter, applicant="王小明", applicant_is_person=True, query_code=code,
        received_at=moment, status="in_progress", finished_at=None, step="受理", step_started_at=moment,
        step_finished_at=moment, handler="窗口", result="",
    )  # fmt: skip
    services.case_upsert(row, load_calendar())
    return ApprovalCase.objects.get(case_no="KL100")


def test_public_lookup_shows_steps_masks_the_applicant_and_flags_overdue(client, matter):
    case = _open_case(matter, received=timezone.localdate() - timedelta(days=30))
    assert services.is_overdue(case)
    wrong = client.post("/matters/cases/", {"case_no": "KL100", "code": "000000"})
    assert (
        "办件编号或查询码不正确" in wrong.text
        and "王" not in wrong.text.split("<main")[1].split("</main>")[0]
    )
    page = client.post("/matters/cases/", {"case_no": "KL100", "code": "654321"})
    assert page.status_code == 200
    assert "受理" in page.text and "王**" in page.text and "王小明" not in page.text
    assert "超过承诺办结时限" in page.text


def test_lookup_guessing_is_limited(client, matter):
    _open_case(matter, received=timezone.localdate())
    for _ in range(20):
        client.post("/matters/cases/", {"case_no": "KL100", "code": "000000"})
    blocked = client.post("/matters/cases/", {"case_no": "KL100", "code": "654321"})
    assert blocked.status_code == 429 and "次数过多" in blocked.text


def test_overdue_cases_reach_the_office_dashboard(client, matter, make_user, county, other_department):
    _open_case(matter, received=timezone.localdate() - timedelta(days=30))
    office = make_user(User.Role.OFFICE, county, "office-2")
    login_verified(client, office)
    dashboard = client.get("/staff/")
    assert "超过承诺时限未办结的审批办件（1）" in dashboard.text
    listing = client.get("/staff/matters/cases/?overdue=1")
    assert "KL100" in listing.text and "超时" in listing.text
    outsider = make_user(User.Role.REVIEWER, other_department, "elsewhere")
    login_verified(client, outsider)
    assert "KL100" not in client.get("/staff/matters/cases/").text
    assert client.get(f"/staff/matters/cases/{ApprovalCase.objects.get().pk}/").status_code == 404


def _docx() -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("食品经营许可申请书")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_staff_page_shows_completeness_and_takes_a_form(client, matters, department, editor, reviewer):
    matter = publish_record(
        matters, department, editor, reviewer, matter_data(department, code="B-1", fees="")
    )
    login_verified(client, editor)
    page = client.get(matter.get_staff_url())
    assert "要素不全：缺收费标准及依据" in page.text and "上传申请表格" in page.text
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("申请表.docx", _docx())
    response = client.post(f"/staff/matters/{matter.pk}/forms/", {"file": upload}, follow=True)
    assert "申请表格已上传" in response.text and matter.forms.count() == 1
    bad = client.post(
        f"/staff/matters/{matter.pk}/forms/",
        {"file": SimpleUploadedFile("x.exe", b"MZ\x90\x00")},
        follow=True,
    )
    assert "申请表格：" in bad.text and matter.forms.count() == 1


def test_an_already_public_catalog_comes_in_as_one_batch_or_not_at_all(
    matters, department, county, make_user
):
    from django.utils import timezone

    from gongkai.core.models import TransparencyEntry
    from gongkai.records.errors import RecordError

    office = make_user("office", county, "office-b")
    rows = [(department, matter_data(department, code=f"C-{n}", name=f"事项{n}")) for n in range(3)]
    with pytest.raises(RecordError) as err:
        record_services.records_import_published(matters, [*rows, rows[0]], by=office, at=timezone.now())
    assert err.value.field == "code" and "C-0" in err.value.message
    assert not Matter.objects.exists()
    records = record_services.records_import_published(matters, rows, by=office, at=timezone.now())
    assert len({r.index_no for r in records}) == 3
    assert TransparencyEntry.objects.filter(object_type="record.matters").count() == 3
    assert search_for("事项1") == [records[1].get_absolute_url()]
    with pytest.raises(RecordError) as again:
        record_services.records_import_published(matters, rows[:1], by=office, at=timezone.now())
    assert again.value.code == "duplicate"


def search_for(q):
    from gongkai.search.query import search

    return [r.url for r in search(q).results]
