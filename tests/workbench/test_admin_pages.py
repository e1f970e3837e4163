"""Admin-only staff pages: audit log, holiday tables; what other roles get."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core import services
from gongkai.core.models import CalendarYear
from tests.conftest import login_verified


@pytest.fixture
def admin_client(client, county, make_user):
    login_verified(client, make_user("admin", county, "root"))
    return client


def test_audit_log_lists_and_filters_entries(admin_client, county, department):
    services.unit_update(unit=department, by=None, leader="甲")
    html = admin_client.get("/staff/audit/").content.decode()
    assert "core.unit.created" in html and "core.unit.changed" in html
    filtered = admin_client.get("/staff/audit/", {"action": "core.unit.changed"}).content.decode()
    assert "core.unit.changed" in filtered
    assert "<code>core.unit.created</code>" not in filtered
    bad = admin_client.get("/staff/audit/", {"since": "yesterday"}).content.decode()
    assert "起始日期格式应为" in bad


def test_other_roles_cannot_read_the_audit_log(client, department, make_user):
    client.force_login(make_user("reviewer", department))
    assert client.get("/staff/audit/").status_code == 403
    assert client.get("/staff/calendar/").status_code == 403


def test_calendar_upload_imports_a_year(admin_client):
    upload = SimpleUploadedFile("2027.csv", "2027-01-01,holiday,元旦\n".encode())
    response = admin_client.post("/staff/calendar/", {"file": upload, "source": "通知"})
    assert response.status_code == 302
    assert CalendarYear.objects.get(year=2027).source == "通知"
    assert "导入：通知" in admin_client.get("/staff/calendar/").content.decode()


def test_calendar_upload_errors_name_the_line_and_import_nothing(admin_client):
    upload = SimpleUploadedFile("2027.csv", "2027-01-01,holiday,元旦\n2027-01-01,holiday,元旦\n".encode())
    html = admin_client.post("/staff/calendar/", {"file": upload}).content.decode()
    assert "第2行：2027-01-01 重复出现（第一次在第1行）" in html
    assert not CalendarYear.objects.filter(year=2027).exists()
    upload = SimpleUploadedFile("2027.csv", "2027-01-01,holiday,元旦\n".encode("gbk") + b"\xff\xfe")
    assert "不是 UTF-8" in admin_client.post("/staff/calendar/", {"file": upload}).content.decode()


def test_admin_site_is_for_verified_admins_only(client, admin_client, department, make_user):
    assert admin_client.get("/admin/").status_code == 200
    client.force_login(make_user("office", department))
    assert client.get("/admin/").status_code in (302, 403)


def test_admin_site_edits_are_audited(admin_client, department):
    from gongkai.core.models import AuditEntry

    url = f"/admin/core/unit/{department.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update({"leader": "新负责人", "parent": department.parent_id})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.filter(action="core.unit.changed").latest("id")
    assert entry.data == {"fields": ["leader"], "via": "admin"}
    assert entry.actor.username == "root"


def test_the_admin_site_shows_no_ones_two_factor_secret_and_never_fails_on_a_missing_device(admin_client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get()  # the admin's own, from signing in
    for pk in (device.pk, device.pk + 1000):
        for view in ("config", "qrcode"):
            assert admin_client.get(f"/admin/otp_totp/totpdevice/{pk}/{view}/").status_code == 403
