"""公共监管 (seed §七): environment, production safety, food and drug — each a published record type.

Air quality: a station table and one published reading per station and day. The rest are cases and
results the public reads: pollution-source supervision, environmental complaints and violations,
safety briefings and accidents, food and drug sampling and complaint handling.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.fields import EncryptedCharField
from gongkai.core.models import Unit
from gongkai.core.uscc import validate_uscc
from gongkai.records.models import PublishedRecord


class Station(models.Model):
    """An air-quality monitoring station (reference data, not a publication)."""

    class Grade(models.TextChoices):
        NATIONAL = "national", _("国控点")
        PROVINCIAL = "provincial", _("省控点")
        COUNTY = "county", _("县控点")

    code = models.CharField(_("站点编码"), max_length=20, unique=True)
    name = models.CharField(_("站点名称"), max_length=100, unique=True)
    grade = models.CharField(_("站点类别"), max_length=20, choices=Grade.choices, default=Grade.COUNTY)
    address = models.CharField(_("站点位置"), max_length=200)
    unit = models.ForeignKey(Unit, verbose_name=_("运维单位"), on_delete=models.PROTECT, related_name="+")
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("空气质量监测站点")
        verbose_name_plural = _("空气质量监测站点")

    def __str__(self) -> str:
        return str(self.name)


class AqiLevel(models.TextChoices):
    """The six AQI categories of HJ 633-2012 (环境空气质量指数技术规定)."""

    EXCELLENT = "1", _("优")
    GOOD = "2", _("良")
    LIGHT = "3", _("轻度污染")
    MODERATE = "4", _("中度污染")
    HEAVY = "5", _("重度污染")
    SEVERE = "6", _("严重污染")


AQI_BANDS = ((50, AqiLevel.EXCELLENT), (100, AqiLevel.GOOD), (150, AqiLevel.LIGHT),
             (200, AqiLevel.MODERATE), (300, AqiLevel.HEAVY))  # fmt: skip


def aqi_level(aqi: int) -> AqiLevel:
    """Return the HJ 633-2012 category of an AQI value."""
    for top, level in AQI_BANDS:
        if aqi <= top:
            return level
    return AqiLevel.SEVERE


class AirQualityDay(PublishedRecord):
    """One station's daily values (24-hour means; O3 the maximum 8-hour mean), μg/m³ except CO."""

    title = models.CharField(_("标题"), max_length=200, blank=True, help_text=_("留空则按站点和日期生成"))
    station = models.ForeignKey(
        Station, verbose_name=_("监测站点"), on_delete=models.PROTECT, related_name="days"
    )
    day = models.DateField(_("监测日期"), db_index=True)
    aqi = models.PositiveSmallIntegerField(_("空气质量指数（AQI）"), validators=[MaxValueValidator(500)])
    level = models.CharField(
        _("空气质量级别"),
        max_length=1,
        choices=AqiLevel.choices,
        blank=True,
        help_text=_("按空气质量指数自动确定"),
    )
    primary_pollutant = models.CharField(_("首要污染物"), max_length=20, blank=True)
    pm25 = models.PositiveSmallIntegerField(_("PM2.5（μg/m³）"))
    pm10 = models.PositiveSmallIntegerField(_("PM10（μg/m³）"))
    so2 = models.PositiveSmallIntegerField(_("二氧化硫 SO₂（μg/m³）"))
    no2 = models.PositiveSmallIntegerField(_("二氧化氮 NO₂（μg/m³）"))
    o3 = models.PositiveSmallIntegerField(_("臭氧 O₃ 日最大8小时（μg/m³）"))
    co = models.DecimalField(_("一氧化碳 CO（mg/m³）"), max_digits=5, decimal_places=1)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("空气质量日报")
        verbose_name_plural = _("空气质量日报")
        constraints = [
            *PublishedRecord.Meta.constraints,
            models.UniqueConstraint(fields=["station", "day"], name="air_quality_once_per_station_day"),
            models.CheckConstraint(condition=Q(aqi__lte=500), name="air_quality_aqi_at_most_500"),
            models.CheckConstraint(condition=Q(co__gte=0), name="air_quality_co_not_negative"),
        ]

    def clean(self) -> None:
        super().clean()
        if self.station_id and self.day:
            if not self.title:
                self.title = f"{self.station.name}{self.day:%Y年%m月%d日}空气质量"
            same = AirQualityDay.objects.filter(station_id=self.station_id, day=self.day).exclude(pk=self.pk)
            if same.exists():
                raise ValidationError({"day": _("该站点这一天的数据已经录入。")}, code="duplicate")
        if self.aqi is not None:
            self.level = aqi_level(self.aqi)
            if self.aqi > 50 and not self.primary_pollutant:
                raise ValidationError(
                    {"primary_pollutant": _("空气质量指数大于50时须填写首要污染物。")}, code="required"
                )
        if self.co is not None and self.co < Decimal(0):
            raise ValidationError({"co": _("一氧化碳浓度不能为负数。")}, code="negative")


