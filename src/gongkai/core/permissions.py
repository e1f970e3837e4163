"""One answer to "may this user do this action on this object?" — every view and endpoint asks it.

Each app registers its actions with the roles that may take them and their scope: `ANY` (any
unit) or `OWN_UNIT` (only objects of the user's own unit or the units below it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from django.db.models import QuerySet

from .models import Unit, User

Role = User.Role


class Scope(Enum):
    ANY = "any"
    OWN_UNIT = "own_unit"


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    scope: Scope


_RULES: dict[str, dict[str, Scope]] = {}


def register(action: str, scopes: dict[str, Scope]) -> None:
    """Declare which roles may take ACTION, each with its scope; admins may always."""
    if action in _RULES:
        raise ValueError(f"permission {action!r} is registered twice")
    _RULES[action] = {Role.ADMIN.value: Scope.ANY, **{str(k): v for k, v in scopes.items()}}


def registered_actions() -> list[str]:
    return sorted(_RULES)


def unit_of(obj: Any) -> Unit | None:
    if obj is None:
        return None
    if isinstance(obj, Unit):
        return obj
    unit = getattr(obj, "unit", None)
    return unit if isinstance(unit, Unit) else None


def _unit_and_ancestors(unit: Unit) -> Iterable[int]:
    seen: set[int] = set()
    current: Unit | None = unit
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        yield current.pk
        current = current.parent


def can(user: Any, action: str, obj: Any = None) -> bool:
    """Return whether USER may take ACTION (on OBJ, when the rule depends on the unit)."""
    if action not in _RULES:
        raise KeyError(f"unknown permission {action!r}")
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    scope = _RULES[action].get(user.role)
    if scope is None:
        return False
    if scope is Scope.ANY or obj is None:
        return True
    target = unit_of(obj)
    if target is None or user.unit_id is None:
        return False
    return user.unit_id in set(_unit_and_ancestors(target))


def unit_ids_for(user: User, action: str) -> frozenset[int] | None:
    """Return the ids of the units on whose objects USER may take ACTION; None when any unit."""
    if not can(user, action):
        return frozenset()
    if _RULES[action].get(user.role) is Scope.ANY:
        return None
    return frozenset(units_visible_to(user, action).values_list("pk", flat=True))


def units_visible_to(user: User, action: str) -> QuerySet[Unit]:
    """Return the queryset of units on whose objects USER may take ACTION."""
    scope = _RULES.get(action, {}).get(user.role)
    if scope is None:
        return Unit.objects.none()
    if scope is Scope.ANY:
        return Unit.objects.all()
    if user.unit_id is None:
        return Unit.objects.none()
    ids: set[int] = {user.unit_id}
    frontier = set(ids)
    while frontier:
        frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return Unit.objects.filter(pk__in=ids)


ANY, OWN = Scope.ANY, Scope.OWN_UNIT
register("core.audit.view", {})
register("core.calendar.change", {})
register("core.user.manage", {})
register("core.site.change", {})
register("core.unit.create", {Role.OFFICE: ANY})
register("core.unit.change", {Role.OFFICE: ANY, Role.HEAD: OWN})
register("core.imports.view_all", {Role.OFFICE: ANY})  # every staff member's import jobs, not only one's own
register("core.workbench.use", {r: ANY for r in Role if r != Role.ADMIN})
