"""Bulk import from the staff desk: upload, the job on the (immediate) task queue, its page and progress."""

import io
import zipfile

import pytest
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from gongkai.core import import_jobs, importing
from gongkai.core.models import AuditEntry, ImportJob, Unit, User
from gongkai.core.uscc import make_uscc
from gongkai.finance.models import FiscalReport
from gongkai.records import registry
from tests.conftest import login_verified
from tests.finance.workbooks import expense, standard, workbook

URL = "/staff/import/"


@pytest.fixture
def permits():
    return registry.get("permits")


@pytest.fixture
def editor(make_user, department) -> User:
    return make_user(User.Role.EDITOR, department, "imp-editor")


@pytest.fixture
def staff(client, editor):
    login_verified(client, editor)
    return client


def _csv(text: str, name: str = "摊位许可.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _upload(client, django_capture_on_commit_callbacks, kind, upload, mode="all"):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, {"kind": kind, "file": upload, "mode": mode})


def _good(unit) -> str:
    return (
        "公开单位,持证人,许可编号,类别,发证日期\n"
        f"{unit.code},甲公司,P-1,摆摊,2026-03-01\n"
        f"{unit.name},乙公司,P-2,施工,2026-03-02\n"
    )


def test_a_good_file_is_imported_whole_and_the_job_page_says_done(
    staff, editor, department, permits, django_capture_on_commit_callbacks
):
    response = _upload(staff, django_capture_on_commit_callbacks, "permits", _csv(_good(department)))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.status, job.total, job.done, job.created, job.unchanged) == ("done", 2, 2, 2, 0)
    assert permits.model.objects.count() == 2
    assert set(permits.model.objects.values_list("created_by", flat=True)) == {editor.pk}
    assert not job.stored_as  # the uploaded file is gone once loaded
    page = staff.get(job.get_absolute_url())
    assert "完成：共 2 行，新增 2 行" in page.text and "<progress" not in page.text
    assert AuditEntry.objects.filter(action="core.import.finished", actor=editor).exists()
    again = _upload(staff, django_capture_on_commit_callbacks, "permits", _csv(_good(department)))
    assert again.status_code == 302
    assert ImportJob.objects.first().unchanged == 2 and permits.model.objects.count() == 2


def test_a_bad_cell_refuses_the_whole_file_naming_row_and_column_in_chinese(
    staff, department, permits, django_capture_on_commit_callbacks
):
    text = _good(department) + f"{department.code},丙公司,P-3,施工,2026-13-01\n"
    _upload(staff, django_capture_on_commit_callbacks, "permits", _csv(text))
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.created == 0 and job.failed == 1
    assert not permits.model.objects.exists()  # nothing half-written
    assert job.errors == [
        {
            "row": 4,
            "field": "issued_on",
            "column": "发证日期",
            "message": "发证日期“2026-13-01”不是日期（应为 YYYY-MM-DD）。",
        }
    ]
    page = staff.get(job.get_absolute_url()).text
    assert "未导入任何行" in page and '<th scope="col">行号</th>' in page
    assert "<td>4</td><td>发证日期</td>" in page


def test_skipping_bad_rows_loads_the_good_ones(
    staff, department, permits, django_capture_on_commit_callbacks
):
    text = (
        "unit,holder,permit_no,kind,issued_on\n"
        f"{department.code},甲公司,P-1,stall,2026-03-01\n"
        f"{department.code},乙公司,P-2,flying,2026-03-02\n"
    )
    _upload(staff, django_capture_on_commit_callbacks, "permits", _csv(text), mode="partial")
    job = ImportJob.objects.get()
    assert (job.status, job.created, job.failed) == ("done", 1, 1)
    assert list(permits.model.objects.values_list("permit_no", flat=True)) == ["P-1"]
    (error,) = job.errors
    assert error["row"] == 3 and error["column"] == "kind（类别）"
    assert error["message"] == "类别“flying”不是可选值，应为：摆摊、施工。"
    assert "跳过有误的 1 行" in staff.get(job.get_absolute_url()).text


