import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.core import permissions
from gongkai.core.permissions import Scope


def test_admin_may_do_everything(county, make_user):
    admin = make_user("admin", None, "root")
    assert all(permissions.can(admin, action, county) for action in permissions.registered_actions())


def test_roles_only_get_what_is_registered_for_them(department, make_user):
    editor = make_user("editor", department)
    office = make_user("office", department)
    assert not permissions.can(editor, "core.audit.view")
    assert not permissions.can(office, "core.calendar.change")
    assert permissions.can(office, "core.unit.change", department)


def test_own_unit_scope_covers_the_unit_and_those_below(county, department, other_department, make_user):
    permissions.register("tests.thing.edit", {"editor": Scope.OWN_UNIT})
    try:
        head_of_county = make_user("editor", county)
        finance_editor = make_user("editor", department)
        assert permissions.can(finance_editor, "tests.thing.edit", department)
        assert not permissions.can(finance_editor, "tests.thing.edit", other_department)
        assert permissions.can(head_of_county, "tests.thing.edit", other_department)
        visible = set(permissions.units_visible_to(head_of_county, "tests.thing.edit"))
        assert visible == {county, department, other_department}
        assert set(permissions.units_visible_to(finance_editor, "tests.thing.edit")) == {department}
    finally:
        permissions._RULES.pop("tests.thing.edit")


def test_anonymous_and_inactive_users_may_do_nothing(department, make_user):
    user = make_user("office", department)
    user.is_active = False
    assert not permissions.can(user, "core.unit.change", department)
    assert not permissions.can(AnonymousUser(), "core.unit.change", department)


def test_unknown_actions_are_a_programming_error(department, make_user):
    with pytest.raises(KeyError):
        permissions.can(make_user("office", department), "core.nothing.here")
