"""Import jobs: a file uploaded on the staff desk, loaded by the task queue, its progress shown.

The rows load in batches of committed transactions (core.importing); each batch commits the job's
counts with its rows, so the job always says how far the file is in, and a job whose worker was
killed can go on from there (`import_job_resume`, decision 0032). Finer progress within a batch goes
to the task queue's own key-value store (the SQLite file beside the queue, or Redis), which every web
server already shares with the worker (decision 0020).
"""

from __future__ import annotations

import logging
import shutil
import stat
import zipfile
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import audit, importing, permissions
from .errors import CoreError
from .models import ImportJob, User

log = logging.getLogger(__name__)

TABLES = (".csv", ".xlsx", ".jsonl", ".ndjson")
MANIFEST_STEMS = ("index", "manifest", "清单")
MAX_ERRORS = 500  # refused rows kept on the job (the count is kept whole)
# A running job that has committed nothing for this long was cut off (a batch takes seconds).
STALE_AFTER = timedelta(minutes=10)


class JobFailed(Exception):
    """The file as a whole cannot be imported; the message is for the uploader (Chinese)."""


def max_bytes() -> int:
    return int(settings.IMPORT_MAX_MB) * 1024 * 1024


def work_root() -> Path:
    return Path(settings.DATA_DIR) / "import-work"


def work_dir(job_id: int) -> Path:
    """Where the worker copies (and unzips) JOB_ID's upload: one folder a job, under the site's data
    directory, so that a run killed mid-file leaves a copy its next run or the nightly clean-up
    (core.import_files) finds and removes."""
    return work_root() / str(job_id)


def importable_kinds(user: User) -> list[importing.Kind]:
    """Return the kinds USER may import: those whose items they may create, for some unit."""
    found = []
    for name in importing.kinds():
        entry = importing.kind(name)
        if entry is None or not entry.permission:
            continue
        if permissions.unit_ids_for(user, entry.permission) != frozenset():
            found.append(entry)
    return sorted(found, key=lambda k: (k.files, k.label))


def jobs_visible_to(user: User) -> QuerySet[ImportJob]:
    """Return the jobs USER may see: their own, or every job for those allowed to see all."""
    jobs = ImportJob.objects.select_related("created_by")
    if permissions.can(user, "core.imports.view_all"):
        return jobs
    return jobs.filter(created_by=user)


# ---- the uploaded file -------------------------------------------------------------------------


