"""Who may do what with documents (see core.permissions)."""

from gongkai.core.models import User
from gongkai.core.permissions import Scope, register

Role = User.Role
ANY, OWN = Scope.ANY, Scope.OWN_UNIT
WRITERS = {Role.EDITOR: OWN, Role.OFFICE: ANY}
REVIEWERS = {Role.REVIEWER: OWN, Role.HEAD: OWN, Role.OFFICE: ANY}

register("publishing.document.view", {Role.EDITOR: OWN, Role.REVIEWER: OWN, Role.HEAD: OWN, Role.OFFICE: ANY})
register("publishing.document.create", WRITERS)
register("publishing.document.edit", WRITERS)
register("publishing.document.submit", WRITERS)
register("publishing.document.review", REVIEWERS)
register("publishing.document.publish", REVIEWERS)
register("publishing.document.withdraw", REVIEWERS)
register("publishing.document.amend", REVIEWERS)
register("publishing.catalog.manage", {Role.OFFICE: ANY})
