"""The nightly clean-up of uploaded import files (issue #23): an upload may hold personal data, so no
copy of it outlives its job for long.

- The upload kept for the worker (`ImportJob.stored_as`, in the default storage) is deleted when the job
  ends. A job cut off mid-file (已中断) keeps it so that 继续导入 can go on, for `RESUMABLE_FOR` (7 days)
  after its last progress; then the job is ended as failed, saying why, and its upload deleted.
- The worker's working copy (`import_jobs.work_dir`, under the data directory) is deleted when the run
  ends; a copy left by a killed run is deleted by the job's next run, or here once its job is not
  running (the copy is made again from the upload when the job resumes).
- A file under `imports/` that no job names (a job whose creation was rolled back) is deleted once it
  is an hour old.
"""

from __future__ import annotations

import logging
import shutil
from datetime import datetime, timedelta

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from . import audit, import_jobs
from .models import ImportJob

log = logging.getLogger(__name__)

RESUMABLE_FOR = timedelta(days=7)
ORPHAN_AFTER = timedelta(hours=1)
UNFINISHED = (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)


def last_progress(job: ImportJob) -> datetime:
    return job.beat_at or job.started_at or job.created_at


def abandoned_message(job: ImportJob) -> str:
    kept = f"已导入的前 {job.done:,} 行已保存；" if job.done else "未导入任何行；"
    return (
        f"导入已中断超过 {RESUMABLE_FOR.days} 天，不能再继续：上传的文件可能含个人信息，已按规定删除。"
        f"{kept}如需导入其余各行，请重新上传，已导入的行会被跳过。"
    )


def import_files_clean(*, now: datetime | None = None) -> dict[str, int]:
    """End the jobs left unfinished past RESUMABLE_FOR, then delete every upload and working copy that
    no live job needs; return how many of each were removed."""
    now = now or timezone.now()
    done = {
        "abandoned": sum(_end_abandoned(pk, now) for pk in _abandoned(now)),
        "uploads": _delete_uploads_of_finished_jobs(),
        "orphans": _delete_orphan_uploads(now),
        "work_copies": _delete_work_copies(now),
    }
    log.info("import files cleaned: %s", ", ".join(f"{n} {what}" for what, n in done.items()))
    return done


def _abandoned(now: datetime) -> list[int]:
    jobs = ImportJob.objects.filter(status__in=UNFINISHED).only("beat_at", "started_at", "created_at")
    return [job.pk for job in jobs if last_progress(job) < now - RESUMABLE_FOR]


@transaction.atomic
def _end_abandoned(job_id: int, now: datetime) -> bool:
    job = ImportJob.objects.select_for_update().filter(pk=job_id, status__in=UNFINISHED).first()
    if job is None or last_progress(job) >= now - RESUMABLE_FOR:  # resumed meanwhile
        return False
    job.status = ImportJob.Status.FAILED
    job.finished_at = now
    job.message = abandoned_message(job)[:500]
    job.save(update_fields=["status", "finished_at", "message"])
    audit.record(job, "core.import.abandoned", by=None, data={"done": job.done, "total": job.total}, now=now)
    return True  # its upload goes with those of the other finished jobs


def _delete_uploads_of_finished_jobs() -> int:
    count = 0
    finished = ImportJob.objects.exclude(status__in=UNFINISHED).exclude(stored_as="")
    for pk, stored_as in finished.values_list("pk", "stored_as"):
        default_storage.delete(stored_as)
        count += ImportJob.objects.filter(pk=pk, stored_as=stored_as).update(stored_as="")
    return count


def _delete_orphan_uploads(now: datetime) -> int:
    if not default_storage.exists("imports"):
        return 0
    named = set(ImportJob.objects.exclude(stored_as="").values_list("stored_as", flat=True))
    count = 0
    for folder in default_storage.listdir("imports")[0]:
        for name in default_storage.listdir(f"imports/{folder}")[1]:
            path = f"imports/{folder}/{name}"
            if path not in named and default_storage.get_modified_time(path) < now - ORPHAN_AFTER:
                default_storage.delete(path)
                count += 1
    return count


def _delete_work_copies(now: datetime) -> int:
    root = import_jobs.work_root()
    if not root.is_dir():
        return 0
    running = {
        job.pk: job
        for job in ImportJob.objects.filter(status=ImportJob.Status.RUNNING).only(
            "beat_at", "started_at", "status"
        )
    }
    count = 0
    for folder in root.iterdir():
        job = running.get(int(folder.name)) if folder.name.isdigit() else None
        if job is not None and not import_jobs.interrupted(job, now):
            continue  # in use by a live run
        made = datetime.fromtimestamp(folder.stat().st_mtime, tz=timezone.get_current_timezone())
        if made >= now - import_jobs.STALE_AFTER:
            continue  # a run that has just claimed its job (read above as queued)
        shutil.rmtree(folder, ignore_errors=True)
        count += 1
    return count
