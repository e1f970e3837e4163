"""Crash safety (issue #23, the permanent suite): SIGKILL of `gongkai import`, of the task-queue worker
running an import job, of a loop publishing documents and of `gongkai serve` answering staff clients'
publishes loses nothing committed, leaves nothing half-written, and a rerun completes the work exactly
once. Real processes on a real database file
(SQLite) or server (PostgreSQL), killed with SIGKILL; each check reads what the public would see."""

import http.client
import json
import threading
import urllib.error
import urllib.request
from typing import Any

import pytest

from gongkai.publishing.kind import KIND

from .live import Live, consistent, stop

pytestmark = pytest.mark.slow
BATCH = 20
WORD = "灯塔巡检"
HEADER = "index_no,title,unit,published_at,category,body\n"


@pytest.fixture
def live(transactional_db, tmp_path):
    from gongkai.publishing.models import Category

    Category.objects.get_or_create(code="other", defaults={"name": "其他"})  # flushed by an earlier test
    return Live(tmp_path)


def catalog(tmp_path, unit, rows):
    path = tmp_path / "catalog.csv"
    lines = (
        f"CRASH/2015-{n:05d},关于{WORD}工作的通知（第{n}号）,{unit.code},2015-03-01,other,<p>{WORD}要点第{n}条</p>\n"
        for n in range(1, rows + 1)
    )
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def documents(live):
    return live.count("SELECT COUNT(*) FROM publishing_document")


def assert_whole(state, expected):
    """Every document is published, logged and indexed, once; the log verifies; search lists each once."""
    assert state["problems"] == []
    assert state["documents"] == state["distinct"] == len(expected)
    assert state["published"] == state["logged"] == state["indexed"] == sorted(expected)
    assert len(state["found"]) == len(set(state["found"])) == len(expected)


def test_a_killed_command_line_import_is_completed_by_a_rerun_exactly_once(live, tmp_path, department):
    rows = 6 * BATCH
    path = catalog(tmp_path, department, rows)
    live.share(GONGKAI_IMPORT_BATCH_ROWS=str(BATCH))
    first = live.start("import", "documents", str(path))
    live.kill_when(first, lambda: documents(live) >= 2 * BATCH)

    state = consistent(live, KIND.slug, WORD)
    kept = state["documents"]
    assert 0 < kept < rows and kept % BATCH == 0  # whole batches, each with its log and search entries
    assert state["problems"] == [] and state["published"] == state["logged"] == state["indexed"]

    again = live.gongkai("import", "documents", str(path))
    assert again.returncode == 0, again.stderr[-2000:]
    assert f"documents: {rows - kept} created, {kept} unchanged, 0 failed, {rows} rows" in again.stdout
    assert_whole(consistent(live, KIND.slug, WORD), [f"CRASH/2015-{n:05d}" for n in range(1, rows + 1)])
    assert live.gongkai("transparency", "verify").returncode == 0