class SourceInspection(PublishedRecord):
    """污染源监管: one inspection or supervisory monitoring of a pollution source and its result."""

    class Source(models.TextChoices):
        WATER = "water", _("废水")
        AIR = "air", _("废气")
        NOISE = "noise", _("噪声")
        WASTE = "waste", _("固体废物（含危险废物）")

    class Result(models.TextChoices):
        COMPLIANT = "compliant", _("达标")
        EXCEEDED = "exceeded", _("超标")
        DEFECTS = "defects", _("存在问题，责令整改")

    enterprise = models.CharField(_("企业名称"), max_length=200)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, validators=[validate_uscc])
    source = models.CharField(_("污染源类别"), max_length=10, choices=Source.choices)
    checked_on = models.DateField(_("检查（监测）日期"), db_index=True)
    items = models.CharField(_("检查（监测）项目"), max_length=300)
    result = models.CharField(_("结果"), max_length=10, choices=Result.choices)
    findings = models.TextField(_("发现的问题"), blank=True)
    measures = models.TextField(_("处理措施"), blank=True)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("污染源监管结果")
        verbose_name_plural = _("污染源监管结果")

    def clean(self) -> None:
        super().clean()
        if self.result and self.result != self.Result.COMPLIANT and not self.measures.strip():
            raise ValidationError({"measures": _("结果不达标时须填写处理措施。")}, code="required")


class EnvViolation(PublishedRecord):
    """环境违法案件及查处情况."""

    case_no = models.CharField(_("案件编号"), max_length=60, unique=True)
    party = models.CharField(_("当事人"), max_length=200)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, validators=[validate_uscc])
    filed_on = models.DateField(_("立案日期"), db_index=True)
    violation = models.TextField(_("违法行为"))
    basis = models.TextField(_("处理依据"))
    handling = models.TextField(_("查处情况"))
    decision_no = models.CharField(_("处罚决定书文号"), max_length=100, blank=True)
    decided_on = models.DateField(_("处理决定日期"), null=True, blank=True)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("环境违法案件")
        verbose_name_plural = _("环境违法案件")


class Complaint(PublishedRecord):
    """A complaint or petition case and its handling result; the complainant is never public."""

    class Channel(models.TextChoices):
        HOTLINE = "hotline", _("12345热线")
        SECTOR_HOTLINE = "sector_hotline", _("行业举报电话（12369/12315）")
        LETTER = "letter", _("来信")
        VISIT = "visit", _("来访")
        ONLINE = "online", _("网上信访")

    case_no = models.CharField(_("案件编号"), max_length=60, unique=True)
    received_on = models.DateField(_("受理日期"), db_index=True)
    channel = models.CharField(_("来源渠道"), max_length=20, choices=Channel.choices)
    complainant = EncryptedCharField(_("投诉人"), max_length=50, blank=True)
    complainant_phone = EncryptedCharField(_("投诉人联系电话"), max_length=30, blank=True)
    subject = models.CharField(_("被投诉对象"), max_length=200)
    location = models.CharField(_("地点"), max_length=200, blank=True)
    summary = models.TextField(_("投诉内容"))
    findings = models.TextField(_("调查核实情况"), blank=True)
    result = models.TextField(_("处理结果"), blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)

    PRIVATE = ("complainant", "complainant_phone")

    class Meta(PublishedRecord.Meta):
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.closed_on and self.received_on and self.closed_on < self.received_on:
            raise ValidationError({"closed_on": _("办结日期不能早于受理日期。")}, code="before_received")
        if self.closed_on and not self.result.strip():
            raise ValidationError({"result": _("办结的案件须填写处理结果。")}, code="required")