def _member_name(info: zipfile.ZipInfo) -> str:
    """A member's name; zips made on Chinese Windows store names in GBK without saying so."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (name[1:2] == ":"):
        raise CoreError(
            f"压缩包中的“{name}”路径不安全（不能以 / 开头，不能含 ..），文件未导入。",
            code="zip_path",
            field="file",
        )
    return path


def zip_manifest(archive: zipfile.ZipFile) -> str:
    """Check an uploaded zip's members and return its manifest's name (index.csv or the only table)."""
    members = [i for i in archive.infolist() if not i.is_dir()]
    if sum(i.file_size for i in members) > 5 * max_bytes():
        raise CoreError(
            f"压缩包解压后超过 {5 * settings.IMPORT_MAX_MB} MB，请分批导入。", code="zip_size", field="file"
        )
    tops = []
    for info in members:
        path = _safe_member(_member_name(info))
        if stat.S_ISLNK(info.external_attr >> 16):
            raise CoreError(f"压缩包中的“{path}”是链接，不能导入。", code="zip_link", field="file")
        if len(path.parts) == 1 and path.suffix.lower() in TABLES:
            tops.append(path)
    named = [p for p in tops if p.stem.lower() in MANIFEST_STEMS]
    lists = [p for p in tops if p.suffix.lower() != ".xlsx"]
    manifest = named or lists
    if len(manifest) != 1:
        raise CoreError(
            "压缩包顶层须有且只有一个清单文件（index.csv 或 index.xlsx），各行的“表格”列写压缩包内的相对路径。",
            code="zip_manifest",
            field="file",
        )
    return str(manifest[0])


def check_upload(entry: importing.Kind, name: str, size: int, handle: Any) -> None:
    """Refuse a file that is too big, of the wrong type, or an unsafe zip; the message names 文件."""
    if size > max_bytes():
        raise CoreError(
            f"文件超过 {settings.IMPORT_MAX_MB} MB，请拆分后分批导入。", code="too_large", field="file"
        )
    suffix = Path(name).suffix.lower()
    if entry.files:
        if suffix != ".zip":
            raise CoreError(
                f"{entry.label}须上传 zip 压缩包：内含清单文件（CSV 或 XLSX）和清单所列的 XLSX 表格。",
                code="file_type",
                field="file",
            )
        try:
            with zipfile.ZipFile(handle) as archive:
                zip_manifest(archive)
        except zipfile.BadZipFile:
            raise CoreError("文件不是有效的 zip 压缩包。", code="bad_zip", field="file") from None
        finally:
            handle.seek(0)
    elif suffix not in TABLES:
        raise CoreError(
            "文件须为 CSV（UTF-8）、XLSX 或 JSON Lines（.jsonl）格式。", code="file_type", field="file"
        )


@transaction.atomic
def import_job_create(
    *, kind: str, name: str, size: int, handle: Any, partial: bool, by: User, now: datetime | None = None
) -> ImportJob:
    """Store an uploaded file as a queued job of BY and hand it to the task queue once committed."""
    entry = importing.kind(kind)
    if entry is None or entry not in importable_kinds(by):
        raise CoreError("你无权导入这类数据。", code="forbidden_kind", field="kind")
    check_upload(entry, name, size, handle)
    job = ImportJob.objects.create(
        kind=kind,
        file_name=Path(name.replace("\\", "/")).name[:255],
        file_size=size,
        partial=partial,
        created_by=by,
        created_at=now or timezone.now(),
    )
    job.stored_as = default_storage.save(f"imports/{job.pk}/source{Path(name).suffix.lower()}", handle)
    job.save(update_fields=["stored_as"])
    audit.record(
        job, "core.import.uploaded", by=by, data={"kind": kind, "file": job.file_name, "partial": partial}
    )
    from .tasks import import_job_run

    transaction.on_commit(lambda: import_job_run(job.pk))
    return job


# ---- progress, kept outside the import's transaction ----------------------------------------------


def _key(job_id: int) -> str:
    return f"gongkai:import-progress:{job_id}"


def _queue() -> Any:
    from huey.contrib.djhuey import HUEY

    return HUEY


CHECKING = "checking"  # the phase in which rows are checked (and rolled back) before any is written


def progress_put(job_id: int, done: int, total: int, phase: str = "") -> None:
    _queue().put(_key(job_id), (done, total, phase))


def progress_get(job_id: int) -> tuple[int, int, str] | None:
    value = _queue().get(_key(job_id), peek=True)
    return (int(value[0]), int(value[1]), str(value[2]) if len(value) > 2 else "") if value else None


class Progress:
    """The progress callback: writes every 1% of the rows, at most every 50 rows, and at the end."""

    def __init__(self, job_id: int, phase: str = "", *, start: int = 0) -> None:
        self.job_id = job_id
        self.phase = phase
        self.last = start

    def __call__(self, done: int, total: int) -> None:
        step = max(1, min(50, total // 100))
        if done - self.last >= step or done == total:
            progress_put(self.job_id, done, total, self.phase)
            self.last = done


def interrupted(job: ImportJob, now: datetime | None = None) -> bool:
    """Whether JOB says it is running but its worker has committed nothing for STALE_AFTER (killed)."""
    beat = job.beat_at or job.started_at
    if job.status != ImportJob.Status.RUNNING or beat is None:
        return False
    return beat < (now or timezone.now()) - STALE_AFTER


def interrupted_message(job: ImportJob) -> str:
    done = f"已导入的前 {job.done:,} 行已保存，" if job.done else "尚未导入任何行，"
    return (
        f"导入已中断：处理导入的程序意外停止（如服务器重启），已超过 {STALE_AFTER.seconds // 60} 分钟没有进展。"
        f"{done}点击“继续导入”从中断处接着导入，已导入的行不会重复。"
    )


def progress(job: ImportJob) -> dict[str, Any]:
    """The job's state as the progress endpoint answers it."""
    done, total, phase = job.done, job.total, ""
    if job.status == ImportJob.Status.RUNNING:
        live = progress_get(job.pk)
        if live is not None:
            done, total, phase = live
    cut_off = interrupted(job)
    if cut_off:
        done, phase = job.done, ""
    verb = "已校验" if phase == CHECKING else "已处理"
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": "已中断" if cut_off else job.get_status_display(),
        "finished": job.is_finished(),
        "interrupted": cut_off,
        "done": done,
        "total": total,
        "percent": round(100 * done / total, 1) if total else (100.0 if job.is_finished() else 0.0),
        "text": interrupted_message(job) if cut_off else f"{verb} {done:,} / {total:,} 行",
        "created": job.created,
        "unchanged": job.unchanged,
        "failed": job.failed,
        "url": job.get_absolute_url(),
    }


