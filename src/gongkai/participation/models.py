"""Consultations on drafts (征求意见), their comments, adoption reports (意见采纳情况), hearings (听证会)
and expert reviews (专家论证).

A consultation is a published kind of its own on the one workflow. Its hearing announcement and
minutes, its expert reviews and its adoption report are parts of its public record: each goes public
as a correction (a new version) of the consultation, so the publication log holds every step.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core import publishable
from gongkai.core.fields import EncryptedCharField


class Moderation(models.TextChoices):
    PRE = "pre", _("先审后发")
    POST = "post", _("先发后审")


class Phase(models.TextChoices):
    """Where a public consultation stands (derived from its dates and its report, never stored)."""

    UPCOMING = "upcoming", _("未开始")
    OPEN = "open", _("征求中")
    CLOSED = "closed", _("已结束")
    REPORTED = "reported", _("已反馈")


def default_moderation() -> str:
    return str(getattr(settings, "CONSULTATION_MODERATION", Moderation.PRE))


class Consultation(publishable.Publishable):
    title = models.CharField(_("草案名称"), max_length=200)
    draft = models.TextField(_("草案全文"), help_text=_("段落之间空一行；每一段可分别提出意见。"))
    explanation = models.TextField(_("起草说明"), blank=True)
    major_decision = models.BooleanField(_("重大行政决策"), default=False)
    normative_document = models.BooleanField(
        _("行政规范性文件"), default=False,
        help_text=_("行政规范性文件草案征求意见一般不少于7个工作日（可由运维人员配置）；时间更短的须写明理由。"),
    )  # fmt: skip
    opens_on = models.DateField(_("征求意见开始日期"))
    closes_on = models.DateField(_("征求意见截止日期"))
    short_period_reason = models.CharField(
        _("征求期少于30日的理由"), max_length=300, blank=True,
        help_text=_("重大行政决策草案征求意见一般不少于30日；时间更短的须写明理由。"),
    )  # fmt: skip
    email = models.EmailField(_("电子邮箱"), blank=True)
    postal_address = models.CharField(_("通信地址"), max_length=200, blank=True)
    name_required = models.BooleanField(_("须填写姓名"), default=False)
    moderation = models.CharField(
        _("意见审核方式"), max_length=10, choices=Moderation.choices, default=default_moderation
    )
    previous_round = models.ForeignKey(
        "self", verbose_name=_("上一轮征求意见"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="next_rounds",
    )  # fmt: skip
    round_no = models.PositiveSmallIntegerField(_("轮次"), default=1)
    final_document = models.ForeignKey(
        "publishing.Document", verbose_name=_("正式文件"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta(publishable.Publishable.Meta):
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        constraints = [
            *publishable.constraints("participation_consultation"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="participation_consultation_period",
            ),
        ]

    def __str__(self) -> str:
        return self.title if self.round_no == 1 else f"{self.title}（第{self.round_no}轮）"

    def get_absolute_url(self) -> str:
        return reverse("participation:detail", args=[self.pk])

    def get_staff_url(self) -> str:
        return reverse("participation_staff:detail", args=[self.pk])

    @property
    def period_days(self) -> int:
        return (self.closes_on - self.opens_on).days + 1

    def phase(self, today: date | None = None) -> str:
        today = today or timezone.localdate()
        if today < self.opens_on:
            return Phase.UPCOMING
        if today <= self.closes_on:
            return Phase.OPEN
        report = getattr(self, "adoption_report", None) if self.pk else None
        return Phase.REPORTED if report is not None and report.published_at else Phase.CLOSED

    def get_phase_display(self) -> str:
        return str(Phase(self.phase()).label)

    def is_open(self, today: date | None = None) -> bool:
        return self.phase(today) == Phase.OPEN

    def rounds(self) -> list[Consultation]:
        """Every round of this draft, first to last (followed through the previous-round links)."""
        first: Consultation = self
        while first.previous_round_id is not None:
            first = first.previous_round  # type: ignore[assignment]
        chain, current = [first], first
        while True:
            following = current.next_rounds.order_by("round_no", "id").first()
            if following is None or following in chain:
                return chain
            chain.append(following)
            current = following


class Paragraph(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveIntegerField(_("序号"))
    text = models.TextField(_("段落"))

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "position"], name="participation_paragraph_position"
            )
        ]

    def __str__(self) -> str:
        return f"第{self.position}段"


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已公开")
    REJECTED = "rejected", _("不予公开")


class Comment(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("段落"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    body = models.TextField(_("意见内容"))  # as written: staff only
    public_body = models.TextField(_("公开文本"), blank=True)  # personal data masked
    findings = models.JSONField(
        _("个人信息"), default=list, blank=True
    )  # kinds and masked forms, no raw value
    name = EncryptedCharField(_("姓名"), max_length=100, blank=True)
    contact = EncryptedCharField(_("联系方式"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    reports = models.PositiveIntegerField(_("举报次数"), default=0)
    reply = models.TextField(_("答复"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    moderation_note = models.CharField(_("审核说明"), max_length=200, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["consultation", "status"])]

    def __str__(self) -> str:
        return f"意见 {self.pk}"


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")


class AdoptionReport(models.Model):
    """意见采纳情况: opinions and people counted over every channel, grouped by topic."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="adoption_report"
    )
    summary = models.TextField(_("总体情况"), blank=True)
    opinions = models.PositiveIntegerField(_("意见条数"))
    people = models.PositiveIntegerField(_("提出意见的人数"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"意见采纳情况：{self.consultation}"

    def totals(self) -> dict[str, int]:
        counts = {o.value: 0 for o in Outcome}
        for topic in self.topics.all():
            counts[topic.outcome] += topic.opinions
        return counts


class AdoptionTopic(models.Model):
    report = models.ForeignKey(AdoptionReport, on_delete=models.CASCADE, related_name="topics")
    position = models.PositiveIntegerField(_("序号"), default=1)
    topic = models.CharField(_("意见主题"), max_length=200)
    opinions = models.PositiveIntegerField(_("意见条数"))
    outcome = models.CharField(_("采纳情况"), max_length=12, choices=Outcome.choices)
    reason = models.TextField(_("理由"), blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.topic


class Hearing(models.Model):
    """听证会: announced in advance, seats drawn when more register, materials 7 days before, minutes after."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="hearings")
    title = models.CharField(_("听证事项"), max_length=200)
    held_at = models.DateTimeField(_("举行时间"))
    place = models.CharField(_("地点"), max_length=200)
    seats = models.PositiveIntegerField(_("听证参加人名额"))
    registration_closes_on = models.DateField(_("报名截止日期"))
    materials_sent_on = models.DateField(_("材料送达日期"), null=True, blank=True)
    minutes = models.TextField(_("听证笔录摘要"), blank=True)
    outcome = models.TextField(_("听证结果"), blank=True)
    # The seat draw is the public lottery's (gongkai.lottery.algorithm, decision 0023): a secret made when
    # the hearing is announced, its commitment published with the announcement, the public value entered
    # at the draw, and the draw.json document that anyone verifies.
    draw_secret = EncryptedCharField(_("抽签密钥"), max_length=200, blank=True, editable=False)
    draw_commitment = models.CharField(_("密钥承诺值"), max_length=64, blank=True, editable=False)
    draw_public_value = models.CharField(_("公开随机值"), max_length=200, blank=True)
    draw = models.JSONField(_("抽签记录"), null=True, blank=True, editable=False)
    drawn_at = models.DateTimeField(_("抽签时间"), null=True, blank=True)
    announced_at = models.DateTimeField(_("公告时间"), null=True, blank=True, editable=False)
    minutes_published_at = models.DateTimeField(_("笔录公开时间"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["held_at", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:hearing", args=[self.pk])

    @property
    def materials_due_on(self) -> date:
        return timezone.localdate(self.held_at) - timedelta(days=7)

    def materials_on_time(self) -> bool | None:
        """True when the materials reached the participants 7 days before; None while not sent."""
        if self.materials_sent_on is None:
            return None
        return self.materials_sent_on <= self.materials_due_on

    def registration_open(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.announced_at is not None and today <= self.registration_closes_on and self.drawn_at is None
        )


class Registration(models.Model):
    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="registrations")
    name = EncryptedCharField(_("姓名"), max_length=100)
    contact = EncryptedCharField(_("联系方式"), max_length=200)
    category = models.CharField(
        _("身份"), max_length=60, blank=True
    )  # 利害关系人、人大代表……: public in aggregate
    statement = models.TextField(_("拟陈述的主要观点"), blank=True)
    ticket = models.CharField(_("报名编号"), max_length=20, unique=True)
    draw_rank = models.PositiveIntegerField(_("抽签顺序"), null=True, blank=True)
    selected = models.BooleanField(_("入选"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.ticket  # never the name


class ExpertReview(models.Model):
    """专家论证: who, when, their opinions and the conclusion; public when the office says so."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="expert_reviews")
    held_on = models.DateField(_("论证日期"))
    experts = models.TextField(_("论证专家"), help_text=_("每行一位：姓名、单位、职称。"))
    opinions = models.TextField(_("专家意见"))
    conclusion = models.TextField(_("论证结论"))
    public = models.BooleanField(_("公开论证情况"), default=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"专家论证 {self.held_on:%Y-%m-%d}"
