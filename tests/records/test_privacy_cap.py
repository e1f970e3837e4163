"""Issue #23 item 3 for structured records: a free-text field longer than the personal-data guard scans
on a request (`GONGKAI_PRIVACY_SCAN_MAX_CHARS`) is refused naming the field — on the staff form, on a
correction, in an import row — and a record stored before the cap is never scanned in part or a 500."""

import pytest
from django.core.management import call_command

from gongkai.core.models import ImportJob
from gongkai.records import registry, services
from gongkai.records.models import RecordStatus
from tests.conftest import login_verified
from tests.enforcement.test_enforcement import penalty_data
from tests.records.conftest import publish_record

pytestmark = pytest.mark.django_db
FILLER = "该公司在生产经营中未按规定落实安全管理制度，现场检查发现多处隐患。" * 56  # 1,848 characters
REFUSED = "违法事实共 1,848 字，超过个人信息检查的上限（1,000 字）；请精简后再保存。"


@pytest.fixture
def penalties():
    return registry.get("penalties")


@pytest.fixture
def small_limit(settings):
    settings.PRIVACY_SCAN_MAX_CHARS = 1_000


def form(data):
    return {k: "" if v is None else str(v) for k, v in data.items()}


def test_the_staff_form_refuses_a_field_beyond_the_scan_limit_naming_it(
    client, small_limit, penalties, department, editor
):
    login_verified(client, editor)
    response = client.post("/staff/records/penalties/new/", form(penalty_data(department, facts=FILLER)))
    assert response.status_code == 200 and REFUSED in response.text
    assert not penalties.model.objects.exists()
    short = client.post("/staff/records/penalties/new/", form(penalty_data(department, facts=FILLER[:900])))
    assert short.status_code == 302 and penalties.model.objects.count() == 1


def test_a_correction_beyond_the_limit_is_refused_and_the_published_text_stays(
    client, small_limit, penalties, department, editor, reviewer
):
    record = publish_record(penalties, department, editor, reviewer, penalty_data(department))
    login_verified(client, reviewer)
    response = client.post(
        f"{record.get_staff_url()}edit/",
        {**form(penalty_data(department, facts=FILLER)), "amend_reason": "补充事实"},
    )
    assert response.status_code == 200 and REFUSED in response.text
    record.refresh_from_db()
    assert record.version == 1 and record.facts == penalty_data(department)["facts"]


def test_a_record_stored_before_the_limit_is_named_not_scanned_and_not_approved(
    client, settings, penalties, department, editor, reviewer
):
    record = services.record_create(
        penalties, by=editor, unit=department, data=penalty_data(department, facts=FILLER)
    )
    services.record_submit(penalties, record, by=editor)
    settings.PRIVACY_SCAN_MAX_CHARS = 1_000  # lowered after it was saved
    login_verified(client, reviewer)
    page = client.get(record.get_staff_url())
    assert page.status_code == 200 and f"个人信息检查未进行：{REFUSED}" in page.text
    approve = client.post(f"{record.get_staff_url()}approve/", follow=True)
    assert approve.status_code == 200 and REFUSED in approve.text
    record.refresh_from_db()
    assert record.status == RecordStatus.SUBMITTED


def _file(tmp_path, department, facts):
    data = penalty_data(department, facts=facts)
    columns = ["unit", *data]
    row = [department.code, *("" if v is None else str(v) for v in data.values())]
    path = tmp_path / "penalties.csv"
    path.write_text(",".join(columns) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    return path


def test_an_import_row_beyond_the_limit_is_refused_in_english_on_the_command_line(
    tmp_path, small_limit, penalties, department, capsys
):
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", "penalties", str(_file(tmp_path, department, FILLER)))
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert (
        "row 2: facts: 1,848 characters, over the personal-data scan limit of 1,000 "
        "(GONGKAI_PRIVACY_SCAN_MAX_CHARS); shorten it" in err
    )
    assert not penalties.model.objects.exists()


def test_an_import_row_beyond_the_limit_is_named_in_chinese_on_the_staff_desk(
    client, tmp_path, small_limit, penalties, department, editor, django_capture_on_commit_callbacks
):
    login_verified(client, editor)
    path = _file(tmp_path, department, FILLER)
    with django_capture_on_commit_callbacks(execute=True), path.open("rb") as upload:
        client.post("/staff/import/", {"kind": "penalties", "file": upload, "mode": "all"})
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.errors[0]["column"] == "facts（违法事实）"
    assert job.errors[0]["message"].startswith(REFUSED)
    assert not penalties.model.objects.exists()
