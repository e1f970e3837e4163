"""Changes to the place-name table and to the villages of a draft 征地 project (its other fields and its
review go through the records framework and the one workflow)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from gongkai.core import audit, errors, workflow
from gongkai.core.models import Unit, User
from gongkai.records import services as records

from .errors import LandError
from .models import Acquisition, Place


@transaction.atomic
def place_save(
    *, by: User | None, code: str, name: str, kind: str, parent: Place | None = None
) -> tuple[Place, bool]:
    """Create the place numbered CODE, or rename / move it; return it and whether it was created."""
    place = Place.objects.select_for_update().filter(code=code).first()
    created = place is None
    if place is None:
        place = Place(code=code)
    elif (place.name, place.kind, place.parent_id) == (name, kind, parent.pk if parent else None):
        return place, False
    place.name, place.kind, place.parent = name.strip(), kind, parent
    errors.full_clean(place, LandError)
    place.save()
    audit.record(
        place, f"land.place.{'created' if created else 'changed'}", by=by, data={"code": code, "name": name}
    )
    return place, created


def _check_villages(acquisition: Acquisition, villages: list[Place]) -> None:
    for village in villages:
        if village.kind != Place.Kind.VILLAGE or village.parent_id != acquisition.township_id:
            raise LandError(
                f"“{village.name}”不是{acquisition.township.name}的村。",
                code="not_in_township",
                field="villages",
            )


@transaction.atomic
def acquisition_create(
    *, by: User | None, unit: Unit, data: dict[str, Any], villages: Iterable[Place]
) -> Acquisition:
    """Draft a project with the villages it touches (an import or the demo; staff add villages on its page)."""
    from .types import ACQUISITIONS

    acquisition: Acquisition = records.record_create(ACQUISITIONS, by=by, unit=unit, data=data)
    chosen = list(villages)
    _check_villages(acquisition, chosen)
    acquisition.villages.set(chosen)
    return acquisition


@transaction.atomic
def acquisition_set_villages(*, acquisition: Acquisition, by: User, villages: Iterable[Place]) -> Acquisition:
    """Set the villages a draft project touches; each must be a village of the project's township."""
    acquisition = workflow.lock(acquisition)
    if not acquisition.can_edit():
        raise LandError(
            f"只有草稿可以修改涉及的村；已发布的项目涉及的村有误的，请撤回后重新发布。当前状态：{acquisition.get_shown_display()}。",
            code="bad_state",
            field="villages",
        )
    chosen = list(villages)
    _check_villages(acquisition, chosen)
    workflow.edited(acquisition, by=by)
    acquisition.save(update_fields=["last_edited_by", "updated_at"])
    acquisition.villages.set(chosen)
    workflow.changed(acquisition, "changed", by=by, fields=["villages"])
    return acquisition
