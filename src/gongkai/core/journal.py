"""The audit log and the publication log, subscribed to every workflow change (in this order)."""

from __future__ import annotations

from . import audit, transparency, workflow
from .models import TransparencyEntry

LOGGED = {
    "published": TransparencyEntry.Action.PUBLISH,
    "imported": TransparencyEntry.Action.PUBLISH,
    "amended": TransparencyEntry.Action.AMEND,
    "withdrawn": TransparencyEntry.Action.WITHDRAW,
    "validity_changed": TransparencyEntry.Action.VALIDITY,
}
AUDIT_ORDER, LOG_ORDER = 10, 20  # search indexes at 30; later subscribers (page caches) after it


def audit_change(change: workflow.Change) -> None:
    audit.record(
        change.item, change.kind.audit_code(change.action), by=change.by, data=change.data, now=change.now
    )


def log_change(change: workflow.Change) -> None:
    action = LOGGED.get(change.action)
    if action is None:
        return
    if action == TransparencyEntry.Action.PUBLISH and change.item.version > 1:
        action = TransparencyEntry.Action.AMEND  # an imported item that was already corrected elsewhere
    transparency.append(
        action=action, object_type=change.kind.log_type, index_no=change.item.index_no,
        version=change.item.version, content=change.content, effective_at=change.at, now=change.now,
    )  # fmt: skip


def audit_batch(batch: workflow.Batch) -> None:
    audit.record(
        None,
        batch.kind.audit_code("bulk_published"),
        by=batch.by,
        data={"count": len(batch.items)},
        now=batch.now,
    )


def log_batch(batch: workflow.Batch) -> None:
    transparency.append_many(
        [
            transparency.LogItem(
                TransparencyEntry.Action.PUBLISH,
                batch.kind.log_type,
                item.index_no,
                item.version,
                batch.kind.content(item),
                batch.at,
            )
            for item in batch.items
        ],
        now=batch.now,
    )


def connect() -> None:
    workflow.subscribe(audit_change, many=audit_batch, order=AUDIT_ORDER, name="audit")
    workflow.subscribe(log_change, many=log_batch, order=LOG_ORDER, name="transparency")