def test_an_editor_may_not_import_rows_of_another_unit(
    staff, department, other_department, permits, django_capture_on_commit_callbacks
):
    _upload(staff, django_capture_on_commit_callbacks, "permits", _csv(_good(other_department)))
    job = ImportJob.objects.get()
    assert job.status == "failed" and not permits.model.objects.exists()
    assert job.errors[0]["column"] == "公开单位"
    assert job.errors[0]["message"].startswith(f"你无权为“{other_department.name}”导入数据")


def test_signed_out_and_roleless_users_are_refused_and_jobs_stay_with_their_uploader(
    client,
    staff,
    make_user,
    county,
    department,
    other_department,
    permits,
    django_capture_on_commit_callbacks,
):
    _upload(staff, django_capture_on_commit_callbacks, "permits", _csv(_good(department)))
    job = ImportJob.objects.get()
    anonymous = type(client)()
    assert anonymous.get(URL).status_code == 302
    assert anonymous.get(f"{URL}{job.pk}/progress.json").status_code == 302
    reviewer = type(client)()
    login_verified(reviewer, make_user(User.Role.REVIEWER, department, "imp-reviewer"))
    assert reviewer.get(URL).status_code == 403  # reviewers create nothing, so import nothing
    other = type(client)()
    login_verified(other, make_user(User.Role.EDITOR, other_department, "imp-other"))
    assert other.get(URL).status_code == 200
    assert other.get(job.get_absolute_url()).status_code == 404
    assert other.get(f"{URL}{job.pk}/progress.json").status_code == 404
    assert job.file_name not in other.get(URL).text
    office = type(client)()
    login_verified(office, make_user(User.Role.OFFICE, county, "imp-office"))
    assert office.get(job.get_absolute_url()).status_code == 200
    assert client.get(f"/staff/import/{job.pk}/", follow=False).status_code == 200  # the uploader


def test_a_kind_the_user_may_not_import_is_not_offered(staff, django_capture_on_commit_callbacks):
    page = staff.get(URL).text
    assert "占道许可（permits）" in page and "主动公开文件（documents）" in page
    assert "审批办件（approval-cases）" in page
    response = _upload(staff, django_capture_on_commit_callbacks, "no-such-kind", _csv("a\n1\n"))
    assert response.status_code == 200 and "请从列表中选择导入类型" in response.text
    assert not ImportJob.objects.exists()


def test_files_too_big_or_of_the_wrong_type_are_refused_naming_the_file(
    staff, settings, department, django_capture_on_commit_callbacks
):
    settings.IMPORT_MAX_MB = 1
    big = _csv("unit\n" + "x" * (1024 * 1024 + 1))
    response = _upload(staff, django_capture_on_commit_callbacks, "permits", big)
    assert "文件超过 1 MB" in response.text
    response = _upload(staff, django_capture_on_commit_callbacks, "permits", _csv("x", "permits.pdf"))
    assert "文件须为 CSV（UTF-8）、XLSX 或 JSON Lines" in response.text
    assert not ImportJob.objects.exists()


def test_unreadable_files_and_missing_columns_fail_the_job_in_chinese(
    staff, department, permits, django_capture_on_commit_callbacks
):
    _upload(staff, django_capture_on_commit_callbacks, "permits", _csv("holder,permit_no\n甲公司,P-1\n"))
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.message.startswith("缺少必需的列：unit、issued_on")
    gbk = SimpleUploadedFile("permits.csv", "公开单位,持证人\n县局,甲\n".encode("gbk"))
    _upload(staff, django_capture_on_commit_callbacks, "permits", gbk)
    assert "不是 UTF-8 编码" in ImportJob.objects.first().message
    broken = SimpleUploadedFile("permits.xlsx", b"not a workbook")
    _upload(staff, django_capture_on_commit_callbacks, "permits", broken)
    assert "文件无法读取：不是有效的XLSX 工作簿" in ImportJob.objects.first().message
    assert not permits.model.objects.exists()


