from django.db import models

from gongkai.records.models import PublishedRecord


class Permit(PublishedRecord):
    class Kind(models.TextChoices):
        STALL = "stall", "摆摊"
        WORKS = "works", "施工"

    holder = models.CharField("持证人", max_length=100)
    is_person = models.BooleanField("自然人", default=False)
    holder_phone = models.CharField("联系电话", max_length=20, blank=True)
    permit_no = models.CharField("许可编号", max_length=40)
    kind = models.CharField("类别", max_length=10, choices=Kind.choices, default=Kind.STALL)
    issued_on = models.DateField("发证日期")
    days_shown = models.PositiveIntegerField("公示天数", default=0)
    note = models.TextField("说明", blank=True)

    def __str__(self) -> str:
        return self.holder