class EnvComplaint(Complaint):
    class Pollution(models.TextChoices):
        AIR = "air", _("大气污染")
        WATER = "water", _("水污染")
        NOISE = "noise", _("噪声污染")
        WASTE = "waste", _("固体废物污染")
        OTHER = "other", _("其他")

    pollution = models.CharField(_("污染类别"), max_length=10, choices=Pollution.choices)

    class Meta(Complaint.Meta):
        verbose_name = _("环境信访投诉案件")
        verbose_name_plural = _("环境信访投诉案件")


class FoodDrugComplaint(Complaint):
    class Category(models.TextChoices):
        FOOD = "food", _("食品")
        CATERING = "catering", _("餐饮服务")
        DRUG = "drug", _("药品")
        DEVICE = "device", _("医疗器械")
        COSMETIC = "cosmetic", _("化妆品")
        HEALTH_FOOD = "health_food", _("保健食品")

    category = models.CharField(_("投诉类别"), max_length=20, choices=Category.choices)

    class Meta(Complaint.Meta):
        verbose_name = _("食品药品投诉举报处理结果")
        verbose_name_plural = _("食品药品投诉举报处理结果")


class SafetyBriefing(PublishedRecord):
    """安全生产简报: one issue."""

    issue_no = models.CharField(_("期号"), max_length=40, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    issued_on = models.DateField(_("印发日期"), db_index=True)
    body = models.TextField(_("内容"))

    class Meta(PublishedRecord.Meta):
        verbose_name = _("安全生产简报")
        verbose_name_plural = _("安全生产简报")


class AccidentLevel(models.TextChoices):
    """《生产安全事故报告和调查处理条例》第三条."""

    GENERAL = "1", _("一般事故")
    LARGER = "2", _("较大事故")
    MAJOR = "3", _("重大事故")
    GRAVE = "4", _("特别重大事故")


# (deaths, serious injuries, direct loss in 万元) from which each level begins (条例第三条: "以上"包括本数)
LEVEL_THRESHOLDS = (
    (AccidentLevel.GRAVE, 30, 100, Decimal(10000)),
    (AccidentLevel.MAJOR, 10, 50, Decimal(5000)),
    (AccidentLevel.LARGER, 3, 10, Decimal(1000)),
)


def accident_level(deaths: int, injuries: int, loss: Decimal) -> AccidentLevel:
    """Return the level the 条例 gives an accident of DEATHS, serious INJURIES and direct LOSS (万元)."""
    for level, d, i, money in LEVEL_THRESHOLDS:
        if deaths >= d or injuries >= i or loss >= money:
            return level
    return AccidentLevel.GENERAL


class Accident(PublishedRecord):
    """A production-safety accident with its investigation report and handling result."""

    class Type(models.TextChoices):
        ROAD = "road", _("道路运输")
        CONSTRUCTION = "construction", _("建筑施工")
        MINING = "mining", _("矿山（煤矿、非煤矿山）")
        CHEMICAL = "chemical", _("危险化学品")
        FIRE = "fire", _("火灾")
        INDUSTRY = "industry", _("工矿商贸")
        OTHER = "other", _("其他")

    title = models.CharField(_("事故名称"), max_length=200)
    occurred_on = models.DateField(_("发生日期"), db_index=True)
    place = models.CharField(_("发生地点"), max_length=200)
    accident_type = models.CharField(_("事故类型"), max_length=20, choices=Type.choices)
    level = models.CharField(_("事故等级"), max_length=1, choices=AccidentLevel.choices)
    deaths = models.PositiveSmallIntegerField(_("死亡人数"), default=0)
    injuries = models.PositiveSmallIntegerField(_("重伤人数"), default=0)
    direct_loss = models.DecimalField(_("直接经济损失（万元）"), max_digits=12, decimal_places=2, default=0)
    enterprise = models.CharField(_("事故发生单位"), max_length=200, blank=True)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, validators=[validate_uscc])
    summary = models.TextField(_("事故经过"))
    investigation = models.TextField(_("事故调查报告"), blank=True)
    handling = models.TextField(_("处理结果"), blank=True)
    # Publication is the rule (seed §七.2: 除依法应当保密的内容外); a basis here keeps the record off
    # every public channel and is itself never public.
    withheld_basis = models.TextField(
        _("不予公开的法律依据"), blank=True, help_text=_("填写后此记录不能公开，如涉及国家秘密的具体条款。")
    )

    class Meta(PublishedRecord.Meta):
        verbose_name = _("生产安全事故")
        verbose_name_plural = _("生产安全事故")
        constraints = [
            *PublishedRecord.Meta.constraints,
            models.CheckConstraint(condition=Q(direct_loss__gte=0), name="accident_loss_not_negative"),
        ]

    def clean(self) -> None:
        super().clean()
        if self.direct_loss is not None and self.direct_loss < 0:
            raise ValidationError({"direct_loss": _("直接经济损失不能为负数。")}, code="negative")
        if self.level and None not in (self.deaths, self.injuries, self.direct_loss):
            expected = accident_level(self.deaths, self.injuries, self.direct_loss)
            if expected != self.level:
                raise ValidationError(
                    {"level": _("事故等级与伤亡人数、直接经济损失不符，按条例第三条应为%(level)s。")
                     % {"level": expected.label}},
                    code="level_mismatch",
                )  # fmt: skip