def summary(job: ImportJob) -> str:
    """One line saying what a finished job did (numbers grouped by thousands, as the progress text)."""
    if job.status != ImportJob.Status.DONE:
        return job.message
    skipped = f"，跳过有误的 {job.failed:,} 行" if job.failed else ""
    return f"完成：共 {job.total:,} 行，新增 {job.created:,} 行，已有未变 {job.unchanged:,} 行{skipped}。"


# ---- running a job (the task queue calls this) ---------------------------------------------------


def import_job_run(job_id: int, *, now: datetime | None = None) -> ImportJob | None:
    """Load a queued job's file; its outcome (counts, refused rows or why it failed) goes on the job.

    A job resumed after its worker was killed starts after its last committed batch (`job.done`).
    """
    now = now or timezone.now()
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, started_at=now, beat_at=now
    )
    if not claimed:  # already taken by another worker, or gone
        return None
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    folder = work_dir(job_id)
    try:
        shutil.rmtree(folder, ignore_errors=True)  # a killed run's copy (this job resumed)
        work_root().mkdir(mode=0o700, exist_ok=True)
        folder.mkdir(mode=0o700)
        _load(job, folder)
    except JobFailed as exc:
        _finish(job, status=ImportJob.Status.FAILED, message=str(exc))
    except Exception:
        log.exception("import job %s failed", job_id)
        done = ImportJob.objects.get(pk=job_id).done
        kept = f"前 {done:,} 行已导入，其余未导入" if done else "未导入任何行"
        _finish(
            job,
            status=ImportJob.Status.FAILED,
            message=f"导入时发生意外错误，{kept}。请将文件和本页地址告知系统管理员。",
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # the copy may hold personal data, as the upload
        _queue().delete(_key(job_id))
        if job.stored_as:
            default_storage.delete(job.stored_as)  # the file may hold personal data: keep it no longer
            ImportJob.objects.filter(pk=job_id).update(stored_as="")
    job.refresh_from_db()
    return job


@transaction.atomic
def import_job_resume(*, job: ImportJob, by: User, now: datetime | None = None) -> ImportJob:
    """Queue again a job whose worker was killed; it goes on after its last committed batch."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if not interrupted(job, now):
        raise CoreError("这项导入没有中断，不需要继续。", code="not_interrupted")
    if not job.stored_as:
        raise CoreError("原文件已不在，无法继续：请重新上传（已导入的行会被跳过）。", code="file_gone")
    job.status = ImportJob.Status.QUEUED
    job.message = ""
    job.save(update_fields=["status", "message"])
    audit.record(job, "core.import.resumed", by=by, data={"done": job.done, "total": job.total})
    from .tasks import import_job_run

    transaction.on_commit(lambda: import_job_run(job.pk))
    return job


def _load(job: ImportJob, folder: Path) -> None:
    entry = importing.kind(job.kind)
    user = job.created_by
    if entry is None or not user.is_active or entry not in importable_kinds(user):
        raise JobFailed("你已无权导入这类数据，未导入任何行。")
    source = folder / f"source{Path(job.stored_as).suffix}"
    with default_storage.open(job.stored_as, "rb") as stored, source.open("wb") as copy:
        shutil.copyfileobj(stored, copy)
    files = None
    if entry.files:
        files = folder / "files"
        source = files / _unzip(source, files)
    context = importing.Context(
        by=user, unit_ids=permissions.unit_ids_for(user, entry.permission), files=files
    )
    loader = importing.importer(job.kind, context)
    assert loader is not None  # noqa: S101  type narrowing
    rows = _read(source)
    if not rows:
        raise JobFailed("文件中没有数据行（第一行应为列名，数据从第二行开始）。")
    missing = importing.missing_columns(loader, rows)
    if missing:
        raise JobFailed(f"缺少必需的列：{'、'.join(missing)}。请下载模板对照列名，文件未导入任何行。")
    start = min(job.done, len(rows))  # a resumed job: the rows before are committed
    ImportJob.objects.filter(pk=job.pk).update(total=len(rows))
    progress_put(job.pk, start, len(rows))
    headers: set[str] = set().union(*(row.keys() for _, row in rows))
    tally = _Tally(job, loader, headers)
    report = importing.run(
        loader, rows, partial=job.partial, start=start, checkpoint=tally,
        progress=Progress(job.pk, start=start), checking=Progress(job.pk, CHECKING, start=start),
        again=lambda: importing.importer(job.kind, context),
    )  # fmt: skip
    if report.committed:
        _finish(job, status=ImportJob.Status.DONE, counts=tally.counts(report), errors=tally.errors(report))
    else:
        if report.checked:  # refused while writing, after the check: the batches before it are in
            message = (
                f"第 {report.errors[0][0]:,} 行写入时被拒绝（见下表），导入在此停止：此前的 "
                f"{report.written:,} 行已导入。请改正后重新上传，已导入的行会被跳过。"
            )
        elif not start:
            message = f"{len(report.failures):,} 行有误。按“全部或全不”，未导入任何行：请改正后重新上传，或选择“跳过错误行”。"
        else:
            message = f"{len(report.failures):,} 行有误，其余行未导入（此前的 {start:,} 行已导入）：请改正后重新上传，已导入的行会被跳过。"
        _finish(
            job, status=ImportJob.Status.FAILED, counts=tally.counts(report),
            errors=tally.errors(report), message=message,
        )  # fmt: skip


class _Tally:
    """A job's counts and refused rows: those of earlier runs (a resumed job) plus this run's."""

    def __init__(self, job: ImportJob, loader: importing.Importer, headers: set[str]) -> None:
        self.job, self.loader, self.headers = job, loader, headers
        self.before = (job.created, job.unchanged, list(job.errors), job.failed)

    def counts(self, report: importing.Report) -> dict[str, int]:
        created, unchanged, _errors, failed = self.before
        return {
            "done": report.written, "created": created + report.created,
            "unchanged": unchanged + report.unchanged, "failed": failed + len(report.failures),
        }  # fmt: skip

    def errors(self, report: importing.Report) -> list[dict[str, Any]]:
        found = []
        for number, error in report.failures:
            column = importing.column_name(self.loader, error.field, self.headers)
            found.append(
                {"row": number, "field": error.field, "column": column, "message": error.chinese(column)}
            )
        return (self.before[2] + found)[:MAX_ERRORS]

    def __call__(self, report: importing.Report) -> None:
        """Inside each written batch's transaction (and after each checked one): the job moves with it."""
        changes: dict[str, Any] = (
            dict(self.counts(report)) if report.checked or self.job.partial else {"done": report.written}
        )
        if report.failures and (report.checked or self.job.partial):
            changes["errors"] = self.errors(report)
        ImportJob.objects.filter(pk=self.job.pk).update(beat_at=timezone.now(), **changes)


def _unzip(source: Path, target: Path) -> str:
    """Extract an uploaded zip (checked again: it is read here, not where it was uploaded)."""
    try:
        with zipfile.ZipFile(source) as archive:
            manifest = zip_manifest(archive)
            for info in archive.infolist():
                if info.is_dir():
                    continue
                path = target / _safe_member(_member_name(info))
                path.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as member, path.open("wb") as out:
                    shutil.copyfileobj(member, out)
    except zipfile.BadZipFile:
        raise JobFailed("文件不是有效的 zip 压缩包。") from None
    except CoreError as exc:
        raise JobFailed(exc.message) from None
    return manifest


def _read(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Read every row, or say in Chinese why the file cannot be read."""
    try:
        return list(importing.read_rows(path))
    except UnicodeDecodeError:
        raise JobFailed(
            "文件不是 UTF-8 编码：请在 Excel 中“另存为 CSV UTF-8（逗号分隔）”，或直接上传 XLSX。"
        ) from None
    except Exception as exc:  # openpyxl, csv and json each raise their own
        kind = {".xlsx": "XLSX 工作簿", ".csv": "CSV 文件"}.get(
            path.suffix.lower(), "JSON Lines 文件（每行一个 JSON 对象）"
        )
        raise JobFailed(f"文件无法读取：不是有效的{kind}（{type(exc).__name__}: {exc}）。") from None


def _finish(
    job: ImportJob,
    *,
    status: str,
    counts: dict[str, int] | None = None,
    errors: Iterable[dict[str, Any]] | None = None,
    message: str = "",
) -> None:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        job.status = status
        job.finished_at = timezone.now()
        job.message = message[:500]
        if errors is not None:
            job.errors = list(errors)[:MAX_ERRORS]
        for name, value in (counts or {}).items():
            setattr(job, name, value)
        job.save()
        audit.record(
            job,
            "core.import.finished",
            by=job.created_by,
            data={"status": status, "created": job.created, "unchanged": job.unchanged, "failed": job.failed},
        )