def test_a_killed_worker_leaves_a_job_that_resumes_where_it_stopped(live, tmp_path, department, make_user):
    editor = make_user("editor", department)
    rows = 6 * BATCH
    path = catalog(tmp_path, department, rows)
    temp = tmp_path / "tmp"  # the worker's TMPDIR: nothing of the upload may stay there either
    temp.mkdir()
    live.share(GONGKAI_IMPORT_BATCH_ROWS=str(BATCH), TMPDIR=str(temp))
    job = live.script(
        f"""
from gongkai.core import import_jobs
from gongkai.core.models import User
with open({str(path)!r}, "rb") as handle:
    job = import_jobs.import_job_create(
        kind="documents", name="catalog.csv", size={path.stat().st_size}, handle=handle, partial=False,
        by=User.objects.get(pk={editor.pk}),
    )
print(json.dumps(job.pk))
"""
    )
    worker = live.start("run_huey", "--workers", "1", "--max-delay", "0.5")
    live.kill_when(worker, lambda: documents(live) >= 2 * BATCH)

    seen = live.script(
        f"""
from datetime import timedelta
from django.utils import timezone
from gongkai.core import import_jobs
from gongkai.core.models import ImportJob, User
job = ImportJob.objects.get(pk={job})
later = timezone.now() + import_jobs.STALE_AFTER + timedelta(seconds=1)
before = [job.status, job.done, job.created, import_jobs.interrupted(job), import_jobs.interrupted(job, later)]
import_jobs.import_job_resume(job=job, by=User.objects.get(pk={editor.pk}), now=later)
print(json.dumps(before))
"""
    )
    kept = documents(live)
    # Killed mid-file: still "running", its counts those of the committed batches; cut off only later.
    assert seen == ["running", kept, kept, False, True] and 0 < kept < rows and kept % BATCH == 0
    copies = live.data / "import-work"
    assert [p.name for p in copies.iterdir()] == [str(job)]  # the killed run's copy, for its next run

    worker = live.start("run_huey", "--workers", "1", "--max-delay", "0.5")
    try:
        ended = f"SELECT COUNT(*) FROM core_importjob WHERE id = {job} AND finished_at IS NOT NULL AND stored_as = ''"
        live.wait(lambda: live.count(ended) > 0)
    finally:
        stop(worker)
    done = live.script(
        f"from gongkai.core.models import ImportJob\nj = ImportJob.objects.get(pk={job})\n"
        "print(json.dumps([j.total, j.done, j.created, j.unchanged, j.failed, j.stored_as]))"
    )
    assert done == [rows, rows, rows, 0, 0, ""]
    assert list(copies.iterdir()) == [] and list(temp.iterdir()) == []  # no copy of the upload left
    assert_whole(consistent(live, KIND.slug, WORD), [f"CRASH/2015-{n:05d}" for n in range(1, rows + 1)])


def test_a_killed_publishing_loop_leaves_each_document_published_and_logged_or_not_at_all(
    live, department, make_user
):
    from tests.publishing.factories import approved

    editor, reviewer = make_user("editor", department), make_user("reviewer", department)
    count = 60
    for n in range(count):
        approved(editor, reviewer, title=f"关于{WORD}的通知（第{n}号）")
    live.share()
    loop = f"""
from gongkai.core.models import User
from gongkai.publishing import services
from gongkai.publishing.models import Document
by = User.objects.get(pk={reviewer.pk})
for document in Document.objects.filter(status="approved").order_by("pk"):
    services.document_publish(document=document, by=by)
print(json.dumps("done"))
"""
    published = "SELECT COUNT(*) FROM publishing_document WHERE status = 'published'"
    live.kill_when(live.script(loop, background=True), lambda: live.count(published) >= 10)

    state = consistent(live, KIND.slug, WORD)
    assert state["problems"] == [] and 10 <= len(state["published"]) < count
    assert state["published"] == state["logged"] == state["indexed"]  # each one whole, or not at all
    assert live.script(loop) == "done"
    state = consistent(live, KIND.slug, WORD)
    assert_whole(state, state["published"])
    assert len(state["published"]) == count


def _publish(base: str, token: str, pk: int) -> tuple[int, dict[str, Any]] | None:
    """POST the publish action of document PK; None when no answer came (the server was killed)."""
    request = urllib.request.Request(
        f"{base}/api/v1/staff/documents/{pk}/publish", data=b"{}", method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read() or b"{}")
    except (OSError, http.client.HTTPException):  # refused, reset, or cut off mid-answer
        return None


