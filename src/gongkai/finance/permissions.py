from gongkai.core.models import User
from gongkai.core.permissions import Scope, register

register("finance.dashboard.view", {User.Role.OFFICE: Scope.ANY, User.Role.HEAD: Scope.OWN_UNIT})
