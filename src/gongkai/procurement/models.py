"""A procurement process (项目) and its notices, each notice a published record of the one workflow.

A process is not published itself: the public sees it, its timeline and its OCDS record through its
public notices only (`queries.public_processes`).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core import publishable
from gongkai.core.models import Unit
from gongkai.core.uscc import validate_uscc
from gongkai.records.models import PublishedRecord

from .lines import Item, Party, parse_items, parse_parties, show_amount, validate_items, validate_parties

MONEY = {"max_digits": 16, "decimal_places": 2}


class Method(models.TextChoices):
    OPEN = "open", _("公开招标")
    INVITED = "invited", _("邀请招标")
    NEGOTIATION = "negotiation", _("竞争性谈判")
    CONSULTATION = "consultation", _("竞争性磋商")
    SINGLE_SOURCE = "single_source", _("单一来源")
    INQUIRY = "inquiry", _("询价")
    FRAMEWORK = "framework", _("框架协议")


class Category(models.TextChoices):
    GOODS = "goods", _("货物")
    WORKS = "works", _("工程")
    SERVICES = "services", _("服务")


class Process(models.Model):
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
        help_text=_("如 GKCG-2026-001；它是 OCDS 编号（ocid）的一部分，创建后不能修改。"),
    )
    title = models.CharField(_("项目名称"), max_length=200)
    unit = models.ForeignKey(Unit, verbose_name=_("采购单位"), on_delete=models.PROTECT, related_name="+")
    buyer_name = models.CharField(
        _("采购人名称"),
        max_length=100,
        blank=True,
        help_text=_("采购人不是本平台的单位时填写（如所属学校）。"),
    )
    buyer_uscc = models.CharField(
        _("采购人统一社会信用代码"), max_length=18, blank=True, validators=[validate_uscc]
    )
    agency_name = models.CharField(
        _("采购代理机构"), max_length=100, blank=True, help_text=_("自行采购时不填。")
    )
    agency_uscc = models.CharField(
        _("代理机构统一社会信用代码"), max_length=18, blank=True, validators=[validate_uscc]
    )
    method = models.CharField(_("采购方式"), max_length=20, choices=Method.choices)
    category = models.CharField(_("采购类别"), max_length=10, choices=Category.choices)
    budget = models.DecimalField(_("预算金额（元）"), **MONEY)
    items = models.TextField(
        _("采购标的"),
        validators=[validate_items],
        help_text=_("每行一项：名称|数量|计量单位|品目编码（可省略），如“台式计算机|40|台|A02010104”。"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("采购项目")
        verbose_name_plural = _("采购项目")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__gte=0), name="procurement_process_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(agency_name="") | ~Q(agency_uscc=""), name="procurement_process_agency_has_code"
            ),
            models.CheckConstraint(
                condition=Q(buyer_name="") | ~Q(buyer_uscc=""), name="procurement_process_buyer_has_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.code}）"

    def get_absolute_url(self) -> str:
        return reverse("procurement:process", kwargs={"code": self.code})

    def clean(self) -> None:
        if self.agency_name and not self.agency_uscc:
            raise ValidationError(
                {"agency_uscc": ValidationError(_("请填写代理机构的统一社会信用代码。"), code="required")}
            )
        if self.buyer_name and not self.buyer_uscc:
            raise ValidationError(
                {"buyer_uscc": ValidationError(_("请填写采购人的统一社会信用代码。"), code="required")}
            )

    @property
    def ocid(self) -> str:
        """The process's Open Contracting ID: the county's registered prefix and the 项目编号."""
        return f"{settings.GONGKAI_OCDS_PREFIX}-{self.code}"

    def buyer(self) -> Party:
        if self.buyer_name:
            return Party(self.buyer_name, self.buyer_uscc, None)
        return Party(self.unit.name, self.unit.code, None)

    def agency(self) -> Party | None:
        return Party(self.agency_name, self.agency_uscc, None) if self.agency_name else None

    def item_list(self) -> list[Item]:
        return parse_items(self.items)

    def budget_display(self) -> str:
        return show_amount(self.budget)


class NoticeKind(models.TextChoices):
    INTENTION = "intention", _("采购意向")
    TENDER = "tender", _("采购公告")
    CORRECTION = "correction", _("更正公告")
    AWARD = "award", _("中标（成交）结果公告")
    CONTRACT = "contract", _("合同公告")
    TERMINATION = "termination", _("终止公告")


class Notice(PublishedRecord):
    process = models.ForeignKey(
        Process, verbose_name=_("采购项目"), on_delete=models.PROTECT, related_name="notices"
    )
    kind = models.CharField(_("公告类型"), max_length=20, choices=NoticeKind.choices)
    title = models.CharField(_("公告标题"), max_length=200)
    notice_date = models.DateField(_("公告日期"))
    body = models.TextField(_("公告内容"), blank=True)
    bid_deadline = models.DateField(
        _("响应截止日期"),
        null=True,
        blank=True,
        help_text=_("采购公告、更正公告：投标（响应）文件提交截止日期。"),
    )
    amount = models.DecimalField(
        _("金额（元）"),
        null=True,
        blank=True,
        help_text=_("结果公告：中标（成交）总金额；合同公告：合同金额。"),
        **MONEY,
    )
    suppliers = models.TextField(
        _("中标（成交）供应商"),
        blank=True,
        validators=[validate_parties],
        help_text=_("每行一家：单位名称|统一社会信用代码|金额（元）。"),
    )
    bidders = models.TextField(
        _("投标（响应）供应商"),
        blank=True,
        validators=[validate_parties],
        help_text=_("每行一家：单位名称|统一社会信用代码|报价（元，可省略）。"),
    )
    contract_no = models.CharField(_("合同编号"), max_length=60, blank=True)
    signed_on = models.DateField(_("合同签订日期"), null=True, blank=True)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("政府采购公告")
        verbose_name_plural = _("政府采购公告")
        constraints = [
            *publishable.constraints("%(app_label)s_%(class)s"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="procurement_notice_amount_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["process", "status"], name="procurement_notice_process")]

    def supplier_list(self) -> list[Party]:
        return parse_parties(self.suppliers)

    def bidder_list(self) -> list[Party]:
        return parse_parties(self.bidders)

    def clean(self) -> None:
        """Refuse what does not add up, naming the field: amounts against the budget and the suppliers."""
        super().clean()
        if self.process_id is None or not self.kind:
            return
        problems = _inconsistencies(self)
        if problems:
            raise ValidationError(problems)


def _inconsistencies(notice: Notice) -> dict[str, ValidationError]:
    kind, budget = notice.kind, notice.process.budget
    if notice.unit_id is not None and notice.unit_id != notice.process.unit_id:
        return {
            "process": ValidationError(
                _("公告须由采购项目的采购单位（%(u)s）发布。"),
                code="other_unit",
                params={"u": notice.process.unit},
            )
        }
    try:
        suppliers, bidders = notice.supplier_list(), notice.bidder_list()
    except ValidationError:
        return {}  # the field's own validator names the line
    problems: dict[str, ValidationError] = {}
    if kind in (NoticeKind.AWARD, NoticeKind.CONTRACT):
        if notice.amount is None:
            problems["amount"] = ValidationError(_("结果公告和合同公告须填写金额。"), code="amount_required")
        elif notice.amount > budget:
            problems["amount"] = ValidationError(
                _("金额 %(a)s 超过了项目预算 %(b)s。"),
                code="over_budget",
                params={"a": show_amount(notice.amount), "b": show_amount(budget)},
            )
        if not suppliers:
            problems["suppliers"] = ValidationError(
                _("请填写中标（成交）供应商。"), code="suppliers_required"
            )
        elif notice.amount is not None and all(p.amount is not None for p in suppliers):
            total = sum((p.amount for p in suppliers if p.amount is not None), Decimal(0))
            if total != notice.amount:
                problems["suppliers"] = ValidationError(
                    _("各供应商金额合计 %(t)s，与金额 %(a)s 不一致。"),
                    code="suppliers_total",
                    params={"t": show_amount(total), "a": show_amount(notice.amount)},
                )
        if bidders and not {p.uscc for p in suppliers} <= {p.uscc for p in bidders}:
            problems["suppliers"] = ValidationError(
                _("中标（成交）供应商须在投标（响应）供应商之中。"), code="supplier_not_bidder"
            )
    elif notice.amount is not None or suppliers:
        problems["amount" if notice.amount is not None else "suppliers"] = ValidationError(
            _("只有结果公告和合同公告填写金额和中标（成交）供应商。"), code="not_a_result"
        )
    if kind == NoticeKind.CONTRACT:
        if not notice.contract_no:
            problems["contract_no"] = ValidationError(_("合同公告须填写合同编号。"), code="required")
        if notice.signed_on is None:
            problems["signed_on"] = ValidationError(_("合同公告须填写合同签订日期。"), code="required")
        elif notice.notice_date and notice.signed_on > notice.notice_date:
            problems["signed_on"] = ValidationError(
                _("合同签订日期不能晚于公告日期。"), code="signed_after_notice"
            )
    if notice.bid_deadline is not None:
        if kind not in (NoticeKind.TENDER, NoticeKind.CORRECTION):
            problems["bid_deadline"] = ValidationError(
                _("只有采购公告和更正公告填写响应截止日期。"), code="not_a_tender"
            )
        elif notice.notice_date and notice.bid_deadline <= notice.notice_date:
            problems["bid_deadline"] = ValidationError(
                _("响应截止日期须晚于公告日期。"), code="deadline_before_notice"
            )
    if kind in (NoticeKind.CORRECTION, NoticeKind.TERMINATION) and not notice.body.strip():
        problems["body"] = ValidationError(_("更正公告和终止公告须写明更正事项或终止原因。"), code="required")
    return problems


class DocumentType(models.TextChoices):
    """What a notice's file is; the values are the OCDS documentType codes it is published under."""

    BIDDING = "biddingDocuments", _("招标（采购）文件")
    SPECIFICATIONS = "technicalSpecifications", _("采购需求（技术规格）")
    CLARIFICATIONS = "clarifications", _("澄清、更正文件")
    EVALUATION = "evaluationReports", _("评审报告")
    CONTRACT = "contractSigned", _("合同文本")
    ANNEXE = "contractAnnexe", _("合同附件")
    CANCELLATION = "cancellationDetails", _("终止说明")
    OTHER = "other", _("其他文件")


class NoticeDocument(models.Model):
    """A file a notice carries (招标文件, 合同 …), stored by SHA-256; added and removed while the notice is a
    draft, public exactly while its notice is."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="documents")
    document_type = models.CharField(_("文件类型"), max_length=30, choices=DocumentType.choices)
    name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("公告附件")
        verbose_name_plural = _("公告附件")

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("procurement:document", kwargs={"pk": self.pk, "name": self.name})