def test_the_progress_endpoint_answers_the_jobs_state(staff, editor, department, permits):
    job = ImportJob.objects.create(
        kind="permits", file_name="p.csv", created_by=editor, created_at="2026-03-01T08:00+08:00",
        status="running", total=1200,
    )  # fmt: skip
    import_jobs.progress_put(job.pk, 340, 1200)
    idle_until = Session.objects.get().expire_date
    response = staff.get(f"{URL}{job.pk}/progress.json")
    assert Session.objects.get().expire_date == idle_until  # polling does not keep a session alive
    assert "no-store" in response["Cache-Control"]
    assert response.json() == {
        "id": job.pk,
        "status": "running",
        "status_label": "导入中",
        "finished": False,
        "interrupted": False,
        "done": 340,
        "total": 1200,
        "percent": 28.3,
        "text": "已处理 340 / 1,200 行",
        "created": 0,
        "unchanged": 0,
        "failed": 0,
        "url": job.get_absolute_url(),
    }
    page = staff.get(job.get_absolute_url()).text
    assert 'max="1200" value="340"' in page and "已处理 340 / 1,200 行" in page
    assert "import-progress.js" in page and 'http-equiv="refresh"' in page and ">刷新</a>" in page


def test_progress_is_written_every_percent_or_fifty_rows():
    writes = []
    progress = import_jobs.Progress(0)
    import_jobs.progress_put, original = (
        (lambda _, done, total, *phase: writes.append(done)),
        import_jobs.progress_put,
    )
    try:
        for done in range(1, 1201):
            progress(done, 1200)
    finally:
        import_jobs.progress_put = original
    assert len(writes) == 100 and writes[-1] == 1200


