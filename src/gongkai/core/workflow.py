"""The one publication workflow every published kind goes through.

A kind is a `Publishable` model and a `Kind` (its hooks), registered once with `register(kind)`.
Every transition has one shape: lock, check, change, then `changed(item, action)`, which hands a
`Change` to the subscribers in their fixed order (audit, publication log, search index, and any
later one such as a page cache). The workflow knows none of them by name.

    draft ──submit──▶ submitted ──approve──▶ approved ──publish──▶ published ──withdraw──▶ withdrawn
      ▲                  │                      │                     │
      └─────reject───────┴──────────────────────┘                    amend (a new version, in place)

Segregation of duties: whoever last changed the text of an item may neither approve nor publish it,
and a submitter may not approve their own submission.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from . import privacy
from .errors import DomainError
from .models import User
from .publishable import Publishable, State

P = TypeVar("P", bound=Publishable)
Findings = list[tuple[str, privacy.Finding]]


class WorkflowError(DomainError):
    """A workflow rule said no (kinds raise their app's own subclass through `Kind.error`)."""


class Kind(Generic[P]):
    """How one published kind takes part in the workflow. Override the hooks that differ."""

    model: type[P]
    slug: str  # the kind's name in search, feeds and URLs ("document", "penalty" …)
    label: str
    log_type: str  # the publication log's object type
    error: type[DomainError] = WorkflowError
    number_fields: tuple[str, ...] = ()  # numbers the search finds exactly (发文字号, 决定书文号 …)
    withdrawal_prompt: Any = _lazy("撤回须写明向公众说明的原因。")

    # --- identity -------------------------------------------------------------------------
    def audit_code(self, verb: str) -> str:
        """Return the dotted audit code of VERB: "<app>.<model>.<verb>" for every kind."""
        return f"{self.model._meta.label_lower}.{verb}"

    def formed_year(self, item: P) -> int:
        """The year of the item's 索引号."""
        return timezone.localdate().year

    # --- what the public sees -------------------------------------------------------------
    def public_filter(self) -> Q:
        """Anything beyond the workflow's visibility a row needs to be public (documents: proactive)."""
        return Q()

    def content(self, item: P) -> dict[str, Any]:
        """Return the public content of ITEM's current version, as the publication log hashes it."""
        raise NotImplementedError

    def public_title(self, item: P) -> str:
        """Return ITEM's title as the public may read it (a person's name masked, as on its page)."""
        return str(item)

    def findings(self, item: P) -> Findings:
        """Return the unresolved personal data ITEM would publish, as (field, finding)."""
        return []

    def unscanned(self, item: P) -> str:
        """Say in Chinese which of ITEM's texts the task queue has yet to scan for personal data
        (a long attachment's); empty when none. ITEM cannot be approved or published until then."""
        return ""

    def findings_message(self, found: Findings) -> str:
        """Say in Chinese what must be done about FOUND before ITEM may go on."""
        return _("发现 %(n)d 处个人信息（%(kinds)s），须先去标识化处理或说明公开的合法依据。") % {
            "n": len(found),
            "kinds": "、".join(sorted({f.label for _field, f in found})),
        }

    def display_until(self, item: P) -> datetime | None:
        """Return the moment ITEM leaves the public channels, or None to stay."""
        return None

    # --- checks: each raises `self.error` (message in Chinese, a code, the field) to refuse ------
    def check_submit(self, item: P) -> None:
        """Refuse to submit ITEM (e.g. a document with neither text nor attachment)."""

    def check_approve(self, item: P) -> None:
        """Refuse to approve ITEM (e.g. a sensitive document without its risk assessment)."""

    def check_publish(self, item: P, at: datetime) -> None:
        """Refuse to publish ITEM at AT (e.g. a policy without its interpretation)."""

    def check_withdraw(self, item: P, details: Mapping[str, Any]) -> None:
        """Refuse to withdraw ITEM so (e.g. a credit repair of a record that allows none)."""

    def publish_time(self, item: P, at: datetime) -> datetime:
        """Return when ITEM goes public when asked for AT (an interpretation waits for its policy)."""
        return at

    # --- effects beyond the item's own row ----------------------------------------------------
    def apply(self, item: P, fields: Mapping[str, Any]) -> None:
        """Set and validate corrected FIELDS of a published ITEM (raise `self.error` naming the field)."""
        raise NotImplementedError

    def on_published(self, item: P, change: Change) -> None:
        """After ITEM went public (documents: the version snapshot, companions, relations)."""

    def on_amended(self, item: P, change: Change) -> None:
        """After ITEM's corrected version went public."""

    def on_withdrawn(self, item: P, details: Mapping[str, Any]) -> None:
        """Set the kind's own withdrawal fields before the row is saved (records: the removal kind)."""


@dataclass(frozen=True)
class Change:
    """One state change of one item, handed to every subscriber in order."""

    kind: Kind[Any]
    item: Publishable
    action: str  # created, changed, submitted, rejected, approved, published, amended, withdrawn …
    by: User | None
    now: datetime
    at: datetime  # when it takes effect for the public
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def content(self) -> dict[str, Any] | None:
        """The public content the change puts out (None when it takes the item off the channels)."""
        return None if self.action == "withdrawn" else self.kind.content(self.item)


@dataclass(frozen=True)
class Batch:
    """Many items of one kind brought in already public (a bulk import), handed over at once."""

    kind: Kind[Any]
    items: list[Any]
    action: str
    by: User | None
    now: datetime
    at: datetime


@dataclass(frozen=True)
class Subscriber:
    order: int
    name: str
    one: Callable[[Change], None]
    many: Callable[[Batch], None] | None


PUBLIC_ACTIONS = frozenset({"published", "imported", "amended", "withdrawn", "validity_changed"})

_kinds: dict[str, Kind[Any]] = {}
_by_model: dict[type[Any], Kind[Any]] = {}
_subscribers: list[Subscriber] = []


def register(kind: Kind[Any]) -> Kind[Any]:
    """Make KIND a published kind: call from the owning app's `ready()`."""
    if kind.slug in _kinds:
        raise ValueError(f"published kind {kind.slug!r} is registered twice")
    if not issubclass(kind.model, Publishable):
        raise TypeError(f"{kind.model.__name__} does not derive from Publishable")
    _kinds[kind.slug] = kind
    _by_model[kind.model] = kind
    return kind


def unregister(slug: str) -> None:
    """Remove a kind (tests register throw-away kinds)."""
    kind = _kinds.pop(slug, None)
    if kind is not None:
        _by_model.pop(kind.model, None)


def kinds() -> list[Kind[Any]]:
    return list(_kinds.values())


def get(slug: str) -> Kind[Any] | None:
    return _kinds.get(slug)


def kind_of(item: Publishable | type[Publishable]) -> Kind[Any]:
    return _by_model[item if isinstance(item, type) else type(item)]


def subscribe(
    one: Callable[[Change], None],
    *,
    order: int,
    name: str,
    many: Callable[[Batch], None] | None = None,
) -> None:
    """Call ONE with every change (and MANY with every batch), lowest ORDER first; a NAME subscribes once."""
    if any(existing.name == name for existing in _subscribers):
        return
    _subscribers.append(Subscriber(order, name, one, many))
    _subscribers.sort(key=lambda s: s.order)


def changed(
    item: Publishable,
    action: str,
    *,
    by: User | None,
    now: datetime | None = None,
    at: datetime | None = None,
    **data: Any,
) -> Change:
    """Announce that ACTION happened to ITEM, inside the transaction that made it."""
    now = now or timezone.now()
    change = Change(kind_of(item), item, action, by, now, at or now, {"index_no": item.index_no, **data})
    for subscriber in _subscribers:
        subscriber.one(change)
    return change


def imported(
    kind: Kind[Any], items: list[Any], *, by: User | None, at: datetime, now: datetime | None = None
) -> None:
    """Announce ITEMS brought in already published at AT (subscribers without a batch form get each)."""
    now = now or timezone.now()
    batch = Batch(kind, items, "imported", by, now, at)
    for subscriber in _subscribers:
        if subscriber.many is not None:
            subscriber.many(batch)
        else:
            for item in items:
                subscriber.one(Change(kind, item, "imported", by, now, at, {"index_no": item.index_no}))


# --- transitions ---------------------------------------------------------------------------------


def lock(item: P) -> P:
    """Return ITEM read again under a row lock (its own row only: the unit is read, not locked)."""
    manager: Any = type(item)._default_manager
    return manager.select_for_update(of=("self",)).select_related("unit").get(pk=item.pk)


def _refuse(
    kind: Kind[Any], message: str, code: str, field: str | None = None, details: Any = None
) -> DomainError:
    return kind.error(message, code=code, field=field, details=details)


def _bad_state(kind: Kind[Any], item: Publishable, what: str) -> DomainError:
    return _refuse(
        kind, _("%(what)s，当前状态：%(s)s。") % {"what": what, "s": item.get_shown_display()}, "bad_state"
    )


def require_no_findings(kind: Kind[Any], item: Publishable) -> None:
    """Refuse while ITEM would publish personal data nobody has resolved, or not yet scanned."""
    waiting = kind.unscanned(item)
    if waiting:
        raise _refuse(kind, waiting, "privacy_scan_pending", field="file")
    found = kind.findings(item)
    if found:
        raise _refuse(
            kind,
            kind.findings_message(found),
            "privacy_findings",
            field=found[0][0],
            details=[{"field": name, **f.as_dict()} for name, f in found],
        )


def _not_own_text(kind: Kind[Any], item: Publishable, by: User, what: str) -> None:
    if item.last_edited_by_id is not None and item.last_edited_by_id == by.pk:
        raise _refuse(
            kind, _("不能%(what)s自己最后修改的内容，请由其他人员%(what)s。") % {"what": what}, "own_text"
        )


def edited(item: Publishable, *, by: User | None) -> None:
    """Note who changed ITEM's text last (call before saving an edit, a redaction or a correction)."""
    item.last_edited_by = by


@transaction.atomic
def detach(item: Publishable, attached: Any, *, by: User | None, name: str) -> None:
    """Delete ATTACHED, one of draft ITEM's files (named NAME in the history), noting who did it."""
    kind = kind_of(item)
    item = lock(item)
    if not item.can_edit():
        raise _refuse(kind, _("只有草稿可以删除附件。"), "not_draft")
    edited(item, by=by)
    item.save(update_fields=["last_edited_by", "updated_at"])
    changed(item, "detached", by=by, name=name)
    attached.delete()


@transaction.atomic
def submit(item: P, *, by: User, now: datetime | None = None) -> P:
    kind = kind_of(item)
    item = lock(item)
    if not item.can_submit():
        raise _bad_state(kind, item, _("只有草稿可以提交审核"))
    kind.check_submit(item)
    item.status, item.submitted_by, item.review_note = State.SUBMITTED, by, ""
    item.save(update_fields=["status", "submitted_by", "review_note", "updated_at"])
    changed(item, "submitted", by=by, now=now)
    return item


@transaction.atomic
def reject(item: P, *, by: User, note: str, now: datetime | None = None) -> P:
    """Send a submitted or approved (not yet published) item back to its draft, with the review note."""
    kind = kind_of(item)
    item = lock(item)
    if not item.can_reject():
        raise _bad_state(kind, item, _("只有待审核或已审核未发布的稿件可以退回"))
    if not note.strip():
        raise _refuse(kind, _("退回时请写明修改意见。"), "note_required", field="note")
    item.status, item.review_note, item.approved_by = State.DRAFT, note.strip()[:300], None
    item.save(update_fields=["status", "review_note", "approved_by", "updated_at"])
    changed(item, "rejected", by=by, now=now, note=note.strip())
    return item


def approve_locked(item: P, *, by: User, now: datetime | None = None) -> None:
    """Approve ITEM already locked by the caller (bulk approval runs one savepoint per item)."""
    kind = kind_of(item)
    if not item.can_review():
        raise _bad_state(kind, item, _("只有待审核的稿件可以审核通过"))
    if item.submitted_by_id == by.pk:
        raise _refuse(kind, _("不能审核自己提交的稿件，请由其他审核人员审核。"), "own_submission")
    _not_own_text(kind, item, by, _("审核"))
    kind.check_approve(item)
    require_no_findings(kind, item)
    item.status, item.approved_by = State.APPROVED, by
    item.save(update_fields=["status", "approved_by", "updated_at"])
    changed(item, "approved", by=by, now=now)


@transaction.atomic
def approve(item: P, *, by: User, now: datetime | None = None) -> P:
    item = lock(item)
    approve_locked(item, by=by, now=now)
    return item


def publish_locked(item: P, *, by: User, at: datetime | None = None, now: datetime | None = None) -> P:
    """Publish ITEM already locked by the caller, now or at AT."""
    kind = kind_of(item)
    now = now or timezone.now()
    at = at or now
    if not item.can_publish():
        raise _bad_state(kind, item, _("只有审核通过的稿件可以发布"))
    if at < now - timedelta(minutes=1):
        raise _refuse(kind, _("定时发布时间不能早于现在。"), "past_schedule", field="publish_at")
    _not_own_text(kind, item, by, _("发布"))
    require_no_findings(kind, item)
    at = kind.publish_time(item, at)
    kind.check_publish(item, at)
    until = kind.display_until(item)
    if until is not None and until <= at:
        raise _refuse(
            kind,
            _("公示期已于 %(d)s 结束，不再公开。") % {"d": f"{timezone.localdate(until):%Y-%m-%d}"},
            "display_period_over",
        )
    item.status, item.publish_at, item.publish_until = State.PUBLISHED, at, until
    item.save(update_fields=["status", "publish_at", "publish_until", "updated_at"])
    change = changed(item, "published", by=by, now=now, at=at, publish_at=at.isoformat())
    kind.on_published(item, change)
    return item


@transaction.atomic
def publish(item: P, *, by: User, at: datetime | None = None, now: datetime | None = None) -> P:
    """Publish an approved item now or at AT; its display period comes from its kind."""
    return publish_locked(lock(item), by=by, at=at, now=now)


@transaction.atomic
def amend(
    item: P, *, by: User, fields: Mapping[str, Any], reason: str, now: datetime | None = None, **data: Any
) -> P:
    """Correct a published item (live or published for later) in place: a new version, with its reason."""
    kind = kind_of(item)
    now = now or timezone.now()
    item = lock(item)
    if not item.can_amend():
        raise _bad_state(kind, item, _("只有已发布的内容可以更正"))
    if not reason.strip():
        raise _refuse(kind, _("请写明更正原因。"), "reason_required", field="reason")
    kind.apply(item, fields)
    require_no_findings(kind, item)
    edited(item, by=by)
    item.version += 1
    item.publish_until = kind.display_until(item)
    item.save()
    at = max(now, item.publish_at or now)  # corrected before its time: the new text goes out then
    change = changed(
        item, "amended", by=by, now=now, at=at, version=item.version, fields=sorted(fields),
        reason=reason.strip(), **data,
    )  # fmt: skip
    kind.on_amended(item, change)
    return item


@transaction.atomic
def withdraw(item: P, *, by: User, reason: str, now: datetime | None = None, **details: Any) -> P:
    """Take a published item (live or published for later) off every public channel, with the public reason."""
    kind = kind_of(item)
    now = now or timezone.now()
    item = lock(item)
    if not item.can_withdraw():
        raise _bad_state(kind, item, _("只有已发布的内容可以撤回"))
    if not reason.strip():
        raise _refuse(kind, str(kind.withdrawal_prompt), "reason_required", field="reason")
    kind.check_withdraw(item, details)
    kind.on_withdrawn(item, details)
    item.status, item.withdrawn_at, item.withdrawn_by = State.WITHDRAWN, now, by
    item.withdrawal_reason = reason.strip()[:300]
    item.save()
    changed(item, "withdrawn", by=by, now=now, reason=reason.strip(), **details)
    return item
