"""Staff sign-in: passwords, lockout, two-factor for admin and office, idle expiry."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD


def login(client, username, password=PASSWORD, token=""):
    return client.post("/staff/login/", {"username": username, "password": password, "otp_token": token})


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_editor_signs_in_with_password_only(client, department, make_user):
    make_user("editor", department, "ed")
    response = login(client, "ed")
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert "工作台" in client.get("/staff/").content.decode()


def test_wrong_password_says_so_in_chinese(client, department, make_user):
    make_user("editor", department, "ed")
    html = login(client, "ed", "wrong-password").content.decode()
    assert "用户名或密码不正确" in html


def test_repeated_failures_lock_the_account(client, department, make_user, settings):
    make_user("editor", department, "ed")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "ed", "wrong-password")
    response = login(client, "ed")
    assert response.status_code == 403
    assert "账号已暂时锁定" in response.content.decode()


def test_office_must_enrol_an_authenticator_before_anything_else(client, department, make_user):
    make_user("office", department, "gkb")
    assert login(client, "gkb").status_code == 302
    assert client.get("/staff/")["Location"] == "/staff/otp/setup/"
    page = client.get("/staff/otp/setup/").content.decode()
    assert "绑定验证器" in page and page.count("<svg") == 1  # the authenticator's code, not the page's own
    assert "扫一扫在手机打开当前页面" not in page
    device = TOTPDevice.objects.get(user__username="gkb", confirmed=False)
    bad = client.post(
        "/staff/otp/setup/", {"token": "000000" if current_code(device) != "000000" else "111111"}
    )
    assert "动态验证码不正确" in bad.content.decode()
    good = client.post("/staff/otp/setup/", {"token": current_code(device)})
    assert good["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_enrolled_user_needs_the_code_to_sign_in(client, department, make_user):
    user = make_user("office", department, "gkb")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    html = login(client, "gkb").content.decode()
    assert "请填写动态验证码" in html
    html = login(client, "gkb", token="12345x").content.decode()
    assert "动态验证码不正确" in html
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a failure
    assert login(client, "gkb", token=current_code(device))["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_sessions_expire_after_30_idle_minutes_and_each_request_renews_them(client, department, make_user):
    make_user("editor", department, "ed")
    login(client, "ed")
    response = client.get("/staff/")
    assert response.cookies["sessionid"]["max-age"] == 1800


def test_staff_pages_need_sign_in(client, db):
    assert client.get("/staff/")["Location"].startswith("/staff/login/")


def test_logout_is_post_only(client, department, make_user):
    make_user("editor", department, "ed")
    login(client, "ed")
    assert client.get("/staff/logout/").status_code == 405
    client.post("/staff/logout/")
    assert client.get("/staff/").status_code == 302


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_login_never_redirects_off_site(client, department, make_user, target):
    make_user("editor", department, "ed")
    response = client.post("/staff/login/", {"username": "ed", "password": PASSWORD, "next": target})
    assert response["Location"] == "/staff/"
