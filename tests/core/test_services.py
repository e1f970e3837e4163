import hashlib

import pytest
from django.core.exceptions import ValidationError

from gongkai.core import services
from gongkai.core.errors import CoreError
from gongkai.core.models import ApiToken, AuditEntry, Unit, User


@pytest.mark.django_db
def test_unit_with_a_wrong_check_character_is_refused_and_nothing_is_saved():
    with pytest.raises(ValidationError) as caught:
        services.unit_create(by=None, code="91350100M000100Y44", name="错误单位", kind=Unit.Kind.DEPARTMENT)
    assert "code" in caught.value.message_dict
    assert "校验位" in caught.value.message_dict["code"][0]
    assert not Unit.objects.exists()
    assert not AuditEntry.objects.exists()


def test_unit_create_writes_an_audit_entry(county):
    entry = AuditEntry.objects.get(action="core.unit.created")
    assert entry.object_id == str(county.pk)
    assert entry.data["name"] == "测试县人民政府"


def test_unit_update_records_changed_fields(county, make_user):
    admin = make_user("admin", None, "root")
    services.unit_update(unit=county, by=admin, leader="王某", office_phone="0350-1234567")
    entry = AuditEntry.objects.get(action="core.unit.changed")
    assert entry.actor == admin
    assert entry.data["fields"] == {"leader": "王某", "office_phone": "0350-1234567"}


def test_unknown_role_is_refused(county):
    with pytest.raises(CoreError) as caught:
        services.user_create(username="x", password="Long-enough-pass-9", role="boss", unit=county, by=None)
    assert caught.value.code == "unknown_role"
    assert not User.objects.filter(username="x").exists()


def test_staff_other_than_admin_need_a_unit(db):
    with pytest.raises(CoreError) as caught:
        services.user_create(username="e", password="Long-enough-pass-9", role="editor", unit=None, by=None)
    assert caught.value.code == "unit_required"


def test_tokens_are_stored_hashed_and_resolve_to_their_user(department, make_user):
    user = make_user("editor", department)
    raw = services.token_create(user=user, by=None)
    stored = ApiToken.objects.get(user=user)
    assert raw not in stored.digest
    assert stored.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert services.token_user(raw) == user
    assert services.token_user(raw + "x") is None
    user.is_active = False
    user.save()
    assert services.token_user(raw) is None


def test_audit_log_is_append_only(county):
    entry = AuditEntry.objects.first()
    entry.action = "core.unit.hidden"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.update(action="x.y.z")
    assert AuditEntry.objects.get(pk=entry.pk).action == "core.unit.created"


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(settings, county):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = services.user_create(
        username="a2", password="Long-enough-pass-9", role="editor", unit=county, by=None
    )
    assert user.password.startswith("argon2")
