"""Who may do what with applications (see core.permissions)."""

from gongkai.core.models import User
from gongkai.core.permissions import Scope, register

Role = User.Role
ANY, OWN = Scope.ANY, Scope.OWN_UNIT

register("applications.case.view", {Role.EDITOR: OWN, Role.REVIEWER: OWN, Role.HEAD: OWN, Role.OFFICE: ANY})
register("applications.case.handle", {Role.EDITOR: OWN, Role.REVIEWER: OWN, Role.HEAD: OWN, Role.OFFICE: ANY})
register("applications.case.extend", {Role.HEAD: OWN, Role.OFFICE: ANY})
register("applications.case.transfer", {Role.OFFICE: ANY})