class Sampling(PublishedRecord):
    """食品药品监督抽检: one sample and its result."""

    class Category(models.TextChoices):
        FOOD = "food", _("食品")
        CATERING = "catering", _("餐饮食品")
        DRUG = "drug", _("药品")
        DEVICE = "device", _("医疗器械")
        COSMETIC = "cosmetic", _("化妆品")

    class Result(models.TextChoices):
        PASS = "pass", _("合格")
        FAIL = "fail", _("不合格")

    sample_no = models.CharField(_("抽样单编号"), max_length=60, unique=True)
    product = models.CharField(_("样品名称"), max_length=200)
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    specification = models.CharField(_("规格型号"), max_length=100, blank=True)
    batch = models.CharField(_("生产日期/批号"), max_length=60)
    producer = models.CharField(_("标称生产企业"), max_length=200)
    producer_uscc = models.CharField(
        _("生产企业统一社会信用代码"), max_length=18, blank=True, validators=[validate_uscc]
    )
    seller = models.CharField(_("被抽样单位"), max_length=200)
    seller_uscc = models.CharField(
        _("被抽样单位统一社会信用代码"), max_length=18, blank=True, validators=[validate_uscc]
    )
    sampled_on = models.DateField(_("抽样日期"), db_index=True)
    item = models.CharField(_("检验项目"), max_length=200)
    result = models.CharField(_("检验结论"), max_length=10, choices=Result.choices)
    measured = models.CharField(_("检验结果"), max_length=60, blank=True)
    limit = models.CharField(_("标准值"), max_length=60, blank=True)
    measure_unit = models.CharField(_("计量单位"), max_length=20, blank=True)
    agency = models.CharField(_("检验机构"), max_length=200)
    handling = models.TextField(_("核查处置情况"), blank=True)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("食品药品抽检结果")
        verbose_name_plural = _("食品药品抽检结果")

    def clean(self) -> None:
        super().clean()
        if self.result == self.Result.FAIL and not (self.measured and self.limit):
            raise ValidationError(
                {"measured": _("不合格样品须填写不合格项目的检验结果和标准值。")}, code="required"
            )
