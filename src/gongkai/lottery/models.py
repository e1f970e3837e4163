"""A public lottery (摇号) and its draw, each a published record of the one workflow.

The lottery is announced first, with its list, its places, its priority groups and the commitment to
a secret. The draw is created only by entering the public random value (`services.lottery_draw`) and
goes out through the workflow like any record; publishing it reveals the secret and the order, and
its `document` is the draw.json that anyone can verify (decision 0023).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.fields import EncryptedCharField
from gongkai.records.models import PublishedRecord

from . import algorithm
from .entries import Entrant, entries_problem, parse_entries, parse_groups, public_lines, validate_groups


class Lottery(PublishedRecord):
    title = models.CharField(_("摇号活动名称"), max_length=200)
    project = models.CharField(_("项目"), max_length=200, help_text=_("如 广惠园廉租房。"))
    offered = models.TextField(
        _("摇号标的"), help_text=_("如 广惠园廉租房 202 套（一居室 120 套、两居室 82 套）。")
    )
    places = models.PositiveIntegerField(_("名额"), help_text=_("中签人数：可分配的套数或席位数。"))
    groups = models.TextField(
        _("优先组别"),
        blank=True,
        validators=[validate_groups],
        help_text=_("每行一个组别，按摇号先后顺序；先摇的组别全部排在后摇的组别之前。没有优先组别时不填。"),
    )
    entries = models.TextField(
        _("参加摇号名单"),
        help_text=_("每行一人：摇号编号|姓名|组别（未设优先组别时不填组别）。公众看到的姓名经去标识化处理。"),
    )
    announced_on = models.DateField(_("公告日期"))
    draw_at = models.DateTimeField(_("摇号时间"))
    draw_place = models.CharField(_("摇号地点"), max_length=200)
    commitment = models.CharField(_("秘密值承诺（SHA-256）"), max_length=64, editable=False)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("公开摇号")
        verbose_name_plural = _("公开摇号")

    def public_url(self) -> str:
        return reverse("lottery:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if not self.commitment:  # a new lottery: its secret is kept apart once it is saved (apps.py)
            self.new_secret = algorithm.new_secret()
            self.commitment = algorithm.commitment(self.new_secret)
        problem = entries_problem(self.entries, parse_groups(self.groups))
        if problem:
            raise ValidationError({"entries": ValidationError(problem, code="invalid")})
        if self.places > len(self.entrants()):
            raise ValidationError(
                {"places": ValidationError(_("名额不能多于参加摇号的人数。"), code="too_many")}
            )
        if self.pk and LotteryDraw.objects.filter(lottery_id=self.pk).exists():
            stored = Lottery.objects.get(pk=self.pk)
            if stored.inputs() != self.inputs():
                raise ValidationError(_("已经摇号，名单、名额和组别不能再修改。"), code="already_drawn")

    def secret(self) -> str:
        """The secret committed to; only the draw reads it."""
        return LotterySecret.objects.get(lottery=self).value

    def entrants(self) -> list[Entrant]:
        return parse_entries(self.entries)

    def public_entries(self) -> str:
        return public_lines(self.entries)

    def inputs(self) -> dict[str, Any]:
        """The published list as the draw takes it (masked names only)."""
        groups = parse_groups(self.groups)
        return {
            "title": self.title,
            "project": self.project,
            "offered": self.offered,
            "places": self.places,
            "groups": groups,
            "entries": [
                {"number": e.number, "name": e.masked_name, **({"group": e.group} if groups else {})}
                for e in self.entrants()
            ],
        }

    def inputs_sha256(self) -> str:
        return algorithm.inputs_sha256(self.inputs())


class LotterySecret(models.Model):
    """A lottery's secret, kept apart from the record so that no page, staff ones included, shows it
    before the draw publishes it."""

    lottery = models.OneToOneField(Lottery, on_delete=models.CASCADE, related_name="+")
    value = EncryptedCharField(_("秘密值"), max_length=64)

    def __str__(self) -> str:
        return f"secret of lottery {self.lottery_id}"


class LotteryDraw(PublishedRecord):
    lottery = models.OneToOneField(
        Lottery, verbose_name=_("摇号活动"), on_delete=models.PROTECT, related_name="draw"
    )
    title = models.CharField(_("标题"), max_length=200)
    drawn_on = models.DateField(_("摇号日期"), editable=False)
    public_value = models.CharField(_("公开随机数"), max_length=100, editable=False)
    witness = models.CharField(_("录入人"), max_length=100, editable=False)
    entered_at = models.DateTimeField(_("录入时间"), editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    secret = models.CharField(_("秘密值"), max_length=64, editable=False)
    winners = models.TextField(_("摇号结果"), editable=False)
    document = models.JSONField(_("摇号文件"), editable=False)
    note = models.TextField(_("说明"), blank=True)

    class Meta(PublishedRecord.Meta):
        verbose_name = _("摇号结果")
        verbose_name_plural = _("摇号结果")

    def clean(self) -> None:
        if not self.document or algorithm.verify(self.document):
            raise ValidationError(_("摇号结果只能在摇号活动页面录入公开随机数后生成。"), code="no_draw")
