from __future__ import annotations

from datetime import datetime
from typing import Any

from gongkai.concerns import services
from gongkai.concerns.models import Concern


def submit(**kwargs: Any) -> tuple[Concern, str]:
    values: dict[str, Any] = {
        "kind": "consult",
        "title": "城区供暖什么时候开始",
        "body": "我住在城关镇，想问今年城区集中供暖的开始时间。我的电话13912345678。",
        "name": "王小明",
        "phone": "13912345678",
        "email": "wxm@example.com",
        "consent": True,
    }
    values.update(kwargs)
    return services.concern_submit(**values)


def at(text: str) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.fromisoformat(text))
