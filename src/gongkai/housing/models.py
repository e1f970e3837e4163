"""Housing records: expropriation notices and per-household compensation (国有土地上房屋征收), and
保障性住房 projects, notices (eligibility rules, review, objections, allocation) and applicants.

Every one is a `PublishedRecord`; names of people are masked on public channels (types.py) and
identity numbers are stored encrypted and never public.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core import privacy, publishable
from gongkai.core.fields import EncryptedCharField
from gongkai.lottery.models import Lottery
from gongkai.records.models import PublishedRecord

MONEY = {"max_digits": 14, "decimal_places": 2}
AREA = {"max_digits": 10, "decimal_places": 2}


def validate_id_number(value: str) -> None:
    if value and len(value) == 18 and not privacy.id_number_valid(value):
        raise ValidationError(_("身份证号码校验位不正确。"), code="invalid")


class ExpropriationKind(models.TextChoices):
    DECISION = "decision", _("房屋征收决定")
    PLAN = "plan", _("征收补偿方案")
    VALUATION = "valuation", _("评估机构选定")
    OTHER = "other", _("其他征收信息")


class ExpropriationNotice(PublishedRecord):
    project = models.CharField(_("征收项目"), max_length=200)
    kind = models.CharField(_("类型"), max_length=20, choices=ExpropriationKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    doc_no = models.CharField(_("文号"), max_length=60, blank=True)
    notice_date = models.DateField(_("公告日期"))
    scope = models.CharField(_("征收范围"), max_length=300, blank=True)
    households = models.PositiveIntegerField(_("涉及户数"), null=True, blank=True)
    agency = models.CharField(
        _("房地产价格评估机构"), max_length=200, blank=True, help_text=_("评估机构选定公告填写。")
    )
    body = models.TextField(_("公告内容"), blank=True)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("房屋征收信息")
        verbose_name_plural = _("房屋征收信息")


class CompensationMethod(models.TextChoices):
    MONEY = "money", _("货币补偿")
    EXCHANGE = "exchange", _("产权调换")


class CompensationResult(PublishedRecord):
    project = models.CharField(_("征收项目"), max_length=200)
    household_no = models.CharField(_("户号"), max_length=30)
    owner = models.CharField(_("被征收人"), max_length=50)
    owner_id_no = EncryptedCharField(
        _("被征收人证件号码"), max_length=50, blank=True, validators=[validate_id_number]
    )
    location = models.CharField(_("房屋坐落"), max_length=200)
    area = models.DecimalField(_("建筑面积（平方米）"), **AREA)
    valuation = models.DecimalField(_("评估价值（元）"), **MONEY)
    compensation = models.DecimalField(_("补偿总额（元）"), **MONEY)
    method = models.CharField(_("补偿方式"), max_length=20, choices=CompensationMethod.choices)
    decided_on = models.DateField(_("补偿决定日期"))

    class Meta(PublishedRecord.Meta):
        verbose_name = _("房屋征收分户补偿结果")
        verbose_name_plural = _("房屋征收分户补偿结果")
        constraints = [
            *publishable.constraints("%(app_label)s_%(class)s"),
            models.CheckConstraint(
                condition=Q(area__gt=0) & Q(valuation__gte=0) & Q(compensation__gte=0),
                name="housing_compensation_amounts_not_negative",
            ),
        ]


class HousingCategory(models.TextChoices):
    LOW_RENT = "low_rent", _("廉租住房")
    PUBLIC_RENTAL = "public_rental", _("公共租赁住房")
    AFFORDABLE = "affordable", _("经济适用住房")
    RESETTLEMENT = "resettlement", _("棚户区改造安置住房")


class HousingProject(PublishedRecord):
    name = models.CharField(_("项目名称"), max_length=200)
    category = models.CharField(_("住房类别"), max_length=20, choices=HousingCategory.choices)
    location = models.CharField(_("建设地点"), max_length=200)
    units = models.PositiveIntegerField(_("房源套数"))
    floor_area = models.DecimalField(_("总建筑面积（平方米）"), null=True, blank=True, **AREA)
    completed_on = models.DateField(_("竣工日期"), null=True, blank=True)
    announced_on = models.DateField(_("公布日期"))
    description = models.TextField(_("项目概况"), blank=True)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("保障性住房项目")
        verbose_name_plural = _("保障性住房项目")

    def __str__(self) -> str:
        return self.name


class HousingNoticeKind(models.TextChoices):
    RULES = "rules", _("申请条件和分配办法")
    INTAKE = "intake", _("申请受理公告")
    REVIEW = "review", _("审核结果公示")
    OBJECTION = "objection", _("异议处理结果")
    ALLOCATION = "allocation", _("分配结果")
    OTHER = "other", _("其他住房保障信息")


class HousingNotice(PublishedRecord):
    project = models.ForeignKey(
        HousingProject,
        verbose_name=_("保障性住房项目"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices",
        help_text=_("全县通用的办法、条件不填。"),
    )
    kind = models.CharField(_("类型"), max_length=20, choices=HousingNoticeKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    notice_date = models.DateField(_("公告日期"))
    review_until = models.DateField(_("公示截止日期"), null=True, blank=True)
    lottery = models.ForeignKey(
        Lottery,
        verbose_name=_("公开摇号"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("分配结果由公开摇号产生时选择。"),
    )
    body = models.TextField(_("公告内容"), blank=True)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("保障性住房公告")
        verbose_name_plural = _("保障性住房公告")


class ReviewOutcome(models.TextChoices):
    QUALIFIED = "qualified", _("符合条件")
    NOT_QUALIFIED = "not_qualified", _("不符合条件")


class HousingApplicant(PublishedRecord):
    project = models.ForeignKey(
        HousingProject, verbose_name=_("保障性住房项目"), on_delete=models.PROTECT, related_name="applicants"
    )
    application_no = models.CharField(_("受理编号"), max_length=30)
    name = models.CharField(_("申请人"), max_length=50)
    id_number = EncryptedCharField(
        _("申请人证件号码"), max_length=50, blank=True, validators=[validate_id_number]
    )
    household_size = models.PositiveSmallIntegerField(_("家庭人口"))
    group = models.CharField(_("类别"), max_length=30, help_text=_("如 低保家庭、低收入家庭。"))
    township = models.CharField(_("户籍所在乡镇"), max_length=50)
    reviewed_on = models.DateField(_("公示日期"))
    outcome = models.CharField(_("审核结果"), max_length=20, choices=ReviewOutcome.choices)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("保障性住房申请人公示")
        verbose_name_plural = _("保障性住房申请人公示")
        constraints = [
            *publishable.constraints("%(app_label)s_%(class)s"),
            models.UniqueConstraint(
                fields=["project", "application_no"], name="housing_applicant_number_unique"
            ),
        ]
