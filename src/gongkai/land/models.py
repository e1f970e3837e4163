"""The county's place names (乡镇 → 村), 征地 projects with their announcements, and transfers of state
land-use rights and mining rights. Every public item is a published record of the one workflow."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core import publishable
from gongkai.core.uscc import validate_uscc
from gongkai.records.models import PublishedRecord

MU: dict[str, Any] = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}
WAN: dict[str, Any] = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


class Place(models.Model):
    """One township (乡镇) or village (村, 社区) of the county; villages belong to a township."""

    class Kind(models.TextChoices):
        TOWNSHIP = "township", _("乡镇")
        VILLAGE = "village", _("村（社区）")

    code = models.CharField(
        _("区划代码"),
        max_length=12,
        unique=True,
        validators=[
            RegexValidator(
                r"^\d{9}(\d{3})?$", _("区划代码应为9位（乡镇）或12位（村）数字。"), code="code_format"
            )
        ],
        help_text=_("统计用区划代码：乡镇9位，村（社区）12位。"),
    )
    name = models.CharField(_("名称"), max_length=40)
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("所属乡镇"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="villages",
        limit_choices_to={"kind": Kind.TOWNSHIP},
    )

    class Meta:
        verbose_name = _("地名")
        verbose_name_plural = _("地名")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="land_place_unique_name_in_township"),
            models.CheckConstraint(
                condition=Q(kind="township", parent__isnull=True) | Q(kind="village", parent__isnull=False),
                name="land_place_village_has_township",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == self.Kind.VILLAGE and self.parent_id is None:
            raise ValidationError({"parent": ValidationError(_("请选择村所属的乡镇。"), code="required")})
        if self.kind == self.Kind.TOWNSHIP and self.parent_id is not None:
            raise ValidationError({"parent": ValidationError(_("乡镇不属于其他地名。"), code="invalid")})
        if self.parent is not None and self.parent.kind != self.Kind.TOWNSHIP:
            raise ValidationError({"parent": ValidationError(_("所属乡镇须是乡镇。"), code="invalid")})

    @property
    def full_name(self) -> str:
        return f"{self.parent.name}{self.name}" if self.parent_id else self.name  # type: ignore[union-attr]


class Stage(models.TextChoices):
    PLANNED = "planned", _("拟征收")
    APPROVED = "approved", _("已批准")
    IMPLEMENTING = "implementing", _("补偿安置实施中")
    COMPLETED = "completed", _("已完成")


class Acquisition(PublishedRecord):
    """A 征地 project: its approval, where it lies, how much land of each class, and what is paid."""

    code = models.CharField(
        _("项目编号"),
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9-]*$",
                _("项目编号只能包含字母、数字和连字符“-”。"),
                code="code_format",
            )
        ],
        help_text=_("如 KLZD-2015-03；公告和查询按它找到项目。"),
    )
    title = models.CharField(_("项目名称"), max_length=200)
    started_on = models.DateField(_("启动日期"), help_text=_("发布征收土地预公告（启动公告）或报批的日期。"))
    approval_no = models.CharField(_("批准文号"), max_length=60, blank=True)
    authority = models.CharField(_("批准机关"), max_length=60, blank=True)
    approved_on = models.DateField(_("批准日期"), null=True, blank=True)
    township = models.ForeignKey(
        Place,
        verbose_name=_("乡镇"),
        on_delete=models.PROTECT,
        related_name="township_acquisitions",
        limit_choices_to={"kind": Place.Kind.TOWNSHIP},
    )
    villages = models.ManyToManyField(
        Place,
        verbose_name=_("涉及村"),
        related_name="acquisitions",
        blank=True,
        limit_choices_to={"kind": Place.Kind.VILLAGE},
    )
    groups = models.CharField(
        _("涉及村民小组"), max_length=200, blank=True, help_text=_("如“东关村一组、二组”。")
    )
    area_farmland = models.DecimalField(_("耕地（亩）"), default=Decimal(0), **MU)
    area_other_farm = models.DecimalField(_("其他农用地（亩）"), default=Decimal(0), **MU)
    area_forest = models.DecimalField(_("林地（亩）"), default=Decimal(0), **MU)
    area_construction = models.DecimalField(_("建设用地（亩）"), default=Decimal(0), **MU)
    area_unused = models.DecimalField(_("未利用地（亩）"), default=Decimal(0), **MU)
    purpose = models.CharField(_("用途"), max_length=200)
    zone_price = models.DecimalField(
        _("区片综合地价（元/亩）"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    compensation = models.TextField(
        _("其他补偿标准"), blank=True, help_text=_("青苗费、地上附着物、农村村民住宅等补偿标准。")
    )
    resettlement = models.TextField(_("安置方式"), blank=True)
    social_security = models.TextField(
        _("社会保障安排"), blank=True, help_text=_("被征地农民社会保障费用的筹集、管理和使用办法。")
    )
    stage = models.CharField(_("进展"), max_length=20, choices=Stage.choices, default=Stage.PLANNED)

    AREAS = ("area_farmland", "area_other_farm", "area_forest", "area_construction", "area_unused")

    class Meta(PublishedRecord.Meta):
        verbose_name = _("征地项目")
        verbose_name_plural = _("征地项目")
        constraints = [
            *publishable.constraints("%(app_label)s_%(class)s"),
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True) | ~Q(approval_no=""),
                name="land_acquisition_approval_has_number",
            ),
        ]

    @property
    def area_mu(self) -> Decimal:
        return sum((getattr(self, name) or Decimal(0) for name in self.AREAS), Decimal(0))

    def clean(self) -> None:
        if self.township_id and self.township.kind != Place.Kind.TOWNSHIP:
            raise ValidationError({"township": ValidationError(_("请选择乡镇。"), code="invalid")})
        if self.stage != Stage.PLANNED and not (self.approval_no and self.authority and self.approved_on):
            raise ValidationError(
                {
                    "approval_no": ValidationError(
                        _("已批准的项目须填写批准文号、批准机关和批准日期。"), code="required"
                    )
                }
            )


class NoticeKind(models.TextChoices):
    """In the order of a 征地 (its course)."""

    START = "start", _("征地启动公告")
    HEARING = "hearing", _("听证记录")
    PLAN = "plan", _("补偿安置方案公告")
    IMPLEMENT = "implement", _("批后实施公告")
    RESULT = "result", _("补偿安置结果")


COURSE = list(NoticeKind.values)


class LandNotice(PublishedRecord):
    """An announcement, hearing record or result of a 征地 project."""

    acquisition = models.ForeignKey(
        Acquisition, verbose_name=_("征地项目"), on_delete=models.PROTECT, related_name="notices"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=NoticeKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    notice_date = models.DateField(_("日期"))
    body = models.TextField(_("内容"))

    class Meta(PublishedRecord.Meta):
        verbose_name = _("征地公告")
        verbose_name_plural = _("征地公告")


class TransferKind(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("出让公告")
    RESULT = "result", _("出让结果")


class TransferMethod(models.TextChoices):
    LISTING = "listing", _("挂牌")
    AUCTION = "auction", _("拍卖")
    TENDER = "tender", _("招标")
    AGREEMENT = "agreement", _("协议")


LABELS = {"deal_price": _("成交价"), "winner": _("竞得人"), "winner_uscc": _("竞得人统一社会信用代码")}


class Transfer(PublishedRecord):
    """What an announcement or result of a transfer (出让) holds, of land-use and of mining rights."""

    kind = models.CharField(_("类型"), max_length=20, choices=TransferKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    notice_date = models.DateField(_("公告日期"))
    township = models.ForeignKey(
        Place,
        verbose_name=_("乡镇"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Place.Kind.TOWNSHIP},
    )
    location = models.CharField(_("位置"), max_length=200)
    method = models.CharField(_("出让方式"), max_length=20, choices=TransferMethod.choices)
    term_years = models.PositiveSmallIntegerField(_("出让年限（年）"))
    starting_price = models.DecimalField(_("起始价（万元）"), **WAN)
    deal_price = models.DecimalField(_("成交价（万元）"), null=True, blank=True, **WAN)
    winner = models.CharField(_("竞得人"), max_length=100, blank=True)
    winner_uscc = models.CharField(
        _("竞得人统一社会信用代码"), max_length=18, blank=True, validators=[validate_uscc]
    )
    body = models.TextField(_("内容"), blank=True)

    class Meta(PublishedRecord.Meta):
        abstract = True

    def clean(self) -> None:
        if self.kind == TransferKind.RESULT:
            missing = {
                name: ValidationError(
                    _("出让结果须填写%(f)s。") % {"f": LABELS[name]},
                    code="required",
                )
                for name in ("deal_price", "winner", "winner_uscc")
                if getattr(self, name) in (None, "")
            }
            if missing:
                raise ValidationError(missing)


class LandUse(models.TextChoices):
    INDUSTRIAL = "industrial", _("工业用地")
    COMMERCIAL = "commercial", _("商服用地")
    RESIDENTIAL = "residential", _("住宅用地")
    STORAGE = "storage", _("仓储用地")
    PUBLIC = "public", _("公共管理与公共服务用地")


class LandTransfer(Transfer):
    """国有建设用地使用权出让: a parcel's announcement or result."""

    parcel_no = models.CharField(_("宗地编号"), max_length=40)
    area_m2 = models.DecimalField(
        _("出让面积（平方米）"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    use = models.CharField(_("土地用途"), max_length=20, choices=LandUse.choices)
    plot_ratio = models.CharField(_("容积率"), max_length=20, blank=True)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("国有建设用地使用权出让")
        verbose_name_plural = _("国有建设用地使用权出让")
        constraints = [
            *publishable.constraints("%(app_label)s_%(class)s"),
            models.UniqueConstraint(
                fields=["parcel_no", "kind"], name="land_landtransfer_one_per_parcel_and_kind"
            ),
        ]


class RightType(models.TextChoices):
    MINING = "mining", _("采矿权")
    EXPLORATION = "exploration", _("探矿权")


class MiningRight(Transfer):
    """矿业权出让: a mining or exploration right's announcement or result."""

    right_no = models.CharField(_("矿业权项目编号"), max_length=40)
    right_type = models.CharField(_("矿业权类型"), max_length=20, choices=RightType.choices)
    mineral = models.CharField(_("矿种"), max_length=40)
    area_km2 = models.DecimalField(
        _("矿区面积（平方公里）"), max_digits=10, decimal_places=4, validators=[MinValueValidator(Decimal(0))]
    )
    reserves = models.CharField(_("资源储量"), max_length=100, blank=True)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("矿业权出让")
        verbose_name_plural = _("矿业权出让")
        constraints = [
            *publishable.constraints("%(app_label)s_%(class)s"),
            models.UniqueConstraint(
                fields=["right_no", "kind"], name="land_miningright_one_per_right_and_kind"
            ),
        ]
