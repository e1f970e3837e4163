"""Disclosure applications (依申请公开): the case, its events, and later review and litigation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit

from .categories import APPLICANT_TYPES, REPLY_CATEGORIES


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已提交，待登记")
        PROCESSING = "processing", _("办理中")
        AWAITING_SUPPLEMENT = "awaiting_supplement", _("等待申请人补正")
        AWAITING_THIRD_PARTY = "awaiting_third_party", _("征求第三方意见中")
        AWAITING_FEE = "awaiting_fee", _("等待缴纳信息处理费")
        REPLIED = "replied", _("已答复")
        WITHDRAWN = "withdrawn", _("申请人已撤回")

    class ApplicantType(models.TextChoices):
        NATURAL = "natural", APPLICANT_TYPES["natural"]
        BUSINESS = "business", APPLICANT_TYPES["business"]
        RESEARCH = "research", APPLICANT_TYPES["research"]
        PUBLIC_INTEREST = "public_interest", APPLICANT_TYPES["public_interest"]
        LEGAL_SERVICE = "legal_service", APPLICANT_TYPES["legal_service"]
        OTHER = "other", APPLICANT_TYPES["other"]

    class IdType(models.TextChoices):
        RESIDENT_ID = "resident_id", _("居民身份证")
        PASSPORT = "passport", _("护照")
        OTHER = "other", _("其他证件（含统一社会信用代码）")

    class Form(models.TextChoices):
        PAPER = "paper", _("纸质")
        EMAIL = "email", _("电子邮件")
        DISC = "disc", _("光盘")
        ONSITE = "onsite", _("现场查阅")

    class Channel(models.TextChoices):
        ONLINE = "online", _("网上申请")
        IN_PERSON = "in_person", _("当面提交")
        REGISTERED_POST = "registered_post", _("邮寄（需签收）")
        ORDINARY_POST = "ordinary_post", _("平常信函")
        FAX = "fax", _("传真")
        EMAIL = "email", _("电子邮件")

    tracking_no = models.CharField(_("申请编号"), max_length=20, unique=True)
    code_digest = models.CharField(max_length=64)
    unit = models.ForeignKey(
        Unit, verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices)
    name = models.CharField(_("申请人姓名或名称"), max_length=100)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices)
    id_number_encrypted = models.TextField()
    id_number_masked = models.CharField(_("证件号码"), max_length=40)
    id_digest = models.CharField(max_length=64, db_index=True)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    description = models.TextField(_("所需信息的描述"))
    purpose = models.CharField(_("用途"), max_length=300, blank=True)
    form = models.CharField(_("获取信息的方式"), max_length=20, choices=Form.choices)
    channel = models.CharField(_("提交渠道"), max_length=20, choices=Channel.choices)
    status = models.CharField(
        _("状态"), max_length=30, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    received_on = models.DateField(_("收到申请日期"), null=True, blank=True, db_index=True)
    reply_category = models.CharField(
        _("答复类型"), max_length=5, blank=True, choices=[(k, v) for k, v in REPLY_CATEGORIES.items()]
    )
    replied_on = models.DateField(_("答复日期"), null=True, blank=True, db_index=True)
    reply_basis = models.TextField(_("答复依据"), blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    withheld = models.TextField(_("不予公开部分及理由"), blank=True)
    reply_documents = models.JSONField(_("已主动公开的文件（索引号）"), default=list, blank=True)
    fee_amount = models.DecimalField(
        _("信息处理费（元）"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    account = models.ForeignKey(
        "ApplicantAccount", null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="replied") | (Q(replied_on__isnull=False) & ~Q(reply_category="")),
                name="application_reply_complete",
            ),
            models.CheckConstraint(
                condition=Q(status="submitted") | Q(received_on__isnull=False),
                name="application_registered_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_no} {self.description[:30]}"

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.REPLIED, self.Status.WITHDRAWN)


class Event(models.Model):
    """One step of a case; the due date is derived from these."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("提交申请")
        REGISTERED = "registered", _("登记受理")
        SUPPLEMENT_REQUESTED = "supplement_requested", _("告知补正")
        SUPPLEMENT_RECEIVED = "supplement_received", _("收到补正")
        THIRD_PARTY_STARTED = "third_party_started", _("征求第三方意见")
        THIRD_PARTY_ENDED = "third_party_ended", _("第三方意见返回")
        EXTENDED = "extended", _("延长答复期限")
        FEE_NOTICE = "fee_notice", _("发出收费通知")
        FEE_PAID = "fee_paid", _("缴纳信息处理费")
        TRANSFERRED = "transferred", _("转办")
        REPLIED = "replied", _("作出答复")
        WITHDRAWN = "withdrawn", _("申请人撤回")
        NOTE = "note", _("办理记录")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    date = models.DateField()
    days = models.PositiveSmallIntegerField(default=0)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    reason = models.TextField(blank=True)
    public = models.BooleanField(default=True, help_text=_("申请人可见"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.application.tracking_no} {self.kind} {self.date}"


class ReviewCase(models.Model):
    """行政复议 or 行政诉讼 about an application's handling: the annual report's section 四."""

    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", _("行政复议")
        LITIGATION_DIRECT = "litigation_direct", _("行政诉讼（未经复议直接起诉）")
        LITIGATION_AFTER = "litigation_after", _("行政诉讼（复议后起诉）")

    class Result(models.TextChoices):
        UPHELD = "upheld", _("结果维持")
        CORRECTED = "corrected", _("结果纠正")
        OTHER = "other", _("其他结果")
        PENDING = "pending", _("尚未审结")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(_("类型"), max_length=30, choices=Kind.choices)
    filed_on = models.DateField(_("提起日期"))
    result = models.CharField(_("结果"), max_length=20, choices=Result.choices, default=Result.PENDING)
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["filed_on"]

    def __str__(self) -> str:
        return f"{self.application.tracking_no} {self.kind} {self.result}"


class ApplicationSequence(models.Model):
    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class ReplyFile(models.Model):
    """A file given to the applicant with the reply; stored once by SHA-256 like catalog attachments."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reply_files")
    name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ApplicantAccount(models.Model):
    """An optional public account: one sign-in to see all of one's applications."""

    email = models.EmailField(_("电子邮箱"), unique=True)
    password = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("申请人账号")
        verbose_name_plural = _("申请人账号")

    def __str__(self) -> str:
        return self.email
