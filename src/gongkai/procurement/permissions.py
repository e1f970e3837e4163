"""Who may set up procurement processes: the writers of records (notices follow the records' rules)."""

from gongkai.core.models import User
from gongkai.core.permissions import Scope, register

Role = User.Role

register("procurement.process.edit", {Role.EDITOR: Scope.OWN_UNIT, Role.OFFICE: Scope.ANY})
