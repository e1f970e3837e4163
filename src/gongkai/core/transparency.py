"""The publication log: an append-only hash chain anyone can re-check.

Every publish, amendment, withdrawal, expiry and validity change appends an entry holding the
SHA-256 of the published content and the previous entry's hash. `verify_chain` re-derives every
link; apps register a content source per object type so the current content can be re-hashed too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.utils import timezone

from .models import TransparencyEntry, TransparencyHead

GENESIS = "0" * 64
RESTORE = "restore"
ContentSource = Callable[[str, int], Mapping[str, Any] | None]
_sources: dict[str, ContentSource] = {}


def canonical(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def canonical_content(
    *, index_no: str, version: int, title: str, doc_number: str, body: str, attachments: Iterable[str]
) -> dict[str, Any]:
    """Return the content of one published version as the log hashes it (attachments by SHA-256)."""
    return {
        "index_no": index_no,
        "version": version,
        "title": title,
        "doc_number": doc_number,
        "body": body,
        "attachments": sorted(attachments),
    }


def content_hash(content: Mapping[str, Any]) -> str:
    """Return the SHA-256 of published content in its canonical JSON form."""
    return hashlib.sha256(canonical(dict(content))).hexdigest()


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def entry_fields(entry: Mapping[str, Any]) -> dict[str, Any]:
    """Return the fields an entry's hash covers, as the API exposes them."""
    return {
        "seq": int(entry["seq"]),
        "created_at": entry["created_at"],
        "effective_at": entry["effective_at"],
        "action": entry["action"],
        "object_type": entry["object_type"],
        "index_no": entry["index_no"],
        "version": int(entry["version"]),
        "content_sha256": entry["content_sha256"],
        "prev_hash": entry["prev_hash"],
    }


def entry_as_dict(entry: TransparencyEntry) -> dict[str, Any]:
    return {
        **entry_fields(
            {
                "seq": entry.seq,
                "created_at": _stamp(entry.created_at),
                "effective_at": _stamp(entry.effective_at),
                "action": entry.action,
                "object_type": entry.object_type,
                "index_no": entry.index_no,
                "version": entry.version,
                "content_sha256": entry.content_sha256,
                "prev_hash": entry.prev_hash,
            }
        ),
        "entry_hash": entry.entry_hash,
    }


def register_source(object_type: str, source: ContentSource) -> None:
    """Let the verifier fetch the canonical content of OBJECT_TYPE's (index_no, version)."""
    _sources[object_type] = source


@dataclass(frozen=True)
class LogItem:
    """One change to log: see `append`."""

    action: str
    object_type: str
    index_no: str
    version: int
    content: Mapping[str, Any] | None
    effective_at: datetime | None = None


def _entry(item: LogItem, seq: int, prev_hash: str, now: datetime) -> TransparencyEntry:
    fields = entry_fields(
        {
            "seq": seq,
            "created_at": _stamp(now),
            "effective_at": _stamp(item.effective_at or now),
            "action": item.action,
            "object_type": item.object_type,
            "index_no": item.index_no,
            "version": item.version,
            "content_sha256": content_hash(item.content) if item.content is not None else "",
            "prev_hash": prev_hash,
        }
    )
    return TransparencyEntry(
        seq=seq,
        created_at=now,
        effective_at=item.effective_at or now,
        action=item.action,
        object_type=item.object_type,
        index_no=item.index_no,
        version=item.version,
        content_sha256=fields["content_sha256"],
        prev_hash=prev_hash,
        entry_hash=hashlib.sha256(canonical(fields)).hexdigest(),
    )


def head() -> tuple[int, str]:
    """(number, hash) of the log's last entry; (0, GENESIS) for an empty log."""
    found = TransparencyHead.objects.filter(pk=1).values_list("seq", "entry_hash").first()
    return (int(found[0]), str(found[1])) if found else (0, GENESIS)


def restore_bridge(seen: tuple[int, str], *, now: datetime | None = None) -> TransparencyEntry | None:
    """After restoring an older backup, continue the log past SEEN, the head the public saw before.

    Entries numbered after the restored head were published and may have been read and archived;
    their numbers must never name other entries. One `restore` entry takes the number after SEEN,
    links to SEEN's hash, and names the restored head it follows (as its version and content hash),
    so that a verifier accepts the jump and anyone holding SEEN can tell the log went on from it.
    Returns None when the restored log is not behind SEEN."""
    seen_seq, seen_hash = seen
    current_seq, current_hash = head()
    if seen_seq <= current_seq:
        return None
    now = now or timezone.now()
    stamp = _stamp(now)
    fields = entry_fields(
        {
            "seq": seen_seq + 1, "created_at": stamp, "effective_at": stamp, "action": RESTORE,
            "object_type": "backup", "index_no": "", "version": current_seq,
            "content_sha256": current_hash, "prev_hash": seen_hash,
        }
    )  # fmt: skip
    entry = TransparencyEntry.objects.create(
        seq=seen_seq + 1, created_at=now, effective_at=now, action=RESTORE, object_type="backup",
        index_no="", version=current_seq, content_sha256=current_hash, prev_hash=seen_hash,
        entry_hash=hashlib.sha256(canonical(fields)).hexdigest(),
    )  # fmt: skip
    TransparencyHead.objects.update_or_create(
        pk=1, defaults={"seq": entry.seq, "entry_hash": entry.entry_hash}
    )
    return entry


