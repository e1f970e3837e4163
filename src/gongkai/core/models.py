"""Units, staff users, API tokens, the audit log, the holiday tables, the site profile and import jobs."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .uscc import validate_uscc


class Unit(models.Model):
    """A government organ or unit (机关/单位) that publishes information and answers applications."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("人民政府")
        OFFICE = "office", _("政府办公室")
        DEPARTMENT = "department", _("政府工作部门")
        TOWNSHIP = "township", _("乡镇（街道）")
        INSTITUTION = "institution", _("事业单位")
        VERTICAL = "vertical", _("垂直管理部门")
        OTHER = "other", _("其他")

    code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc])
    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    index_prefix = models.CharField(
        _("索引号前段码"), max_length=30, blank=True, help_text=_("留空则使用统一社会信用代码。")
    )
    functions = models.TextField(_("机构职能"), blank=True)
    leader = models.CharField(_("负责人"), max_length=100, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    website = models.URLField(_("网站"), blank=True)
    # The disclosure office data Art. 12 requires in the 公开指南.
    office_name = models.CharField(_("政府信息公开工作机构"), max_length=100, blank=True)
    office_address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    office_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    office_fax = models.CharField(_("传真"), max_length=50, blank=True)
    office_email = models.EmailField(_("电子邮箱"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[0-9A-Z]{18}$"), name="unit_code_format"),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="unit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:unit", kwargs={"code": self.code})

    @property
    def effective_index_prefix(self) -> str:
        return self.index_prefix or self.code

    def missing_guide_items(self) -> list[str]:
        """Return the Art. 12 office items the 公开指南 still lacks."""
        required = {
            "office_name": self.office_name,
            "office_address": self.office_address,
            "office_hours": self.office_hours,
            "office_phone": self.office_phone,
            "office_fax": self.office_fax,
            "office_email": self.office_email or self.website,
        }
        labels = {
            "office_name": _("工作机构名称"),
            "office_address": _("办公地址"),
            "office_hours": _("办公时间"),
            "office_phone": _("联系电话"),
            "office_fax": _("传真"),
            "office_email": _("电子邮箱或网址"),
        }
        return [str(labels[key]) for key, value in required.items() if not value]


class User(AbstractUser):
    """A staff user: one role, scoped to one unit."""

    class Role(models.TextChoices):
        ADMIN = "admin", pgettext_lazy("role", "系统管理员")
        OFFICE = "office", pgettext_lazy("role", "公开办")
        EDITOR = "editor", pgettext_lazy("role", "编辑")
        REVIEWER = "reviewer", pgettext_lazy("role", "审核")
        HEAD = "head", pgettext_lazy("role", "单位负责人")

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.EDITOR)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("所属单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    display_name = models.CharField(_("姓名"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")
        constraints = [
            models.CheckConstraint(
                condition=Q(role="admin") | Q(unit__isnull=False), name="user_unit_required_unless_admin"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def requires_two_factor(self) -> bool:
        from django.conf import settings

        return self.role in settings.TWO_FACTOR_ROLES


class ApiToken(models.Model):
    """A bearer token for the staff API; only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class AuditQuerySet(models.QuerySet[Any]):
    """Queryset of an append-only log: no bulk update or delete."""

    def update(self, **kwargs: Any) -> int:
        raise TypeError(f"the {self.model._meta.verbose_name} is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError(f"the {self.model._meta.verbose_name} is append-only")


class AuditEntry(models.Model):
    """One line of the append-only audit log: who did what to which object, and when."""

    created_at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        User, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=100, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("the audit log is append-only")


class CalendarYear(models.Model):
    """One year's holiday arrangement, imported from the State Council notice; overrides the package."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("依据"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="calendar_year_range"
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("放假")
        WORKDAY = "workday", _("调休上班")

    calendar_year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=50)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日")
        verbose_name_plural = _("节假日")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"


class SiteProfile(models.Model):
    """The portal's identity: one row, edited by admins."""

    site_name = models.CharField(_("网站名称"), max_length=100)
    region_name = models.CharField(_("地区名称"), max_length=50, blank=True)
    site_code = models.CharField(_("网站标识码"), max_length=20, blank=True)
    icp_number = models.CharField(_("ICP备案号"), max_length=50, blank=True)
    police_number = models.CharField(_("公安机关备案号"), max_length=50, blank=True)
    conac_url = models.URLField(
        _("党政机关网站标识链接"),
        blank=True,
        help_text=_("开办单位在党政机关网站标识管理系统中的核验地址，页面底部的红色标识链接到这里"),
    )
    sponsor = models.CharField(_("主办单位"), max_length=100, blank=True)
    operator = models.CharField(_("承办单位"), max_length=100, blank=True)
    contact = models.CharField(_("联系方式"), max_length=200, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    # Where an applicant may seek remedy against a reply (the 告知书 names them). Against a county
    # department: the county government (行政复议法 2023) and the county court; against the county
    # government itself: the city government and the intermediate court.
    reconsideration_body = models.CharField(
        _("行政复议机关（对县级部门）"), max_length=100, blank=True, help_text=_("如：岢岚县人民政府")
    )
    court = models.CharField(
        _("管辖法院（对县级部门）"), max_length=100, blank=True, help_text=_("如：岢岚县人民法院")
    )
    upper_reconsideration_body = models.CharField(
        _("行政复议机关（对县人民政府）"), max_length=100, blank=True, help_text=_("如：忻州市人民政府")
    )
    upper_court = models.CharField(
        _("管辖法院（对县人民政府）"), max_length=100, blank=True, help_text=_("如：忻州市中级人民法院")
    )

    class Meta:
        verbose_name = _("网站信息")
        verbose_name_plural = _("网站信息")

    def __str__(self) -> str:
        return self.site_name


class TransparencyEntry(models.Model):
    """One link of the publication log: an append-only hash chain of every public status change."""

    class Action(models.TextChoices):
        PUBLISH = "publish", _("发布")
        AMEND = "amend", _("修订")
        WITHDRAW = "withdraw", _("撤回")
        EXPIRE = "expire", _("失效下线")
        VALIDITY = "validity", _("有效性变更")
        RESTORE = "restore", _("恢复备份")

    seq = models.PositiveBigIntegerField(_("序号"), primary_key=True)
    created_at = models.DateTimeField(_("时间"))
    effective_at = models.DateTimeField(_("生效时间"))
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("类型"), max_length=50)
    index_no = models.CharField(_("索引号"), max_length=60, db_index=True)
    version = models.PositiveIntegerField(_("版本"))
    content_sha256 = models.CharField(_("内容摘要"), max_length=64, blank=True)
    prev_hash = models.CharField(_("上一条摘要"), max_length=64)
    entry_hash = models.CharField(_("本条摘要"), max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = _("公开日志")
        verbose_name_plural = _("公开日志")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.index_no} v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("the transparency log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("the transparency log is append-only")


class TransparencyHead(models.Model):
    """The single row locked while appending, so that sequence numbers and links never fork."""

    seq = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="transparency_head_singleton")]

    def __str__(self) -> str:
        return f"head #{self.seq}"


class IndexSequence(models.Model):
    """The last serial number used per index-number prefix and year."""

    prefix = models.CharField(max_length=30)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "publishing_indexsequence"  # created by the catalog before index numbers moved to core
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="index_sequence_once")]

    def __str__(self) -> str:
        return f"{self.prefix}/{self.year}: {self.last}"


