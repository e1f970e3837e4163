"""Who may do what with public concerns: the office triages every item; a unit answers its own."""

from gongkai.core.models import User
from gongkai.core.permissions import Scope, register

Role = User.Role
ANY, OWN = Scope.ANY, Scope.OWN_UNIT

register("concerns.concern.view", {Role.EDITOR: OWN, Role.REVIEWER: OWN, Role.HEAD: OWN, Role.OFFICE: ANY})
register("concerns.concern.answer", {Role.EDITOR: OWN, Role.REVIEWER: OWN, Role.HEAD: OWN, Role.OFFICE: ANY})
register("concerns.concern.triage", {Role.OFFICE: ANY})
register("concerns.hotspots.view", {Role.OFFICE: ANY})  # every unit's messages: the office only
