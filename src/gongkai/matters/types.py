"""The matters catalog as a record type: list, 办事指南 page, feed, API, export and import for free."""

from __future__ import annotations

from typing import Any

from gongkai.core.publishable import visible_q
from gongkai.portal.registry import register_nav
from gongkai.records import RecordType, register

from . import guide
from .models import Matter


def guide_context(matter: Matter) -> dict[str, Any]:
    """What the 办事指南 of MATTER shows beside its fields (its page and a licence granted under it)."""
    # The published 行政事业性收费 items that name this matter (the finance fee catalog links them).
    fee_items = list(matter.fee_items.filter(visible_q()).order_by("code"))  # type: ignore[attr-defined]
    return {
        "fee_items": fee_items,
        # a guide that says it charges nothing while the fee catalog says it does: shown to staff to fix
        "fee_conflict": bool(fee_items) and matter.fees.strip().startswith("不收费"),
        "forms": list(matter.forms.all()),
        "needs_guide": guide.needs_guide(matter),
        "missing": guide.missing_elements(matter),
        "materials": [line for line in matter.materials.splitlines() if line.strip()],
        "steps": [line for line in matter.procedure.splitlines() if line.strip()],
    }


MATTERS = register(
    Matter,
    RecordType(
        slug="matters", home_column=False, name="权责清单和办事指南", nav_group="办事服务",
        description="各单位的权力事项和公共服务事项：依据、条件、材料、流程、时限、收费",
        title_field="name", date_field="formed_on",
        list_columns=("name", "code", "kind", "promised_days"),
        filters=("kind",), search_fields=("name", "code", "legal_basis"), number_fields=("code",),
        import_key=("code",), official_fields=("phone",),
        detail_template="matters/detail.html", detail_context=guide_context,
        staff_extra_template="matters/staff/matter_extra.html",
    ),
)  # fmt: skip
register_nav("办件查询", "matters:case_lookup", 45, group="service")
