"""The abstract base of every published structured record (penalties, licences, matters, land …).

A record type is a concrete subclass plus `records.register(Model, RecordType(...))`. The base holds
what the framework needs: the owning unit, the 索引号, the review workflow of documents and the
publication window. A record is public while it is published and `publish_at <= now <
publish_until`; the window is read at request time, so expiry needs no job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core import publishable
from gongkai.core.publishable import Publishable, State

if TYPE_CHECKING:
    from .registry import RecordType


RecordStatus = State  # the workflow's states


class Removal(models.TextChoices):
    WITHDRAWN = "withdrawn", _("撤回")
    CREDIT_REPAIR = "credit_repair", _("信用修复")
    CORRECTED = "corrected", _("更正后撤下")


class PublishedRecord(Publishable):
    removal = models.CharField(
        _("撤下方式"), max_length=20, choices=Removal.choices, blank=True, editable=False
    )

    FRAMEWORK_FIELDS = Publishable.WORKFLOW_FIELDS | {"removal"}

    class Meta(Publishable.Meta):
        abstract = True
        constraints = publishable.constraints("%(app_label)s_%(class)s")

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
