"""Public concerns (回应关切): messages to the county (咨询、建议、投诉, 舆情 and incidents the office
logs), their triage and answers; answers published as Q&A records; search queries counted per day."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.fields import EncryptedCharField
from gongkai.core.models import Unit
from gongkai.records.models import PublishedRecord


class Kind(models.TextChoices):
    CONSULT = "consult", _("咨询")
    SUGGEST = "suggest", _("建议")
    COMPLAIN = "complain", _("投诉")
    OPINION = "opinion", _("政务舆情")
    INCIDENT = "incident", _("重大突发事件舆情")


PUBLIC_KINDS = (Kind.CONSULT, Kind.SUGGEST, Kind.COMPLAIN)  # what the message box and the API take


class Concern(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("已收到，待分办")
        ASSIGNED = "assigned", _("办理中")
        ANSWERED = "answered", _("已答复")
        INVALID = "invalid", _("无效留言")

    class Channel(models.TextChoices):
        PORTAL = "portal", _("网站留言")
        HOTLINE = "hotline", _("12345热线")
        OTHER = "other", _("其他渠道")

    tracking_no = models.CharField(_("留言编号"), max_length=20, unique=True)
    code_digest = models.CharField(max_length=64)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("渠道"), max_length=20, choices=Channel.choices, default=Channel.PORTAL)
    source_id = models.CharField(_("来源编号"), max_length=60, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("承办单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="concerns",
    )
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("内容"), max_length=4000)
    name = models.CharField(_("姓名"), max_length=50)
    phone = EncryptedCharField(_("联系电话"), max_length=30)
    email = EncryptedCharField(_("电子邮箱"), max_length=200, blank=True)
    consent = models.BooleanField(_("同意公开（去除个人信息后）"), default=False)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    received_at = models.DateTimeField(_("收到时间"), db_index=True)
    due_at = models.DateTimeField(_("答复期限"), null=True, blank=True)
    due_provisional = models.BooleanField(default=False)
    deadline_basis = models.CharField(_("期限依据"), max_length=100, blank=True)
    assigned_at = models.DateTimeField(_("分办时间"), null=True, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answer = models.TextField(_("答复内容"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    invalid_reason = models.CharField(_("无效原因"), max_length=200, blank=True)
    escalated_at = models.DateTimeField(_("督办时间"), null=True, blank=True)
    qa = models.OneToOneField(
        "concerns.Answer", on_delete=models.SET_NULL, null=True, blank=True, related_name="concern"
    )

    class Meta:
        verbose_name = _("留言")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "source_id"],
                condition=~Q(source_id=""),
                name="concerns_concern_source_once",
            ),
            models.CheckConstraint(
                condition=~Q(status="answered") | (Q(answered_at__isnull=False) & ~Q(answer="")),
                name="concerns_concern_answered_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_no} {self.title}"

    def get_staff_url(self) -> str:
        return reverse("concerns_staff:detail", args=[self.tracking_no])

    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.ASSIGNED)


class ConcernFile(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.name


class ConcernSequence(models.Model):
    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Answer(PublishedRecord):
    """A concern's answer published as 问答 (with the asker's consent, personal data removed)."""

    title = models.CharField(_("标题"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    question = models.TextField(_("留言内容"))
    answer = models.TextField(_("答复内容"))
    asked_on = models.DateField(_("留言日期"))
    answered_on = models.DateField(_("答复日期"))

    class Meta(PublishedRecord.Meta):
        verbose_name = _("留言答复")


class QueryDay(models.Model):
    """How many times a search query was asked on a day: no address, session or time of day is kept."""

    day = models.DateField(db_index=True)
    query = models.CharField(max_length=100)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "query"], name="concerns_queryday_once")]

    def __str__(self) -> str:
        return f"{self.day} {self.query} ×{self.count}"