def test_the_template_is_the_header_row_of_the_kind(staff):
    response = staff.get(f"{URL}template/permits.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header = response.content.decode("utf-8-sig").strip().split(",")
    assert header[:4] == ["公开单位", "持证人", "许可编号", "发证日期"]
    assert staff.get(f"{URL}template/no-such.csv").status_code == 404


# ---- fiscal tables: a zip of the manifest and the workbooks it names ----------------------------------


def _zip(files: dict[str, bytes]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return SimpleUploadedFile("fiscal.zip", buffer.getvalue(), content_type="application/zip")


def _manifest(unit, *paths: str) -> bytes:
    lines = ["单位,年度,类型,表格,批复日期"]
    lines += [f"{unit.code},{2024 + n},部门预算,{path},2026-01-20" for n, path in enumerate(paths)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_fiscal_tables_come_as_a_zip_of_the_manifest_and_its_workbooks(
    staff, department, django_capture_on_commit_callbacks
):
    upload = _zip({"index.csv": _manifest(department, "tables/2024.xlsx"), "tables/2024.xlsx": standard()})
    _upload(staff, django_capture_on_commit_callbacks, "fiscal-tables", upload)
    job = ImportJob.objects.get()
    assert (job.status, job.created) == ("done", 1), job.message or job.errors
    report = FiscalReport.objects.get()
    assert report.unit == department and report.tables.exists()


def test_a_fiscal_workbook_that_does_not_add_up_is_named_in_chinese(
    staff, department, django_capture_on_commit_callbacks
):
    bad = workbook({"支出总表": expense(total=999)})
    upload = _zip({"index.csv": _manifest(department, "a.xlsx"), "a.xlsx": bad})
    _upload(staff, django_capture_on_commit_callbacks, "fiscal-tables", upload)
    job = ImportJob.objects.get()
    assert job.status == "failed" and not FiscalReport.objects.exists()
    (error,) = job.errors
    assert (
        error["column"] == "表格" and "支出总表" in error["message"] and "与各行之和不符" in error["message"]
    )


def test_a_zip_reaching_outside_itself_is_refused(staff, department, django_capture_on_commit_callbacks):
    upload = _zip({"index.csv": _manifest(department, "a.xlsx"), "../evil.xlsx": standard()})
    response = _upload(staff, django_capture_on_commit_callbacks, "fiscal-tables", upload)
    assert response.status_code == 200 and "“../evil.xlsx”路径不安全" in response.text
    assert not ImportJob.objects.exists()
    for path in ("../a.xlsx", "/etc/passwd", "tables/../../a.xlsx"):
        upload = _zip({"index.csv": _manifest(department, path), "a.xlsx": standard()})
        _upload(staff, django_capture_on_commit_callbacks, "fiscal-tables", upload)
        job = ImportJob.objects.first()
        assert job.status == "failed" and job.errors[0]["column"] == "表格"
        assert job.errors[0]["message"] == f"“{path}”不是压缩包内的相对路径（不能以 / 开头，不能含 ..）。"
    assert not FiscalReport.objects.exists()
    response = _upload(
        staff, django_capture_on_commit_callbacks, "fiscal-tables", _csv("单位\n", "index.csv")
    )
    assert "须上传 zip 压缩包" in response.text


def test_the_command_line_keeps_its_english_messages(tmp_path, department, permits, capsys):
    path = tmp_path / "permits.csv"
    path.write_text(_good(department) + f"{department.code},丙公司,P-3,施工,2026-13-01\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        call_command("import", "permits", str(path))
    err = capsys.readouterr().err
    assert "row 4: issued_on: '2026-13-01' is not a date (YYYY-MM-DD)" in err
    assert "nothing imported: 1 of 3 rows have errors (use --partial to load the rest)" in err


def test_a_row_error_without_chinese_names_its_column():
    assert importing.RowError("bad", field="x").chinese("决定日期") == "“决定日期”列的值有误，请核对后重试。"
    assert importing.RowError("bad", zh="坏").chinese("x") == "坏"


@pytest.mark.parametrize(
    ("kind", "text", "column", "message"),
    [
        (
            "documents",
            "index_no,title,unit,published_at\nX-1,通知,{code},昨天\n",
            "published_at（",
            "“昨天”不是日期或时间（应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM）。",
        ),
        (
            "approval-cases",
            "办件编号,事项编码,申请人,查询码,受理时间\nB-1,NO-SUCH,张三,123456,2026-03-01\n",
            "事项编码",
            "事项目录中没有编码为“NO-SUCH”的事项。",
        ),
        (
            "procurement-processes",
            "项目编号,采购单位,项目名称,采购方式,采购类别,预算金额（元）,采购标的\n"
            "CG-1,没有的单位,办公桌,公开招标,货物,1000,办公桌|10|张\n",
            "采购单位",
            "找不到统一社会信用代码或名称为“没有的单位”的采购单位。",
        ),
    ],
)
def test_each_importer_explains_a_bad_cell_in_chinese(
    client, make_user, county, kind, text, column, message, django_capture_on_commit_callbacks
):
    login_verified(client, make_user(User.Role.OFFICE, county, "imp-office"))
    upload = _csv(text.format(code=county.code), "数据.csv")
    _upload(client, django_capture_on_commit_callbacks, kind, upload)
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.created == 0, job.message
    (error,) = job.errors
    assert error["row"] == 2 and error["column"].startswith(column) and error["message"] == message


def test_an_editor_imports_approval_cases_only_of_their_units_matters(
    staff, editor, make_user, department, other_department, django_capture_on_commit_callbacks
):
    from gongkai.matters.models import ApprovalCase
    from gongkai.records import services
    from tests.matters.test_matters import matter_data

    matters = registry.get("matters")
    for unit, code in ((department, "140929-XK-0001"), (other_department, "140929-XK-0002")):
        services.record_create(matters, by=None, unit=unit, data=matter_data(unit, code=code))
    text = (
        "办件编号,事项编码,申请人,查询码,受理时间\n"
        "B-1,140929-XK-0001,张三,123456,2026-03-02 09:00\n"
        "B-2,140929-XK-0002,李四,654321,2026-03-02 10:00\n"
    )
    _upload(
        staff, django_capture_on_commit_callbacks, "approval-cases", _csv(text, "办件.csv"), mode="partial"
    )
    job = ImportJob.objects.get()
    assert (job.status, job.created, job.failed) == ("done", 1, 1)
    assert list(ApprovalCase.objects.values_list("case_no", flat=True)) == ["B-1"]
    assert job.errors[0]["row"] == 3 and job.errors[0]["column"] == "事项编码"
    assert job.errors[0]["message"].startswith(f"你无权为“{other_department.name}”导入数据")


class _GbkName(zipfile.ZipInfo):
    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits


def test_zips_with_links_several_lists_or_windows_chinese_names(
    staff, department, django_capture_on_commit_callbacks
):
    linked = io.BytesIO()
    with zipfile.ZipFile(linked, "w") as archive:
        archive.writestr("index.csv", _manifest(department, "a.xlsx"))
        link = zipfile.ZipInfo("a.xlsx")
        link.external_attr = 0o120777 << 16  # a symbolic link to wherever its text says
        archive.writestr(link, "/etc/passwd")
    upload = SimpleUploadedFile("fiscal.zip", linked.getvalue())
    response = _upload(staff, django_capture_on_commit_callbacks, "fiscal-tables", upload)
    assert "“a.xlsx”是链接，不能导入" in response.text
    upload = _zip({"a.csv": _manifest(department, "t.xlsx"), "b.csv": b"", "t.xlsx": standard()})
    response = _upload(staff, django_capture_on_commit_callbacks, "fiscal-tables", upload)
    assert "压缩包顶层须有且只有一个清单文件" in response.text
    assert not ImportJob.objects.exists()
    gbk = (
        io.BytesIO()
    )  # as Windows' 发送到 › 压缩文件夹 writes it on a Chinese system: GBK names, no UTF-8 flag
    with zipfile.ZipFile(gbk, "w") as archive:
        archive.writestr("index.csv", _manifest(department, "预算表.xlsx"))
        archive.writestr(_GbkName("预算表.xlsx"), standard())
    upload = SimpleUploadedFile("fiscal.zip", gbk.getvalue())
    _upload(staff, django_capture_on_commit_callbacks, "fiscal-tables", upload)
    job = ImportJob.objects.get()
    assert (job.status, job.created) == ("done", 1), job.message or job.errors


def test_the_command_line_takes_the_chinese_headers_of_processes_as_documented(tmp_path, department, capsys):
    path = tmp_path / "processes.csv"
    path.write_text(
        "项目编号,采购单位,项目名称,采购方式,采购类别,预算金额（元）,采购标的\n"
        f"CG-9,{department.name},办公桌,询价,货物,1000,办公桌|10|张\n",
        encoding="utf-8",
    )
    call_command("import", "procurement-processes", str(path))
    assert "procurement-processes: 1 created, 0 unchanged, 0 failed, 1 rows" in capsys.readouterr().out


def test_the_office_imports_units_at_the_desk_and_an_editor_is_not_offered_them(
    client, staff, make_user, county, django_capture_on_commit_callbacks
):
    assert 'value="units"' not in staff.get(URL).text
    office = make_user(User.Role.OFFICE, county, "imp-office-units")
    login_verified(client, office)
    assert 'value="units"' in client.get(URL).text
    town = make_uscc(registry="1", kind="1", region="140929", body8="70000001")
    rows = f"统一社会信用代码,名称,类别,上级单位\n{town},某某乡人民政府,乡镇（街道）,{county.name}\n"
    _upload(client, django_capture_on_commit_callbacks, "units", _csv(rows, "单位.csv"))
    assert ImportJob.objects.get().status == "done"
    assert Unit.objects.get(code=town).parent == county
    bad = f"统一社会信用代码,名称,类别\n{town[:-1]}0,某某村,村\n"
    _upload(client, django_capture_on_commit_callbacks, "units", _csv(bad, "坏.csv"))
    page = client.get(ImportJob.objects.first().get_absolute_url()).text
    assert "统一社会信用代码校验位不正确" in page and "单位类别“村”不存在" not in page  # one error per row
