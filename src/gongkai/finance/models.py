"""Budgets, final accounts and 三公经费 per unit per year; the 行政事业性收费 catalog and what it collected.

A fiscal report is a published record (`records.PublishedRecord`): its public list, page, feed, sitemap,
API, export and import come from the one registration in `types.py`. Its standard tables are rows
of `FiscalTable` / `FiscalRow`, shown only on the report's public page, so they are public exactly
when the report is.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.records.models import PublishedRecord

AMOUNT = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True}


class ReportType(models.TextChoices):
    DEPT_BUDGET = "dept_budget", _("部门预算")
    DEPT_FINAL = "dept_final", _("部门决算")
    GOV_BUDGET = "gov_budget", _("政府预算")
    GOV_FINAL = "gov_final", _("政府决算")


BUDGETS = (ReportType.DEPT_BUDGET, ReportType.GOV_BUDGET)
GOVERNMENT_TYPES = (ReportType.GOV_BUDGET, ReportType.GOV_FINAL)

# 三公经费 items: (field suffix, label). 公务用车购置及运行费 is the sum of the two vehicle items.
SANGONG_ITEMS = (
    ("outbound", _("因公出国（境）费")),
    ("vehicle_purchase", _("公务用车购置费")),
    ("vehicle_operation", _("公务用车运行费")),
    ("reception", _("公务接待费")),
)


class FiscalReport(PublishedRecord):
    title = models.CharField(
        _("标题"), max_length=200, blank=True, help_text=_("留空则按单位、年度和类型生成")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    report_type = models.CharField(_("类型"), max_length=20, choices=ReportType.choices)
    approved_on = models.DateField(
        _("批复日期"), help_text=_("预算、决算经本级人大批准或财政部门批复的日期；公开期限从此日起算")
    )
    file_name = models.CharField(_("报告文件"), max_length=200, blank=True, editable=False)
    file_sha256 = models.CharField(_("报告文件SHA-256"), max_length=64, blank=True, editable=False)
    budget_outbound = models.DecimalField(_("预算：因公出国（境）费（万元）"), **AMOUNT)
    budget_vehicle_purchase = models.DecimalField(_("预算：公务用车购置费（万元）"), **AMOUNT)
    budget_vehicle_operation = models.DecimalField(_("预算：公务用车运行费（万元）"), **AMOUNT)
    budget_reception = models.DecimalField(_("预算：公务接待费（万元）"), **AMOUNT)
    actual_outbound = models.DecimalField(_("决算：因公出国（境）费（万元）"), **AMOUNT)
    actual_vehicle_purchase = models.DecimalField(_("决算：公务用车购置费（万元）"), **AMOUNT)
    actual_vehicle_operation = models.DecimalField(_("决算：公务用车运行费（万元）"), **AMOUNT)
    actual_reception = models.DecimalField(_("决算：公务接待费（万元）"), **AMOUNT)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("预决算公开")
        verbose_name_plural = _("预决算公开")
        constraints = [
            *PublishedRecord.Meta.constraints,
            models.UniqueConstraint(
                fields=["unit", "year", "report_type"], name="fiscal_report_once_per_year"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100), name="fiscal_report_year_range"
            ),
        ]

    def clean(self) -> None:
        if not (self.unit_id and self.year and self.report_type):
            return
        label = ReportType(self.report_type).label
        if not self.title:
            self.title = f"{self.unit.name}{self.year}年{label}"
        twin = FiscalReport.objects.filter(unit_id=self.unit_id, year=self.year, report_type=self.report_type)
        if twin.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"year": _("%(unit)s %(year)d年的%(type)s已经录入，同一年度只能公开一份。")
                 % {"unit": self.unit.name, "year": self.year, "type": label}},
                code="duplicate_year",
            )  # fmt: skip

    def is_budget(self) -> bool:
        return self.report_type in BUDGETS

    def sangong(self, side: str) -> dict[str, Decimal | None]:
        """Return the 三公经费 of SIDE ("budget" or "actual") by item, with the total (None when not given)."""
        values = {key: getattr(self, f"{side}_{key}") for key, _label in SANGONG_ITEMS}
        given = [v for v in values.values() if v is not None]
        values["total"] = sum(given, Decimal(0)) if given else None
        return values


class TableKind(models.TextChoices):
    INCOME_EXPENSE = "income_expense", _("收支总表")
    INCOME = "income", _("收入总表")
    EXPENSE = "expense", _("支出总表")
    APPROPRIATION = "appropriation", _("财政拨款收支总表")
    GENERAL = "general", _("一般公共预算财政拨款支出表")
    BASIC = "basic", _("一般公共预算财政拨款基本支出表")
    FUND = "fund", _("政府性基金预算财政拨款支出表")
    SANGONG = "sangong", _("一般公共预算财政拨款“三公”经费支出表")
    OTHER = "other", _("其他表")


class FiscalTable(models.Model):
    """One standard table of a fiscal report, as imported from one sheet of its XLSX (amounts in 万元)."""

    report = models.ForeignKey(FiscalReport, on_delete=models.CASCADE, related_name="tables")
    position = models.PositiveSmallIntegerField(_("顺序"))
    kind = models.CharField(_("表"), max_length=20, choices=TableKind.choices)
    title = models.CharField(_("表名"), max_length=100)
    columns = models.JSONField(_("金额列"), default=list)
    balanced = models.BooleanField(_("收支两栏"), default=False)

    class Meta:
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="fiscal_table_position_once"),
            models.UniqueConstraint(fields=["report", "title"], name="fiscal_table_title_once"),
        ]

    def __str__(self) -> str:
        return str(self.title)


class FiscalRow(models.Model):
    class Section(models.TextChoices):
        NONE = "", _("—")
        INCOME = "income", _("收入")
        EXPENSE = "expense", _("支出")

    table = models.ForeignKey(FiscalTable, on_delete=models.CASCADE, related_name="rows")
    line = models.PositiveIntegerField(_("行次"), help_text=_("工作表中的行号"))
    section = models.CharField(_("栏"), max_length=10, choices=Section.choices, blank=True)
    code = models.CharField(_("科目编码"), max_length=30, blank=True)
    name = models.CharField(_("项目"), max_length=200)
    values = models.JSONField(_("金额"), default=list, help_text=_("按金额列，万元，空为未填"))
    total = models.BooleanField(_("合计行"), default=False)

    class Meta:
        ordering = ["table", "section", "line"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class FeeItem(PublishedRecord):
    """An item of the 行政事业性收费 catalog (收费目录清单)."""

    name = models.CharField(_("收费项目"), max_length=200)
    code = models.CharField(_("项目编码"), max_length=40, unique=True)
    basis = models.TextField(_("收费依据"))
    standard = models.TextField(_("收费标准"))
    collector = models.CharField(_("执收单位"), max_length=100)
    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("对应事项"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="fee_items", help_text=_("收取此项费用的权责事项（办事指南）"),
    )  # fmt: skip
    formed_on = models.DateField(_("公布日期"))

    class Meta(PublishedRecord.Meta):
        verbose_name = _("行政事业性收费项目")
        verbose_name_plural = _("行政事业性收费目录")

    def __str__(self) -> str:
        return str(self.name)


class FeeCollection(PublishedRecord):
    """What one unit collected in 行政事业性收费 in one year (the annual report's section 二 cell)."""

    year = models.PositiveSmallIntegerField(_("年度"))
    amount = models.DecimalField(_("收费金额（万元）"), max_digits=14, decimal_places=4)
    title = models.CharField(_("标题"), max_length=200, blank=True, help_text=_("留空则按单位和年度生成"))
    reported_on = models.DateField(_("统计日期"))

    class Meta(PublishedRecord.Meta):
        verbose_name = _("行政事业性收费金额")
        verbose_name_plural = _("行政事业性收费金额")
        constraints = [
            *PublishedRecord.Meta.constraints,
            models.UniqueConstraint(fields=["unit", "year"], name="fee_collection_once_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_collection_not_negative"),
        ]

    def clean(self) -> None:
        if not (self.unit_id and self.year):
            return
        if not self.title:
            self.title = f"{self.unit.name}{self.year}年行政事业性收费金额"
        if FeeCollection.objects.filter(unit_id=self.unit_id, year=self.year).exclude(pk=self.pk).exists():
            raise ValidationError(
                {
                    "year": _("%(unit)s %(year)d年的收费金额已经录入。")
                    % {"unit": self.unit.name, "year": self.year}
                },
                code="duplicate_year",
            )
