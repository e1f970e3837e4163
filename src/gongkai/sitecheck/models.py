"""Registered websites, their columns, check runs and what each run found."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .indicators import INDICATORS


class Site(models.Model):
    """A county government website the office keeps passing the census (the portal itself included)."""

    name = models.CharField(_("网站名称"), max_length=100)
    base_url = models.URLField(_("首页地址"), unique=True)
    hosts = models.CharField(
        _("其他域名"), max_length=300, blank=True, help_text=_("同属本站的其他域名，用逗号分隔")
    )
    site_code = models.CharField(_("网站标识码"), max_length=20, blank=True)
    icp_number = models.CharField(_("ICP备案号"), max_length=50, blank=True)
    police_number = models.CharField(_("公安机关备案号"), max_length=50, blank=True)
    is_portal = models.BooleanField(
        _("本平台门户"), default=False, help_text=_("互动和办事指南按本平台数据检查")
    )
    scheduled = models.BooleanField(_("定期检查"), default=True)
    check_external_links = models.BooleanField(_("检查外部链接"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("网站")
        verbose_name_plural = _("网站")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_portal"], condition=Q(is_portal=True), name="sitecheck_one_portal"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("sitecheck_staff:site", args=[self.pk])

    def host_names(self) -> set[str]:
        names = {urlsplit(self.base_url).netloc.lower()}
        names.update(h.strip().lower() for h in self.hosts.split(",") if h.strip())
        return names


class Column(models.Model):
    class Kind(models.TextChoices):
        NEWS = "news", _("动态、要闻")
        NOTICE = "notice", _("通知公告")
        POLICY = "policy", _("政策文件")
        OTHER = "other", _("其他栏目")

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="columns", verbose_name=_("网站"))
    title = models.CharField(_("栏目名称"), max_length=100)
    url = models.CharField(_("栏目地址"), max_length=500, help_text=_("完整地址或以 / 开头的路径"))
    kind = models.CharField(_("栏目类型"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    stale_days = models.PositiveIntegerField(
        _("更新期限（天）"),
        null=True,
        blank=True,
        help_text=_("留空按普查指标：动态要闻14天，通知公告、政策文件6个月"),
    )

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
        ordering = ["site", "pk"]
        constraints = [models.UniqueConstraint(fields=["site", "url"], name="sitecheck_column_url_unique")]

    def __str__(self) -> str:
        return f"{self.site} · {self.title}"


class Run(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("检查中")
        DONE = "done", _("已完成")
        ERROR = "error", _("出错")

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="runs", verbose_name=_("网站"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    passed = models.BooleanField(_("通过"), null=True)
    score = models.PositiveSmallIntegerField(_("得分"), null=True)
    progress_done = models.PositiveIntegerField(_("已检查"), default=0)
    progress_total = models.PositiveIntegerField(_("待检查"), default=0)
    requests = models.PositiveIntegerField(_("请求数"), default=0)
    homepage_ok = models.BooleanField(_("首页可访问"), null=True)
    homepage_ms = models.PositiveIntegerField(_("首页响应（毫秒）"), null=True)
    homepage_newest = models.DateField(_("首页最新信息日期"), null=True)
    error = models.CharField(_("错误"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        "core.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("发起人"),
    )

    class Meta:
        verbose_name = _("检查")
        verbose_name_plural = _("检查")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=100), name="sitecheck_run_score_at_most_100")
        ]

    def __str__(self) -> str:
        return f"{self.site} #{self.pk}"

    def percent(self) -> int:
        return 100 * self.progress_done // self.progress_total if self.progress_total else 0


class Finding(models.Model):
    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="findings", verbose_name=_("检查"))
    indicator = models.CharField(_("指标"), max_length=30)  # a code of indicators.INDICATORS
    veto = models.BooleanField(_("单项否决"), default=False)
    detail = models.CharField(_("说明"), max_length=1000)
    page = models.CharField(_("页面"), max_length=1000, blank=True)
    points = models.PositiveSmallIntegerField(_("扣分"), default=0)

    class Meta:
        verbose_name = _("问题")
        verbose_name_plural = _("问题")
        ordering = ["-veto", "indicator", "pk"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.detail}"

    @property
    def page_path(self) -> str:
        """The page's path and query, to show (the link keeps the whole address)."""
        parts = urlsplit(self.page)
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "") if parts.netloc else self.page

    @property
    def indicator_label(self) -> str:
        found = INDICATORS.get(self.indicator)
        return found.label if found else self.indicator

    @property
    def warning(self) -> bool:
        """Reported only (accessibility): no points, never a veto."""
        found = INDICATORS.get(self.indicator)
        return bool(found and found.warning)


class Expression(models.Model):
    """A wording the census counts as a serious error: forbidden outright, or a wrong form of a name."""

    text = models.CharField(_("错误表述"), max_length=100, unique=True)
    correct = models.CharField(
        _("正确表述"),
        max_length=100,
        blank=True,
        help_text=_("留空表示禁用表述；填写则为名称、职务的正确写法"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("表述规范")
        verbose_name_plural = _("表述规范")
        ordering = ["text"]

    def __str__(self) -> str:
        return self.text


class Probe(models.Model):
    """One availability probe of a site's homepage (LAW.md §6: ≥20 a day, ≥5% failing in a week fails)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="probes", verbose_name=_("网站"))
    at = models.DateTimeField(_("时间"), db_index=True)
    ok = models.BooleanField(_("15秒内打开"))
    elapsed_ms = models.PositiveIntegerField(_("响应（毫秒）"), null=True)
    detail = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("可用性探测")
        verbose_name_plural = _("可用性探测")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.site} {self.at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'failed'}"
