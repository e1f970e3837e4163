from gongkai.core.models import User
from gongkai.core.permissions import Scope, register

register("search.dictionary.manage", {User.Role.OFFICE: Scope.ANY})
