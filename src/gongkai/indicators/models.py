"""Public-service indicators (seed §六: employment and social insurance against their targets): one
published record per indicator per year and period, with its target and the direction that is better."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.records.models import PublishedRecord


class Better(models.TextChoices):
    HIGHER = "higher", _("越高越好（目标为下限）")
    LOWER = "lower", _("越低越好（目标为上限）")


class Topic(models.TextChoices):
    EMPLOYMENT = "employment", _("就业创业")
    SOCIAL_INSURANCE = "social_insurance", _("社会保险")
    SOCIAL_ASSISTANCE = "social_assistance", _("社会救助")
    EDUCATION = "education", _("教育")
    HEALTH = "health", _("医疗卫生")
    OTHER = "other", _("其他")


class Indicator(PublishedRecord):
    name = models.CharField(_("指标名称"), max_length=100)
    topic = models.CharField(_("领域"), max_length=30, choices=Topic.choices, default=Topic.OTHER)
    year = models.PositiveSmallIntegerField(_("年度"))
    period = models.CharField(_("统计期"), max_length=30, default="全年", help_text=_("如：全年、1—6月"))
    period_end = models.DateField(_("统计截止日期"))
    unit_of_measure = models.CharField(_("计量单位"), max_length=20, help_text=_("如：人、%、万元"))
    target = models.DecimalField(
        _("目标值"), max_digits=16, decimal_places=2, null=True, blank=True, help_text=_("没有目标的留空")
    )
    actual = models.DecimalField(_("实际值"), max_digits=16, decimal_places=2)
    better = models.CharField(_("指标方向"), max_length=10, choices=Better.choices, default=Better.HIGHER)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        ordering = ["-year", "topic", "id"]
        constraints = [
            *PublishedRecord.Meta.constraints,
            models.UniqueConstraint(
                fields=["unit", "name", "year", "period"], name="indicator_once_a_period"
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.year and self.period_end and self.period_end.year != self.year:
            raise ValidationError({"period_end": _("统计截止日期须在所填年度内。")})
        if self.target is not None and self.target < 0:
            raise ValidationError({"target": _("目标值不能为负数。")})
        twin = Indicator.objects.filter(
            unit_id=self.unit_id, name=self.name, year=self.year, period=self.period
        )
        if self.unit_id and twin.exclude(pk=self.pk).exists():
            raise ValidationError(
                {
                    "year": _("本单位%(y)s年%(p)s的“%(n)s”已存在，请更正原记录。")
                    % {"y": self.year, "p": self.period, "n": self.name}
                }
            )

    @property
    def completion(self) -> Decimal | None:
        """Percent of the target, one decimal: actual ÷ target for a floor (448 of 400 → 112.0); for a
        ceiling, target ÷ actual, so that 100 or more means met either way (3.3 under 4.2 → 127.3).
        None without a target, or when the quotient has no meaning (a zero divisor)."""
        if self.target is None:
            return None
        top, bottom = (
            (self.actual, self.target) if self.better == Better.HIGHER else (self.target, self.actual)
        )
        if not bottom:
            return None
        return (Decimal(top) * 100 / Decimal(bottom)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def met(self) -> bool | None:
        """Whether the actual reaches the target in the better direction; None without a target."""
        if self.target is None:
            return None
        return self.actual >= self.target if self.better == Better.HIGHER else self.actual <= self.target
