"""The disclosure catalog: documents with their metadata, versions, attachments and reviews."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core import publishable
from gongkai.core.models import Unit
from gongkai.core.publishable import Publishable, State


class Category(models.Model):
    """A node of the 公开目录 tree; data the office edits, not code."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    description = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("公开目录分类")
        verbose_name_plural = _("公开目录分类")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("publishing:catalog") + f"?category={self.code}"


class Document(Publishable):
    Status = State

    class Mode(models.TextChoices):
        PROACTIVE = "proactive", _("主动公开")
        ON_REQUEST = "on_request", _("依申请公开")
        NOT_PUBLIC = "not_public", _("不予公开")

    class Validity(models.TextChoices):
        VALID = "valid", _("有效")
        AMENDED = "amended", _("已修订")
        REPEALED = "repealed", _("已废止")
        LAPSED = "lapsed", _("已失效")

    class Topic(models.TextChoices):
        GENERAL = "general", _("综合政务")
        ECONOMY = "economy", _("国民经济管理、国有资产监管")
        FINANCE = "finance", _("财政、金融、审计")
        LAND = "land", _("国土资源、能源")
        AGRICULTURE = "agriculture", _("农业、林业、水利")
        INDUSTRY = "industry", _("工业、交通")
        COMMERCE = "commerce", _("商贸、海关、旅游")
        MARKET = "market", _("市场监管、安全生产监管")
        URBAN = "urban", _("城乡建设、环境保护")
        SCIENCE = "science", _("科技、教育")
        CULTURE = "culture", _("文化、广电、新闻出版")
        HEALTH = "health", _("卫生、体育")
        POPULATION = "population", _("人口与计划生育、妇女儿童工作")
        LABOUR = "labour", _("劳动、人事、监察")
        PUBLIC_SECURITY = "public_security", _("公安、安全、司法")
        CIVIL = "civil", _("民政、扶贫、救灾")
        OTHER = "other", _("其他")

    class Genre(models.TextChoices):
        ORDER = "order", _("命令（令）")
        DECISION = "decision", _("决定")
        ANNOUNCEMENT = "announcement", _("公告")
        NOTICE_PUBLIC = "notice_public", _("通告")
        OPINION = "opinion", _("意见")
        NOTICE = "notice", _("通知")
        CIRCULAR = "circular", _("通报")
        REPORT = "report", _("报告")
        REPLY = "reply", _("批复")
        LETTER = "letter", _("函")
        MINUTES = "minutes", _("纪要")
        RULE = "rule", _("规章")
        NORMATIVE = "normative", _("行政规范性文件")
        PLAN = "plan", _("规划计划")
        INTERPRETATION = "interpretation", _("政策解读")
        OTHER = "other", _("其他")

    class InterpretationForm(models.TextChoices):
        TEXT = "text", _("文字解读")
        GRAPHIC = "graphic", _("图解")
        QA = "qa", _("问答")
        VIDEO = "video", _("视频")

    unit = models.ForeignKey(
        Unit, verbose_name=_("发布机构"), on_delete=models.PROTECT, related_name="documents"
    )
    co_units = models.ManyToManyField(
        Unit, verbose_name=_("联合发文机关"), blank=True, related_name="co_documents"
    )
    title = models.CharField(_("标题"), max_length=300)
    doc_number = models.CharField(_("发文字号"), max_length=100, blank=True)
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    formed_on = models.DateField(_("信息形成（变更）日期"), help_text=_("用于计算20个工作日的公开时限。"))
    category = models.ForeignKey(
        Category, verbose_name=_("公开目录分类"), on_delete=models.PROTECT, related_name="documents"
    )
    topic = models.CharField(_("主题分类"), max_length=30, choices=Topic.choices, default=Topic.GENERAL)
    genre = models.CharField(_("体裁分类"), max_length=30, choices=Genre.choices, default=Genre.NOTICE)
    mode = models.CharField(_("公开方式"), max_length=20, choices=Mode.choices, default=Mode.PROACTIVE)
    validity = models.CharField(_("有效性"), max_length=20, choices=Validity.choices, default=Validity.VALID)
    keywords = models.CharField(_("关键词"), max_length=200, blank=True)
    summary = models.TextField(_("内容概述"), blank=True)
    body = models.TextField(_("正文"), blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True, editable=False)
    requires_interpretation = models.BooleanField(_("需要政策解读"), default=False)
    interprets = models.ForeignKey(
        "self",
        verbose_name=_("解读的文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    interpretation_form = models.CharField(
        _("解读形式"), max_length=20, choices=InterpretationForm.choices, blank=True
    )
    video_url = models.URLField(_("视频链接"), blank=True)
    sensitive = models.BooleanField(_("涉及舆情风险"), default=False)

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        indexes = [models.Index(fields=["unit", "status", "publish_at"], name="doc_unit_status_idx")]
        constraints = [
            *publishable.constraints("document"),
            models.CheckConstraint(
                condition=~Q(interprets=models.F("pk")), name="document_not_own_interpretation"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publishing:document", kwargs={"index_no": self.index_no})

    @property
    def is_interpretation(self) -> bool:
        return self.interprets_id is not None

    def images(self) -> list[Attachment]:
        """The attachments that are pictures (PNG, JPEG): a 图解 shows them on its page."""
        return [a for a in self.attachments.all() if a.content_type in IMAGE_TYPES]


class DocumentRelation(models.Model):
    """This document amends or repeals an earlier one; publishing it marks the earlier one."""

    class Kind(models.TextChoices):
        AMENDS = "amends", _("修订")
        REPEALS = "repeals", _("废止")

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations")
    target = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="incoming_relations")
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="document_relation_once"),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="document_relation_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.target}"


class DocumentVersion(models.Model):
    """The public text of each published version, kept for the change history and the log."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    doc_number = models.CharField(max_length=100, blank=True)
    body = models.TextField(blank=True)
    attachments = models.JSONField(default=list)
    change_note = models.CharField(_("修订说明"), max_length=300, blank=True)
    published_at = models.DateTimeField()
    content_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["document", "version"]
        constraints = [models.UniqueConstraint(fields=["document", "version"], name="document_version_once")]

    def __str__(self) -> str:
        return f"{self.document.index_no} v{self.version}"


IMAGE_TYPES = {"image/png", "image/jpeg"}


class Attachment(models.Model):
    class TextState(models.TextChoices):
        EXTRACTED = "extracted", _("已提取文字")
        NO_TEXT = "no_text", _("无可提取文字")
        FAILED = "failed", _("无法读取")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    text = models.TextField(blank=True)
    text_state = models.CharField(max_length=20, choices=TextState.choices)
    text_error = models.CharField(max_length=300, blank=True)
    # The personal-data findings of a text too long to scan on the request (`PRIVACY_SCAN_MAX_CHARS`),
    # as the task queue found them; null until then (and for a shorter text, scanned when read).
    privacy_scan = models.JSONField(null=True, blank=True, editable=False)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("publishing:attachment", kwargs={"pk": self.pk, "name": self.name})

    def scanned_later(self) -> bool:
        """Whether its text is too long to scan on a request, so the task queue scans it."""
        from gongkai.core import privacy

        return len(self.text) > privacy.max_chars()

    def awaiting_scan(self) -> bool:
        return self.privacy_scan is None and self.scanned_later()


class RiskAssessment(models.Model):
    """舆情风险评估 recorded before a sensitive document may be approved."""

    class Level(models.TextChoices):
        LOW = "low", _("低")
        MEDIUM = "medium", _("中")
        HIGH = "high", _("高")

    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="risk_assessment")
    level = models.CharField(_("风险等级"), max_length=10, choices=Level.choices)
    measures = models.TextField(_("应对措施"))
    assessed_by = models.CharField(_("评估人"), max_length=100)
    assessed_on = models.DateField(_("评估日期"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("舆情风险评估")
        verbose_name_plural = _("舆情风险评估")

    def __str__(self) -> str:
        return f"{self.document} {self.level}"


class PrivacyDecision(models.Model):
    """An editor's ruling that a finding may be published (公开合法), with the reason."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="privacy_decisions")
    digest = models.CharField(max_length=64)
    kind = models.CharField(max_length=20)
    masked = models.CharField(max_length=100)
    reason = models.CharField(_("理由"), max_length=300)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "digest"], name="privacy_decision_once")]

    def __str__(self) -> str:
        return f"{self.document} {self.kind} {self.masked}"
