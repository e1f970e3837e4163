from gongkai.core.models import User
from gongkai.core.permissions import Scope, register

Role = User.Role
ANY, OWN = Scope.ANY, Scope.OWN_UNIT

register("matters.case.view", {Role.EDITOR: OWN, Role.REVIEWER: OWN, Role.HEAD: OWN, Role.OFFICE: ANY})
register("matters.form.upload", {Role.EDITOR: OWN, Role.OFFICE: ANY})
# Loading the service center's export of cases from the staff desk: a unit's writers for its matters.
register("matters.case.import", {Role.EDITOR: OWN, Role.OFFICE: ANY})
