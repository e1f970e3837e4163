"""The matters catalog (权力事项 and 公共服务事项 with their 办事指南) and approval cases (审批办件)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.records.models import PublishedRecord


class Matter(PublishedRecord):
    class Kind(models.TextChoices):
        LICENSING = "licensing", _("行政许可")
        PENALTY = "penalty", _("行政处罚")
        COERCION = "coercion", _("行政强制")
        LEVY = "levy", _("行政征收")
        BENEFIT = "benefit", _("行政给付")
        INSPECTION = "inspection", _("行政检查")
        CONFIRMATION = "confirmation", _("行政确认")
        REWARD = "reward", _("行政奖励")
        RULING = "ruling", _("行政裁决")
        OTHER_POWER = "other_power", _("其他行政权力")
        PUBLIC_SERVICE = "public_service", _("公共服务")

    code = models.CharField(_("事项编码"), max_length=60, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)
    kind = models.CharField(_("事项类型"), max_length=20, choices=Kind.choices)
    legal_basis = models.TextField(_("设定依据"), blank=True)
    conditions = models.TextField(_("受理条件"), blank=True)
    materials = models.TextField(_("申请材料"), blank=True, help_text=_("每行一项"))
    procedure = models.TextField(
        _("办理流程"), blank=True, help_text=_("每行一个环节，如：受理、审查、决定、送达")
    )
    statutory_days = models.PositiveSmallIntegerField(_("法定办结时限（工作日）"), null=True, blank=True)
    promised_days = models.PositiveSmallIntegerField(_("承诺办结时限（工作日）"), null=True, blank=True)
    fees = models.TextField(_("收费标准及依据"), blank=True, help_text=_("不收费的写“不收费”"))
    place = models.CharField(_("办理地点"), max_length=200, blank=True)
    hours = models.CharField(_("办理时间"), max_length=200, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=50, blank=True)
    online_url = models.URLField(_("网上办理地址"), blank=True)
    formed_on = models.DateField(_("发布（调整）日期"))

    class Meta(PublishedRecord.Meta):
        verbose_name = _("权责事项")
        verbose_name_plural = _("权责事项")
        # lists sort by the decision date among published rows; section 二 counts a year's decisions
        indexes = [models.Index(fields=["formed_on", "status"], name="matter_formed_status")]

    def __str__(self) -> str:
        return str(self.name)


class MatterForm(models.Model):
    """A downloadable application form of a matter (申请表格), stored by SHA-256."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="forms")
    name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("申请表格")
        verbose_name_plural = _("申请表格")

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("matters:form", args=[self.pk, self.name])


class ApprovalCase(models.Model):
    """One application handled at the service center, imported from its system (not typed here)."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("办理中")
        APPROVED = "approved", _("准予")
        REFUSED = "refused", _("不予")
        WITHDRAWN = "withdrawn", _("撤回")

    case_no = models.CharField(_("办件编号"), max_length=60, unique=True)
    matter = models.ForeignKey(Matter, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="cases")
    unit = models.ForeignKey(Unit, verbose_name=_("办理单位"), on_delete=models.PROTECT, related_name="+")
    applicant = models.CharField(_("申请人"), max_length=200)
    applicant_is_person = models.BooleanField(_("申请人为自然人"), default=True)
    code_digest = models.CharField(max_length=64, help_text=_("查询码的摘要；查询码本身不保存"))
    received_at = models.DateTimeField(_("受理时间"))
    promised_due = models.DateField(_("承诺办结日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    finished_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("审批办件")
        verbose_name_plural = _("审批办件")
        indexes = [models.Index(fields=["status", "promised_due"], name="case_status_due_idx")]

    def __str__(self) -> str:
        return str(self.case_no)


class CaseStep(models.Model):
    case = models.ForeignKey(ApprovalCase, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(_("环节"), max_length=50)
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    handler = models.CharField(_("承办岗位"), max_length=100, blank=True)
    result = models.CharField(_("意见"), max_length=300, blank=True)

    class Meta:
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "name", "started_at"], name="case_step_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.name}"
