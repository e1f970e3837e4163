"""The abstract base of everything published: documents, each record type, and every later kind.

Stored states are the ones a person caused (draft, submitted, approved, published, withdrawn). Whether
a published item is visible now follows from its publish time and display-until: `visible_q(now)`
is the one definition every channel (pages, search, feeds, sitemap, API, exports) asks.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Unit


class State(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class Shown(models.TextChoices):
    """What the world sees of an item at a moment (derived, never stored)."""

    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已审核")
    SCHEDULED = "scheduled", _("定时发布")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")
    EXPIRED = "expired", _("已下线")


def _person(label: Any) -> models.ForeignKey[Any, Any]:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )


class Publishable(models.Model):
    index_no = models.CharField(_("索引号"), max_length=60, unique=True, editable=False)
    unit = models.ForeignKey(Unit, verbose_name=_("公开单位"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    publish_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    publish_until = models.DateTimeField(
        _("公开截止"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("到此时刻起不再公开；空表示长期公开。"),
    )
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True, editable=False)
    withdrawn_by = _person(_("撤回人"))
    withdrawal_reason = models.CharField(_("撤回原因"), max_length=300, blank=True, editable=False)
    review_note = models.CharField(_("审核意见"), max_length=300, blank=True, editable=False)
    created_by = _person(_("创建人"))
    submitted_by = _person(_("提交人"))
    approved_by = _person(_("审核人"))
    last_edited_by = _person(_("最后修改人"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    WORKFLOW_FIELDS = frozenset(
        {
            "id", "index_no", "unit", "status", "version", "publish_at", "publish_until", "withdrawn_at",
            "withdrawn_by", "withdrawal_reason", "review_note", "created_by", "submitted_by", "approved_by",
            "last_edited_by", "created_at", "updated_at",
        }
    )  # fmt: skip

    class Meta:
        abstract = True
        ordering = ["-publish_at", "-id"]

    def can_edit(self) -> bool:
        return self.status == State.DRAFT

    def can_submit(self) -> bool:
        return self.status == State.DRAFT

    def can_review(self) -> bool:
        return self.status == State.SUBMITTED

    def can_reject(self) -> bool:
        return self.status in (State.SUBMITTED, State.APPROVED)

    def can_publish(self) -> bool:
        return self.status == State.APPROVED

    def can_amend(self) -> bool:
        """A published item can be corrected before and after its publish time, and after its display end."""
        return self.status == State.PUBLISHED

    def can_withdraw(self) -> bool:
        return self.status == State.PUBLISHED

    def shown(self, now: datetime | None = None) -> str:
        """Return the state the world sees now: published-for-later is "scheduled", past display-until "expired"."""
        if self.status != State.PUBLISHED:
            return str(self.status)
        now = now or timezone.now()
        if self.publish_at is not None and self.publish_at > now:
            return Shown.SCHEDULED
        if self.publish_until is not None and self.publish_until <= now:
            return Shown.EXPIRED
        return Shown.PUBLISHED

    def get_shown_display(self) -> str:
        return str(Shown(self.shown()).label)


def constraints(prefix: str) -> list[models.BaseConstraint]:
    """The rules every published kind's table holds (PREFIX names them, e.g. "%(app_label)s_%(class)s")."""
    return [
        models.CheckConstraint(
            condition=~Q(status=State.PUBLISHED) | Q(publish_at__isnull=False),
            name=f"{prefix}_published_has_time",
        ),
        models.CheckConstraint(
            condition=~Q(status=State.WITHDRAWN) | ~Q(withdrawal_reason=""),
            name=f"{prefix}_withdrawal_has_reason",
        ),
    ]


def visible_q(now: datetime | None = None) -> Q:
    """The one definition of "the public may see it now": published, its time come, its display not over."""
    now = now or timezone.now()
    return Q(status=State.PUBLISHED, publish_at__lte=now) & (
        Q(publish_until__isnull=True) | Q(publish_until__gt=now)
    )


def indexable_q(now: datetime | None = None) -> Q:
    """Published and not past its display end (a later publish time stays: results are filtered by time)."""
    now = now or timezone.now()
    return Q(status=State.PUBLISHED) & (Q(publish_until__isnull=True) | Q(publish_until__gt=now))


def was_public(item: Publishable, now: datetime | None = None) -> bool:
    """Whether ITEM was ever visible (withdrawn or expired pages then stay as dated notices)."""
    now = now or timezone.now()
    if item.publish_at is None or item.publish_at > now:
        return False
    ended = item.withdrawn_at if item.status == State.WITHDRAWN else None
    return ended is None or item.publish_at <= ended