class RateCounter(models.Model):
    """A rate limit's count in its window, shared by every server process and kept across restarts.

    KEY is a keyed digest of what is counted (a client address, a case number), never the value."""

    key = models.CharField(max_length=100, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class KeyCheck(models.Model):
    """A check value of the encryption key the personal fields were written with (one row): a keyed
    digest of a fixed text, so that a wrong or lost GONGKAI_ENCRYPTION_KEY is found at start, restore
    and check instead of as a failed decryption on a case page (issue #23 item 12)."""

    value = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="key_check_singleton")]

    def __str__(self) -> str:
        return "key check"


class ImportJob(models.Model):
    """A file uploaded on the staff desk's import page, loaded by the task queue (core.import_jobs).

    Only its uploader and whoever may see all jobs (`core.imports.view_all`) see it; never the public.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("导入中")
        DONE = "done", _("完成")
        FAILED = "failed", _("未导入")

    kind = models.CharField(_("类型"), max_length=60)
    file_name = models.CharField(_("文件"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("文件大小"), default=0)
    stored_as = models.CharField(max_length=255, blank=True)  # in the default storage until the job ends
    partial = models.BooleanField(_("跳过错误行"), default=False)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("行数"), default=0)
    done = models.PositiveIntegerField(_("已处理"), default=0)
    created = models.PositiveIntegerField(_("新增"), default=0)
    unchanged = models.PositiveIntegerField(_("未变"), default=0)
    failed = models.PositiveIntegerField(_("有误"), default=0)
    # [{"row": 3, "column": "决定日期", "field": "decided_on", "message": "…"}], messages in Chinese
    errors = models.JSONField(_("错误"), default=list, blank=True)
    message = models.CharField(_("说明"), max_length=500, blank=True)  # why a job failed as a whole
    created_by = models.ForeignKey(
        User, verbose_name=_("上传人"), on_delete=models.PROTECT, related_name="import_jobs"
    )
    created_at = models.DateTimeField(_("上传时间"))
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    # Written with every committed batch (and checked one): a running job whose beat is old was cut off.
    beat_at = models.DateTimeField(_("最近进展"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        indexes = [models.Index(fields=["created_by", "-created_at"], name="import_job_owner_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="import_job_done_le_total")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse("workbench:import_job", args=[self.pk])

    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
