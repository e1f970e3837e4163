"""办事指南 completeness (LAW.md §6: a guide missing elements fails the website census)."""

from __future__ import annotations

from typing import Any

from .models import Matter

GUIDE_ELEMENTS = (
    ("legal_basis", "设定依据"),
    ("conditions", "受理条件"),
    ("materials", "申请材料"),
    ("procedure", "办理流程"),
    ("statutory_days", "法定办结时限"),
    ("promised_days", "承诺办结时限"),
    ("fees", "收费标准及依据"),
    ("place", "办理地点"),
    ("hours", "办理时间"),
    ("phone", "咨询电话"),
)
# Matters the public does not apply for need no 办事指南.
NO_GUIDE = {Matter.Kind.PENALTY, Matter.Kind.COERCION, Matter.Kind.INSPECTION}


def needs_guide(matter: Any) -> bool:
    return matter.kind not in NO_GUIDE


def missing_elements(matter: Any) -> list[str]:
    """Return the labels of the guide elements MATTER lacks (empty when complete or not needed)."""
    if not needs_guide(matter):
        return []
    return [label for name, label in GUIDE_ELEMENTS if getattr(matter, name) in (None, "")]


def completeness(matter: Any) -> str:
    if not needs_guide(matter):
        return "无需办事指南"
    missing = missing_elements(matter)
    return "要素齐全" if not missing else f"缺{len(missing)}项：{'、'.join(missing)}"
