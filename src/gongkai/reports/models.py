"""The office's written parts of an annual report and its link to the published catalog document."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit


class AnnualReport(models.Model):
    year = models.PositiveSmallIntegerField(_("年度"))
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, help_text=_("空表示全县"))
    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other = models.TextField(_("六、其他需要报告的事项"), blank=True)
    fees_collected = models.DecimalField(
        _("行政事业性收费金额（万元）：手工覆盖"), max_digits=12, decimal_places=4, null=True, blank=True,
        help_text=_("第二部分“行政事业性收费”一栏按各单位公开的收费金额自动统计；只在统计数字有误时填写，并写明原因。"),
    )  # fmt: skip
    fees_override_reason = models.CharField(
        _("覆盖原因"),
        max_length=300,
        blank=True,
        help_text=_("填写了覆盖金额时必填，如：某单位收费金额尚未公开。"),
    )
    document = models.ForeignKey(
        "publishing.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    finalized_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "unit"], name="annual_report_once_per_unit"),
            models.UniqueConstraint(
                fields=["year"], condition=models.Q(unit__isnull=True), name="annual_report_once_county"
            ),
            models.CheckConstraint(
                condition=models.Q(fees_collected__isnull=True) | ~models.Q(fees_override_reason=""),
                name="annual_report_fee_override_has_reason",
                violation_error_message=_("填写了行政事业性收费覆盖金额，须写明覆盖原因。"),
                violation_error_code="override_reason_required",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.unit or '全县'}"
