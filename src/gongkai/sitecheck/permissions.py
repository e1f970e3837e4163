from gongkai.core.models import User
from gongkai.core.permissions import Scope, register

register("sitecheck.site.view", {User.Role.OFFICE: Scope.ANY})
register("sitecheck.run.start", {User.Role.OFFICE: Scope.ANY})
