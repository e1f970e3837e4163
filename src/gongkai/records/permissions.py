"""Who may do what with records of every type (the roles of documents; see core.permissions)."""

from gongkai.core.models import User
from gongkai.core.permissions import Scope, register

Role = User.Role
ANY, OWN = Scope.ANY, Scope.OWN_UNIT
WRITERS = {Role.EDITOR: OWN, Role.OFFICE: ANY}
REVIEWERS = {Role.REVIEWER: OWN, Role.HEAD: OWN, Role.OFFICE: ANY}

register("records.record.view", {Role.EDITOR: OWN, Role.REVIEWER: OWN, Role.HEAD: OWN, Role.OFFICE: ANY})
register("records.record.edit", WRITERS)
register("records.record.review", REVIEWERS)
register("records.record.export", {Role.REVIEWER: OWN, Role.HEAD: OWN, Role.OFFICE: ANY})
