"""行政许可, 行政处罚 and 行政强制 decisions with the 信用中国 双公示 field sets (LAW.md §2)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core import privacy
from gongkai.core.fields import EncryptedCharField
from gongkai.core.uscc import validate_uscc
from gongkai.records.models import PublishedRecord


class PartyCategory(models.TextChoices):
    LEGAL = "legal", _("法人及非法人组织")
    NATURAL = "natural", _("自然人")
    INDIVIDUAL_BUSINESS = "individual_business", _("个体工商户")


class IdType(models.TextChoices):
    NONE = "", _("—")
    ID_CARD = "id_card", _("身份证")
    PASSPORT = "passport", _("护照号")
    HK_MACAO = "hk_macao", _("港澳居民来往内地通行证")
    TAIWAN = "taiwan", _("台湾居民来往大陆通行证")
    FOREIGN = "foreign", _("外国人永久居留身份证")


def validate_id_number(value: str) -> None:
    if value and len(value) == 18 and not privacy.id_number_valid(value):
        raise ValidationError(_("身份证号码校验位不正确。"), code="invalid")


class Party(models.Model):
    """The 行政相对人 fields shared by every decision type (the 双公示 XDR_* fields)."""

    party_name = models.CharField(_("行政相对人名称"), max_length=200)
    party_category = models.CharField(
        _("行政相对人类别"), max_length=20, choices=PartyCategory.choices, default=PartyCategory.LEGAL
    )
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, validators=[validate_uscc])
    business_reg_no = models.CharField(_("工商注册号"), max_length=50, blank=True)
    org_code = models.CharField(_("组织机构代码"), max_length=9, blank=True)
    tax_reg_no = models.CharField(_("税务登记号"), max_length=50, blank=True)
    institution_no = models.CharField(_("事业单位证书号"), max_length=50, blank=True)
    social_org_no = models.CharField(_("社会组织登记证号"), max_length=50, blank=True)
    legal_rep = models.CharField(_("法定代表人"), max_length=50, blank=True)
    legal_rep_id_type = models.CharField(
        _("法定代表人证件类型"), max_length=20, choices=IdType.choices, blank=True
    )
    legal_rep_id_no = EncryptedCharField(
        _("法定代表人证件号码"), max_length=50, blank=True, validators=[validate_id_number]
    )
    party_id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices, blank=True)
    party_id_no = EncryptedCharField(
        _("证件号码"), max_length=50, blank=True, validators=[validate_id_number]
    )
    authority = models.CharField(_("决定机关"), max_length=100)
    authority_uscc = models.CharField(
        _("决定机关统一社会信用代码"), max_length=18, validators=[validate_uscc]
    )
    source_unit = models.CharField(_("数据来源单位"), max_length=100)
    source_unit_uscc = models.CharField(
        _("数据来源单位统一社会信用代码"), max_length=18, validators=[validate_uscc]
    )
    remarks = models.CharField(_("备注"), max_length=500, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.party_name)

    def clean(self) -> None:
        super().clean()
        if self.party_category == PartyCategory.LEGAL and not self.uscc:
            raise ValidationError({"uscc": _("法人及非法人组织须填写统一社会信用代码。")})
        if self.party_category == PartyCategory.NATURAL:
            if not self.party_id_type or not self.party_id_no:
                raise ValidationError({"party_id_no": _("自然人须填写证件类型和证件号码（不公开）。")})
            if self.uscc or self.legal_rep:
                raise ValidationError({"uscc": _("自然人不填写统一社会信用代码和法定代表人。")})


class Licence(Party, PublishedRecord):
    class Category(models.TextChoices):
        GENERAL = "general", _("普通")
        FRANCHISE = "franchise", _("特许")
        RECOGNITION = "recognition", _("认可")
        APPROVAL = "approval", _("核准")
        REGISTRATION = "registration", _("登记")
        OTHER = "other", _("其他")

    class State(models.TextChoices):
        VALID = "valid", _("有效")
        INVALID = "invalid", _("无效")

    class PermitType(models.TextChoices):
        """The certificate a licence is (what a food or drug business holds); not the 双公示 category."""

        FOOD_PRODUCTION = "food_production", _("食品生产许可证")
        FOOD_BUSINESS = "food_business", _("食品经营许可证")
        DRUG_BUSINESS = "drug_business", _("药品经营许可证")
        DEVICE_BUSINESS = "device_business", _("医疗器械经营许可证")
        OTHER = "other", _("其他许可证件")

    decision_doc_name = models.CharField(_("行政许可决定文书名称"), max_length=100)
    decision_no = models.CharField(_("行政许可决定文书号"), max_length=100)
    category = models.CharField(
        _("许可类别"), max_length=20, choices=Category.choices, default=Category.GENERAL
    )
    certificate_name = models.CharField(_("许可证书名称"), max_length=100, blank=True)
    certificate_no = models.CharField(_("许可编号"), max_length=100, blank=True)
    content = models.TextField(_("许可内容"))
    decided_on = models.DateField(_("许可决定日期"), db_index=True)
    valid_from = models.DateField(_("有效期自"))
    valid_to = models.DateField(_("有效期至"), null=True, blank=True, help_text=_("空表示长期有效"))
    state = models.CharField(_("当前状态"), max_length=10, choices=State.choices, default=State.VALID)
    permit_type = models.CharField(_("许可证件类型"), max_length=20, choices=PermitType.choices, blank=True)
    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("办理事项"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="licences", help_text=_("准予许可所依据的权责事项；其办事指南写明依据、条件、程序、材料和时限"),
    )  # fmt: skip

    class Meta(PublishedRecord.Meta):
        verbose_name = _("行政许可")
        verbose_name_plural = _("行政许可")
        # lists sort by the decision date among published rows; section 二 counts a year's decisions
        indexes = [models.Index(fields=["decided_on", "status"], name="licence_decided_status")]

    def clean(self) -> None:
        super().clean()
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("有效期至不能早于有效期自。")})
        if self.matter_id and self.matter.kind != self.matter.Kind.LICENSING:
            raise ValidationError({"matter": _("办理事项须为行政许可类事项。")}, code="not_licensing")


class Penalty(Party, PublishedRecord):
    class Category(models.TextChoices):
        WARNING = "warning", _("警告")
        CRITICISM = "criticism", _("通报批评")
        FINE = "fine", _("罚款")
        CONFISCATE_GAINS = "confiscate_gains", _("没收违法所得")
        CONFISCATE_PROPERTY = "confiscate_property", _("没收非法财物")
        SUSPEND_LICENCE = "suspend_licence", _("暂扣许可证件")
        DOWNGRADE = "downgrade", _("降低资质等级")
        REVOKE_LICENCE = "revoke_licence", _("吊销许可证件")
        RESTRICT_BUSINESS = "restrict_business", _("限制开展生产经营活动")
        SUSPEND_BUSINESS = "suspend_business", _("责令停产停业")
        CLOSE = "close", _("责令关闭")
        RESTRICT_PRACTICE = "restrict_practice", _("限制从业")
        DETENTION = "detention", _("行政拘留")
        OTHER = "other", _("其他")

    class Severity(models.TextChoices):
        MINOR = "minor", _("轻微")
        GENERAL = "general", _("一般")
        SERIOUS = "serious", _("严重")

    decision_no = models.CharField(_("行政处罚决定书文号"), max_length=100)
    violation_type = models.CharField(_("违法行为类型"), max_length=200)
    facts = models.TextField(_("违法事实"))
    basis = models.TextField(_("处罚依据"))
    category = models.CharField(_("处罚类别"), max_length=30, choices=Category.choices)
    content = models.TextField(_("处罚内容"))
    fine = models.DecimalField(_("罚款金额（万元）"), max_digits=14, decimal_places=6, null=True, blank=True)
    confiscated = models.DecimalField(
        _("没收违法所得、没收非法财物的金额（万元）"), max_digits=14, decimal_places=6, null=True, blank=True
    )
    licence_affected = models.CharField(_("暂扣或吊销证照名称及编号"), max_length=200, blank=True)
    decided_on = models.DateField(_("处罚决定日期"), db_index=True)
    valid_until = models.DateField(_("处罚有效期"), null=True, blank=True)
    severity = models.CharField(
        _("失信严重程度"), max_length=10, choices=Severity.choices, default=Severity.GENERAL,
        help_text=_("决定公示期限：轻微一般不公示，一般、严重按信用修复规定的期限。"),
    )  # fmt: skip

    class Meta(PublishedRecord.Meta):
        verbose_name = _("行政处罚")
        verbose_name_plural = _("行政处罚")
        # lists sort by the decision date among published rows; section 二 counts a year's decisions
        indexes = [models.Index(fields=["decided_on", "status"], name="penalty_decided_status")]

    def clean(self) -> None:
        super().clean()
        if self.category == self.Category.FINE and not self.fine:
            raise ValidationError({"fine": _("处罚类别为罚款时须填写罚款金额。")})
        for name in ("fine", "confiscated"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValidationError({name: _("金额不能为负数。")})


class Coercion(Party, PublishedRecord):
    class Kind(models.TextChoices):
        SEAL = "seal", _("查封场所、设施或者财物")
        SEIZE = "seize", _("扣押财物")
        FREEZE = "freeze", _("冻结存款、汇款")
        OTHER_MEASURE = "other_measure", _("其他行政强制措施")
        ENFORCEMENT = "enforcement", _("行政强制执行")

    decision_no = models.CharField(_("行政强制决定书文号"), max_length=100)
    kind = models.CharField(_("强制类别"), max_length=20, choices=Kind.choices)
    basis = models.TextField(_("强制依据"))
    content = models.TextField(_("强制内容"))
    decided_on = models.DateField(_("决定日期"), db_index=True)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("行政强制")
        verbose_name_plural = _("行政强制")
        # lists sort by the decision date among published rows; section 二 counts a year's decisions
        indexes = [models.Index(fields=["decided_on", "status"], name="coercion_decided_status")]
