from gongkai.core.models import User
from gongkai.core.permissions import Scope, register

register(
    "reports.annual.view",
    {User.Role.OFFICE: Scope.ANY, User.Role.HEAD: Scope.OWN_UNIT, User.Role.REVIEWER: Scope.OWN_UNIT},
)
register("reports.timeliness.view", {User.Role.OFFICE: Scope.ANY})
