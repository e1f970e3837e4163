"""Lottery inputs the tests share."""

from typing import Any

from gongkai.lottery import algorithm

SECRET = "5f" * 32
PUBLIC_VALUE = "38271"


def inputs(
    count: int = 30, places: int = 10, groups: tuple[str, ...] = ("低保家庭", "一般家庭")
) -> dict[str, Any]:
    entries = [
        {"number": f"{n:03d}", "name": f"张*{n}", **({"group": groups[n % len(groups)]} if groups else {})}
        for n in range(1, count + 1)
    ]
    return {"project": "广惠园廉租房", "places": places, "groups": list(groups), "entries": entries}


def document(**overrides: Any) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "inputs": inputs(),
        "secret": SECRET,
        "public_value": PUBLIC_VALUE,
        "entered_by": "公证员 李*",
        "entered_at": "2026-12-01T10:00:00+08:00",
        "commitment_published_at": "2026-11-20T09:00:00+08:00",
    }
    return algorithm.draw(**{**arguments, **overrides})