def append_many(items: Iterable[LogItem], *, now: datetime | None = None) -> list[TransparencyEntry]:
    """Append entries in order under one lock of the head; call inside the changing transaction."""
    now = now or timezone.now()
    head, _ = TransparencyHead.objects.select_for_update().get_or_create(pk=1)
    entries = []
    seq, prev = head.seq, head.entry_hash
    for item in items:
        seq += 1
        entry = _entry(item, seq, prev, now)
        prev = entry.entry_hash
        entries.append(entry)
    if entries:
        TransparencyEntry.objects.bulk_create(entries, batch_size=500)
        head.seq, head.entry_hash = seq, prev
        head.save(update_fields=["seq", "entry_hash"])
    return entries


def append(
    *,
    action: str,
    object_type: str,
    index_no: str,
    version: int,
    content: Mapping[str, Any] | None,
    effective_at: datetime | None = None,
    now: datetime | None = None,
) -> TransparencyEntry:
    """Append one entry; call inside the transaction that changes the public state."""
    item = LogItem(action, object_type, index_no, version, content, effective_at)
    return append_many([item], now=now)[0]


@dataclass(frozen=True)
class Problem:
    seq: int | None
    index_no: str
    detail: str

    def __str__(self) -> str:
        where = f"entry {self.seq}" if self.seq is not None else "log"
        return f"{where} {self.index_no}: {self.detail}".replace("  ", " ")


def verify_chain(entries: Iterable[Mapping[str, Any]]) -> tuple[list[Problem], dict[str, Mapping[str, Any]]]:
    """Check every link of ENTRIES (dicts as the API gives them, in order).

    Return the problems and the latest entry per index number."""
    problems: list[Problem] = []
    latest: dict[str, Mapping[str, Any]] = {}
    previous, expected_seq = GENESIS, 1
    for entry in entries:
        seq = int(entry["seq"])
        if entry["action"] == RESTORE:
            # A restore of an older backup (`restore_bridge`): it names the restored head it follows
            # (version = its number, content_sha256 = its hash) and links to the head the public saw
            # before, whose number it passes; those entries are gone with the database they were in.
            if int(entry["version"]) != expected_seq - 1 or entry["content_sha256"] != previous:
                problems.append(Problem(seq, "", "a restore entry that does not follow the restored head"))
            if seq < expected_seq:
                problems.append(Problem(seq, "", "a restore entry that reuses the numbers of the log"))
        else:
            if seq != expected_seq:
                problems.append(
                    Problem(seq, entry["index_no"], f"sequence jumps from {expected_seq - 1} to {seq}")
                )
            if entry["prev_hash"] != previous:
                problems.append(Problem(seq, entry["index_no"], "does not link to the previous entry"))
        recomputed = hashlib.sha256(canonical(entry_fields(entry))).hexdigest()
        if recomputed != entry["entry_hash"]:
            problems.append(Problem(seq, entry["index_no"], "entry was altered (its hash does not match)"))
        previous, expected_seq = entry["entry_hash"], seq + 1
        if entry["action"] != RESTORE:
            latest[entry["index_no"]] = entry
    return problems, latest


def verify_local() -> list[Problem]:
    """Verify the local database's chain, the head, and the current content of everything public."""
    entries = [entry_as_dict(e) for e in TransparencyEntry.objects.order_by("seq").iterator()]
    problems, latest = verify_chain(entries)
    head = TransparencyHead.objects.filter(pk=1).first()
    if entries and (head is None or head.entry_hash != entries[-1]["entry_hash"]):
        problems.append(Problem(None, "", "the head does not point at the last entry (entries were removed)"))
    for index_no, entry in latest.items():
        if entry["action"] in (TransparencyEntry.Action.WITHDRAW, TransparencyEntry.Action.EXPIRE):
            continue
        source = _sources.get(entry["object_type"])
        if source is None:
            problems.append(
                Problem(entry["seq"], index_no, f"no content source for {entry['object_type']!r}")
            )
            continue
        content = source(index_no, entry["version"])
        if content is None:
            problems.append(Problem(entry["seq"], index_no, "logged as public but its content is missing"))
        elif content_hash(content) != entry["content_sha256"]:
            problems.append(Problem(entry["seq"], index_no, "published content differs from what was logged"))
    problems += unlogged_public(latest)
    return problems


def unlogged_public(latest: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    """Everything the public can see now, of every registered kind, whose latest log entry is not its
    publication in its current version: served without a trace in the log (e.g. entries removed
    and the head rewound)."""
    from . import workflow
    from .publishable import visible_q

    problems = []
    for kind in workflow.kinds():
        rows = kind.model.objects.filter(kind.public_filter(), visible_q()).values_list("index_no", "version")
        for index_no, version in rows.iterator(chunk_size=2000):
            entry = latest.get(index_no)
            if entry is None or entry["object_type"] != kind.log_type:
                problems.append(Problem(None, index_no, "served to the public but not in the log"))
            elif entry["action"] in (TransparencyEntry.Action.WITHDRAW, TransparencyEntry.Action.EXPIRE):
                problems.append(
                    Problem(entry["seq"], index_no, "served to the public but logged as withdrawn")
                )
            elif entry["version"] != version:
                problems.append(
                    Problem(
                        entry["seq"],
                        index_no,
                        f"served in version {version} but logged as {entry['version']}",
                    )
                )
    return problems
