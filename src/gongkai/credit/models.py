"""An enterprise credit record: a qualification, a project achievement, a credit rating, a good or a bad
conduct record, always about an enterprise named by its 统一社会信用代码."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.uscc import validate_uscc
from gongkai.records.models import PublishedRecord


class CreditKind(models.TextChoices):
    QUALIFICATION = "qualification", _("资质")
    PERFORMANCE = "performance", _("项目业绩")
    EVALUATION = "evaluation", _("信用评价")
    GOOD = "good", _("良好行为记录")
    BAD = "bad", _("不良行为记录")


class CreditRecord(PublishedRecord):
    enterprise_name = models.CharField(_("企业名称"), max_length=200)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, validators=[validate_uscc])
    kind = models.CharField(_("记录类别"), max_length=20, choices=CreditKind.choices)
    title = models.CharField(
        _("记录名称"), max_length=200, help_text=_("如“建筑工程施工总承包三级资质”“2025年度纳税信用A级”。")
    )
    record_no = models.CharField(_("证书编号或文号"), max_length=100, blank=True)
    grade = models.CharField(
        _("等级"), max_length=40, blank=True, help_text=_("资质等级或信用等级，如“三级”“A级”。")
    )
    content = models.TextField(_("记录内容"))
    issuer = models.CharField(_("认定机关"), max_length=100)
    decided_on = models.DateField(_("认定日期"), db_index=True)
    valid_to = models.DateField(
        _("有效期至"), null=True, blank=True, help_text=_("有效期届满次日起不再公示；空表示长期。")
    )

    class Meta(PublishedRecord.Meta):
        verbose_name = _("企业信用记录")
        verbose_name_plural = _("企业信用记录")
        indexes = [
            models.Index(fields=["decided_on", "status"], name="credit_decided_status"),
            models.Index(fields=["uscc", "status"], name="credit_uscc_status"),
        ]

    def clean(self) -> None:
        super().clean()
        if self.uscc:
            self.uscc = self.uscc.strip().upper()
        if self.valid_to and self.decided_on and self.valid_to < self.decided_on:
            raise ValidationError(
                {"valid_to": ValidationError(_("有效期至不能早于认定日期。"), code="valid_to")}
            )
