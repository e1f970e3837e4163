"""Who keeps the place-name table: the office (any) and the editors of the unit that owns land work."""

from gongkai.core.models import User
from gongkai.core.permissions import Scope, register

Role = User.Role

register("land.place.edit", {Role.EDITOR: Scope.ANY, Role.OFFICE: Scope.ANY})
