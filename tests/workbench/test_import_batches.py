"""Bulk imports in batches of committed transactions (issue #23 item 6): what is committed stays, a
rerun skips it, all-or-nothing still checks every row first, and a job cut off says so and resumes."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.core import importing
from gongkai.core.models import ImportJob, Unit, User
from gongkai.core.uscc import make_uscc
from gongkai.records import registry
from gongkai.records.importer import RecordImporter
from tests.conftest import login_verified

from .test_imports import _csv

URL = "/staff/import/"
HEADER = "公开单位,持证人,许可编号,类别,发证日期\n"


@pytest.fixture(autouse=True)
def _small_batches(settings):
    settings.IMPORT_BATCH_ROWS = 2


@pytest.fixture
def permits():
    return registry.get("permits")


def _rows(unit, numbers) -> str:
    return "".join(f"{unit.code},持证人{n},P-{n},摆摊,2026-03-0{n}\n" for n in numbers)


class Flaky(RecordImporter):
    """The permits importer, but the process "dies" (an unexpected error) at the holder named 崩溃."""

    def load(self, row):
        if row.get("持证人") == "崩溃":
            raise RuntimeError("killed")
        return super().load(row)


class Taken(RecordImporter):
    """The permits importer, but the holder 后来重复 is refused the second time (taken meanwhile)."""

    seen = 0

    def load(self, row):
        if row.get("持证人") == "后来重复":
            Taken.seen += 1
            if Taken.seen > 1:
                raise importing.RowError("taken meanwhile", field="permit_no", zh="许可编号已被占用。")
        return super().load(row)


@pytest.fixture
def flaky(permits):
    importing.register("flaky-permits", lambda: Flaky(permits))
    importing.register("taken-permits", lambda: Taken(permits))
    yield
    importing.unregister("flaky-permits")
    importing.unregister("taken-permits")


def four_good_rows_and(tmp_path, department, last: str):
    """A permits file of rows 1–4 as _rows makes them, then LAST."""
    path = tmp_path / "p.csv"
    path.write_text(HEADER + _rows(department, [1, 2, 3, 4]) + last)
    return path


def test_batches_before_a_crash_stay_committed_and_a_rerun_skips_them(
    tmp_path, department, permits, flaky, capsys
):
    path = four_good_rows_and(tmp_path, department, f"{department.code},崩溃,P-9,摆摊,2026-03-09\n")
    with pytest.raises(RuntimeError):
        call_command("import", "flaky-permits", str(path), "--partial")
    assert sorted(permits.model.objects.values_list("permit_no", flat=True)) == ["P-1", "P-2", "P-3", "P-4"]
    path.write_text(HEADER + _rows(department, [1, 2, 3, 4, 5]))
    call_command("import", "permits", str(path))
    assert "permits: 1 created, 4 unchanged, 0 failed, 5 rows" in capsys.readouterr().out
    assert permits.model.objects.count() == 5


def test_all_or_nothing_checks_every_batch_before_writing_any(tmp_path, department, permits, capsys):
    path = four_good_rows_and(tmp_path, department, f"{department.code},坏行,P-5,摆摊,2026-13-01\n")
    with pytest.raises(SystemExit) as caught:
        call_command("import", "permits", str(path))
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "row 6: issued_on:" in err and "nothing imported: 1 of 5 rows" in err and "checking [" in err
    assert not permits.model.objects.exists()


def test_a_row_refused_while_writing_stops_after_the_batches_before_it(
    tmp_path, department, permits, flaky, capsys
):
    path = four_good_rows_and(tmp_path, department, f"{department.code},后来重复,P-5,摆摊,2026-03-05\n")
    with pytest.raises(SystemExit) as caught:
        call_command("import", "taken-permits", str(path))
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "row 6: permit_no: taken meanwhile" in err
    assert (
        "stopped: 4 of 5 rows imported before row 6; fix it and run again (imported rows are skipped)" in err
    )
    assert permits.model.objects.count() == 4


def test_units_naming_a_parent_rows_above_load_in_one_transaction(tmp_path, county, capsys):
    codes = [make_uscc(registry="1", kind="1", region="140929", body8=f"{n:08d}") for n in (41, 42, 43)]
    path = tmp_path / "u.csv"
    path.write_text(
        "统一社会信用代码,名称,类别,上级单位\n"
        f"{codes[0]},测试县甲局,department,{county.code}\n{codes[1]},甲局一所,department,{codes[0]}\n"
        f"{codes[2]},甲局一所一室,department,甲局一所\n"
    )
    call_command("import", "units", str(path))
    assert "units: 3 created" in capsys.readouterr().out
    assert Unit.objects.get(code=codes[2]).parent.parent.code == codes[0]


def test_a_job_cut_off_says_so_in_chinese_and_resumes_after_its_last_batch(
    client, make_user, department, permits, django_capture_on_commit_callbacks, tmp_path
):
    editor = make_user(User.Role.EDITOR, department, "batch-editor")
    login_verified(client, editor)
    path = tmp_path / "first.csv"
    path.write_text(HEADER + _rows(department, [1, 2]))
    call_command("import", "permits", str(path))  # what the killed worker had committed
    with django_capture_on_commit_callbacks(execute=False):  # the worker never got to it
        client.post(
            URL, {"kind": "permits", "file": _csv(HEADER + _rows(department, [1, 2, 3, 4, 5])), "mode": "all"}
        )
    job = ImportJob.objects.get()
    long_ago = timezone.now() - timedelta(minutes=11)
    ImportJob.objects.filter(pk=job.pk).update(
        status="running", total=5, done=2, created=2, started_at=long_ago, beat_at=long_ago
    )
    page = client.get(job.get_absolute_url()).text
    assert "已中断" in page and "已导入的前 2 行已保存" in page and "继续导入" in page
    assert 'http-equiv="refresh"' not in page  # nothing to wait for
    state = client.get(f"{URL}{job.pk}/progress.json").json()
    assert state["interrupted"] and state["done"] == 2 and state["status_label"] == "已中断"

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"{URL}{job.pk}/resume/")
    assert answer.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.done, job.created, job.unchanged, job.stored_as) == ("done", 5, 5, 0, "")
    assert permits.model.objects.count() == 5
    again = client.post(f"{URL}{job.pk}/resume/", follow=True)
    assert "这项导入没有中断" in again.text


def test_a_running_job_is_not_cut_off_while_its_batches_commit(client, make_user, department, permits):
    editor = make_user(User.Role.EDITOR, department, "batch-editor")
    login_verified(client, editor)
    recent = timezone.now() - timedelta(minutes=2)
    job = ImportJob.objects.create(
        kind="permits", file_name="p.csv", created_by=editor, created_at=recent, status="running",
        total=10, done=4, started_at=recent, beat_at=recent, stored_as="imports/x/source.csv",
    )  # fmt: skip
    assert "继续导入" not in client.get(job.get_absolute_url()).text
    assert "这项导入没有中断" in client.post(f"{URL}{job.pk}/resume/", follow=True).text
    assert ImportJob.objects.get().status == "running"
