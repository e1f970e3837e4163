"""The append-only audit log: `record(obj, "app.thing.action", by=user, data={...})`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone

from .models import AuditEntry, User


def record(
    obj: models.Model | None,
    action: str,
    *,
    by: User | None,
    data: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> AuditEntry:
    """Append one audit entry; call it inside the transaction that made the change."""
    if action.count(".") < 2:
        raise ValueError(f"audit action codes are dotted app.object.verb, got {action!r}")
    entry = AuditEntry(
        created_at=now or timezone.now(),
        actor=by if by is not None and by.pk else None,
        actor_name=str(by.username) if by is not None else "system",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        data=data or {},
    )
    entry.save()
    return entry
