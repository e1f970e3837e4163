"""The abstract base of every published structured record (penalties, licences, matters, land …).

A record type is a concrete subclass plus `records.register(Model, RecordType(...))`. The base holds
what the framework needs: the owning unit, the 索引号, the review workflow of documents and the
publication window. A record is public while it is published and `publish_at <= now <
publish_until`; the window is read at request time, so expiry needs no job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit

if TYPE_CHECKING:
    from .registry import RecordType


class RecordStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤下")


class Removal(models.TextChoices):
    WITHDRAWN = "withdrawn", _("撤回")
    CREDIT_REPAIR = "credit_repair", _("信用修复")
    CORRECTED = "corrected", _("更正后撤下")


class PublishedRecord(models.Model):
    index_no = models.CharField(_("索引号"), max_length=60, unique=True, editable=False)
    unit = models.ForeignKey(Unit, verbose_name=_("公开单位"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("状态"), max_length=20, choices=RecordStatus.choices, default=RecordStatus.DRAFT
    )  # not indexed alone: nearly every row is "published", and SQLite would pick it over the date order
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    publish_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    publish_until = models.DateTimeField(
        _("公示截止"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("到此时刻起不再公开；空表示长期公开。"),
    )
    removal = models.CharField(
        _("撤下方式"), max_length=20, choices=Removal.choices, blank=True, editable=False
    )
    removal_reason = models.CharField(_("撤下原因"), max_length=300, blank=True, editable=False)
    removed_at = models.DateTimeField(_("撤下时间"), null=True, blank=True, editable=False)
    review_note = models.CharField(_("审核意见"), max_length=300, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    FRAMEWORK_FIELDS = frozenset(
        {
            "id", "index_no", "unit", "status", "version", "publish_at", "publish_until", "removal",
            "removal_reason", "removed_at", "review_note", "created_by", "submitted_by", "approved_by",
            "created_at", "updated_at",
        }
    )  # fmt: skip

    class Meta:
        abstract = True
        ordering = ["-publish_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(removal_reason=""),
                name="%(app_label)s_%(class)s_removal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.record_type().title_of(self)

    def get_absolute_url(self) -> str:
        return reverse("records:detail", kwargs={"slug": self.record_type().slug, "index_no": self.index_no})

    def get_staff_url(self) -> str:
        return reverse("records_staff:detail", kwargs={"slug": self.record_type().slug, "pk": self.pk})

    @classmethod
    def record_type(cls) -> RecordType:
        from .registry import type_of

        return type_of(cls)