def test_a_killed_server_keeps_every_publish_it_answered_and_a_resend_completes_the_rest(
    live, department, make_user
):
    """SIGKILL of `gongkai serve` (its whole process group) while staff clients publish over HTTP."""
    from gongkai.core import services
    from gongkai.publishing.models import Document
    from tests.publishing.factories import approved

    editor, reviewer = make_user("editor", department), make_user("reviewer", department)
    documents = [approved(editor, reviewer, title=f"关于{WORD}的通知（第{n}号）").pk for n in range(60)]
    token = services.token_create(user=reviewer, by=None)
    live.share()
    server, base = live.serve()
    answers: dict[int, tuple[int, dict[str, Any]] | None] = {}

    def client(mine: list[int]) -> None:  # two staff clients, so that requests are in flight together
        for pk in mine:
            answers[pk] = _publish(base, token, pk)

    clients = [threading.Thread(target=client, args=(documents[n::2],)) for n in (0, 1)]
    for thread in clients:
        thread.start()
    published = "SELECT COUNT(*) FROM publishing_document WHERE status = 'published'"
    try:
        live.kill_when(server, lambda: live.count(published) >= 10)
    finally:
        for thread in clients:
            thread.join(timeout=300)
    acked = [pk for pk, answer in answers.items() if answer is not None and answer[0] == 200]
    unanswered = [pk for pk, answer in answers.items() if answer is None]
    assert sorted(acked + unanswered) == sorted(documents)  # every answer was a 200 or none at all
    assert all(answers[pk][1]["status"] == "published" for pk in acked)
    assert acked and unanswered  # killed mid-loop (the last one published may have lost its answer)

    state = consistent(live, KIND.slug, WORD)
    by_pk = dict(Document.objects.filter(pk__in=documents).values_list("pk", "index_no"))  # made before
    assert {by_pk[pk] for pk in acked} <= set(state["published"])  # nothing answered is lost
    assert state["problems"] == [] and state["published"] == state["logged"] == state["indexed"]
    assert live.gongkai("transparency", "verify").returncode == 0

    server, base = live.serve()  # restarted: the staff clients send again what got no answer
    try:
        resent = {pk: _publish(base, token, pk) for pk in unanswered}
    finally:
        stop(server)
    for pk, answer in resent.items():
        assert answer is not None
        status, body = answer
        # Published by the killed server after all (its answer lost): the resend is refused, not repeated.
        assert (status, body.get("status")) == (200, "published") or (
            status == 409 and body["error"]["fields"] == {"status": "published"}
        ), (pk, answer)
    state = consistent(live, KIND.slug, WORD)
    assert_whole(state, list(by_pk.values()))
    publishes = "SELECT COUNT(*) FROM core_transparencyentry WHERE action = 'publish'"
    assert live.count(publishes) == len(documents)  # each exactly once
    assert live.gongkai("transparency", "verify").returncode == 0


STAFF_WRITES = """
import time
from django.db import connection
from django.test import Client
from gongkai.publishing.models import Document
connection.settings_dict["OPTIONS"]["timeout"] = {timeout}  # how long a staff request waits for the lock
while {after} and Document.objects.count() < {after}:  # the import is writing
    time.sleep(0.05)
client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION="Bearer {token}")
answers = []
for n in range({writes}):
    began = time.monotonic()
    answer = client.post(
        "/api/v1/staff/documents", {{"unit": "{unit}", "title": f"并发保存的草稿{{n}}"}},
        content_type="application/json",
    )
    answers.append([answer.status_code, round(time.monotonic() - began, 2), answer.get("Retry-After")])
print(json.dumps(answers))
"""


@pytest.fixture
def token(department, make_user):
    from gongkai.core import services

    return services.token_create(user=make_user("editor", department), by=None)


def test_staff_writes_go_through_between_the_batches_of_a_large_import(live, tmp_path, department, token):
    """SQLite has one writer: a staff member saving during a long import waits for one batch, not the file."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL locks only the rows an import writes")
    rows = 12 * BATCH
    live.share(GONGKAI_IMPORT_BATCH_ROWS=str(BATCH))
    importer = live.start("import", "documents", str(catalog(tmp_path, department, rows)))
    script = STAFF_WRITES.format(timeout=20, token=token, unit=department.code, writes=3, after=BATCH)
    writer = live.script(script, background=True)
    try:
        written, problem = writer.communicate(timeout=240)
        still_importing = importer.poll() is None
        out, err = importer.communicate(timeout=240)
    finally:
        stop(importer)
        stop(writer)
    assert writer.returncode == 0, problem[-3000:]
    writes = json.loads(written.strip().splitlines()[-1])
    assert [status for status, _s, _r in writes] == [201, 201, 201], writes
    assert still_importing  # they were saved while the file was still loading, not after it
    assert f"documents: {rows} created" in out, err[-2000:]


def test_a_write_that_waits_past_the_lock_timeout_is_a_503_to_retry(live, department, token):
    """Whatever holds SQLite's write lock too long, the waiting request is told to retry, never a 500."""
    import sqlite3

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's single writer")
    live.share()
    holder = sqlite3.connect(live.data / "gongkai.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        writes = live.script(
            STAFF_WRITES.format(timeout=1, token=token, unit=department.code, writes=1, after=0)
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert writes[0][0] == 503 and writes[0][2] == "30"
