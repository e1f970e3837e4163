"""The catalog's columns on the portal's home page: what is new, policies, interpretations, notices."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from gongkai.portal.registry import Latest, register_home_column

from . import queries
from .models import Category, Document

G = Document.Genre


def _latest(narrow: Callable[[Any], Any]) -> Callable[[int], list[Latest]]:
    def latest(count: int) -> list[Latest]:
        documents = narrow(queries.public_documents())[:count]
        return [Latest(d.title, d.get_absolute_url(), timezone.localdate(d.publish_at)) for d in documents]

    return latest


def _in_category(code: str) -> Callable[[Any], Any]:
    def narrow(documents: Any) -> Any:
        codes = [code, *Category.objects.filter(parent__code=code).values_list("code", flat=True)]
        return documents.filter(category__code__in=codes)

    return narrow


def _catalog(**query: str) -> str:
    url = reverse("publishing:catalog")
    return f"{url}?{urlencode(query)}" if query else url


def register() -> None:
    register_home_column("latest", "最新公开", order=10, more_url=_catalog(), latest=_latest(lambda d: d))
    register_home_column(
        "policy",
        "政策文件",
        order=20,
        more_url=_catalog(category="policy"),
        latest=_latest(_in_category("policy")),
    )
    register_home_column(
        "interpretation", "政策解读", order=30, more_url=_catalog(category="interpretation"),
        latest=_latest(lambda d: d.filter(Q(interprets__isnull=False) | Q(category__code="interpretation"))),
    )  # fmt: skip
    register_home_column(
        "notices", "通知公告", order=40, more_url=_catalog(),
        latest=_latest(lambda d: d.filter(genre__in=[G.ANNOUNCEMENT, G.NOTICE_PUBLIC, G.NOTICE])),
    )  # fmt: skip
    register_home_column(
        "consultation", "征求意见", order=60, more_url=_catalog(category="consultation"),
        latest=_latest(_in_category("consultation")),
    )  # fmt: skip
