"""Who may run consultations: the writers of a unit draft them and moderate their comments; the office
may do so for every unit. Publication follows the one workflow's roles."""

from gongkai.core.models import User
from gongkai.core.permissions import Scope, register

Role = User.Role

register(
    "participation.consultation.edit",
    {Role.EDITOR: Scope.OWN_UNIT, Role.REVIEWER: Scope.OWN_UNIT, Role.OFFICE: Scope.ANY},
)
register("participation.consultation.review", {Role.REVIEWER: Scope.OWN_UNIT, Role.OFFICE: Scope.ANY})
