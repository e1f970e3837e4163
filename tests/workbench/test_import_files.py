"""No copy of an uploaded import file outlives its job (issue #23): the worker's working copy goes when
the run ends however it ends, one left by a killed run goes with the next run or the nightly clean-up,
and the upload itself is kept only while an interrupted job can still be resumed (RESUMABLE_FOR)."""

import os
import time
from datetime import datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from gongkai.core import import_files, import_jobs
from gongkai.core.models import AuditEntry, ImportJob, User
from gongkai.core.tasks import clean_import_files
from tests.conftest import login_verified

from .test_import_batches import HEADER, _rows
from .test_imports import _csv

URL = "/staff/import/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_user, department) -> User:
    return make_user(User.Role.EDITOR, department, "files-editor")


def _queued(client, department, rows, captured):
    """Upload a permits file whose task the worker has not run yet; return the job."""
    with captured(execute=False) as queued:
        client.post(URL, {"kind": "permits", "file": _csv(HEADER + _rows(department, rows)), "mode": "all"})
    job = ImportJob.objects.get(file_name="摊位许可.csv", status="queued")
    return job, queued


def _cut_off(job, *, ago, done=0):
    """What a SIGKILL of the worker leaves: the job running, no progress since AGO, its working copy."""
    then = timezone.now() - ago
    ImportJob.objects.filter(pk=job.pk).update(
        status="running", total=5, done=done, created=done, started_at=then, beat_at=then
    )
    copy = import_jobs.work_dir(job.pk)
    copy.mkdir(parents=True)
    (copy / "source.csv").write_text("公开单位,持证人\n", encoding="utf-8")
    _age(copy, ago)
    job.refresh_from_db()
    return copy


def _age(path, ago):
    then = time.time() - ago.total_seconds()
    os.utime(path, (then, then))


def test_the_working_copy_goes_when_a_job_ends_done_or_failed(
    client, department, editor, django_capture_on_commit_callbacks
):
    login_verified(client, editor)
    seen = []
    real = import_jobs._load

    def spy(job, folder):
        seen.append((folder, sorted(p.name for p in folder.iterdir())))
        return real(job, folder)

    import_jobs._load = spy
    try:
        for rows in ([1, 2], ["x"]):  # the second file has a bad date: it fails as a whole
            with django_capture_on_commit_callbacks(execute=True):
                client.post(
                    URL, {"kind": "permits", "file": _csv(HEADER + _rows(department, rows)), "mode": "all"}
                )
    finally:
        import_jobs._load = real
    done, failed = ImportJob.objects.order_by("pk")
    assert (done.status, failed.status) == ("done", "failed")
    assert [folder for folder, _files in seen] == [
        import_jobs.work_dir(done.pk),
        import_jobs.work_dir(failed.pk),
    ]
    assert not any(folder.exists() for folder, _files in seen)
    assert done.stored_as == failed.stored_as == "" and not default_storage.listdir(f"imports/{done.pk}")[1]


def test_a_resumed_job_removes_the_copy_its_killed_run_left(
    client, department, editor, django_capture_on_commit_callbacks
):
    login_verified(client, editor)
    job, _queued_run = _queued(client, department, [1, 2, 3, 4, 5], django_capture_on_commit_callbacks)
    copy = _cut_off(job, ago=timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{URL}{job.pk}/resume/")
    job.refresh_from_db()
    assert (job.status, job.created, job.stored_as) == ("done", 5, "")
    assert not copy.exists()


def test_the_nightly_clean_up_keeps_only_what_a_live_or_resumable_job_needs(
    client, department, editor, django_capture_on_commit_callbacks
):
    login_verified(client, editor)
    resumable, _r = _queued(client, department, [1, 2, 3], django_capture_on_commit_callbacks)
    resumable_copy = _cut_off(resumable, ago=timedelta(minutes=30), done=2)
    abandoned, _a = _queued(client, department, [4, 5], django_capture_on_commit_callbacks)
    abandoned_copy = _cut_off(abandoned, ago=timedelta(days=8), done=2)
    live, _l = _queued(client, department, [6], django_capture_on_commit_callbacks)
    live_copy = _cut_off(live, ago=timedelta(minutes=2))
    live_copy.touch()
    _age(live_copy, timedelta(minutes=30))
    finished, _f = _queued(client, department, [7], django_capture_on_commit_callbacks)
    ImportJob.objects.filter(pk=finished.pk).update(status="done", finished_at=timezone.now())  # killed
    old_orphan = default_storage.save("imports/9999/source.csv", ContentFile(b"x"))
    _age(default_storage.path(old_orphan), timedelta(hours=2))
    new_orphan = default_storage.save("imports/9998/source.csv", ContentFile(b"y"))

    assert clean_import_files.call_local() == {"abandoned": 1, "uploads": 2, "orphans": 1, "work_copies": 2}

    for job in (resumable, abandoned, live, finished):
        job.refresh_from_db()
    assert resumable.status == "running" and default_storage.exists(resumable.stored_as)  # 继续导入 stays
    assert live.status == "running" and default_storage.exists(live.stored_as) and live_copy.exists()
    assert not resumable_copy.exists() and not abandoned_copy.exists()
    assert finished.stored_as == "" and not default_storage.listdir(f"imports/{finished.pk}")[1]
    assert abandoned.status == "failed" and abandoned.stored_as == ""
    assert not default_storage.listdir(f"imports/{abandoned.pk}")[1]
    assert not default_storage.exists(old_orphan) and default_storage.exists(new_orphan)
    assert AuditEntry.objects.filter(action="core.import.abandoned").count() == 1

    page = client.get(abandoned.get_absolute_url()).text
    assert (
        "导入已中断超过 7 天，不能再继续" in page
        and "已导入的前 2 行已保存" in page
        and "继续导入" not in page
    )
    page = client.get(resumable.get_absolute_url()).text
    assert "继续导入" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{URL}{resumable.pk}/resume/")
    resumable.refresh_from_db()
    assert resumable.status == "done" and resumable.stored_as == ""


def test_the_clean_up_runs_every_night_on_the_countys_clock():
    assert clean_import_files.task_class().validate_datetime(datetime(2026, 12, 7, 0, 30))
    assert not clean_import_files.task_class().validate_datetime(datetime(2026, 12, 7, 12, 30))
    assert timedelta(days=7) == import_files.RESUMABLE_FOR
