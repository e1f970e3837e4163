"""Optional applicant accounts: sign up, apply while signed in, add an existing case, privacy."""

from .test_views import form_data


def signup(client, email="li@example.cn", password="Long-enough-pass-9"):
    return client.post("/ysq/account/", {"email": email, "password": password, "mode": "signup"})


def test_cases_submitted_while_signed_in_are_listed(client, department):
    assert signup(client)["Location"] == "/ysq/account/"
    client.post("/ysq/apply/", form_data(client, department, description="关于某村道路的批复"))
    html = client.get("/ysq/account/").content.decode()
    assert "关于某村道路的批复" in html and "已提交，待登记" in html


def test_an_existing_case_is_added_with_its_code(client, department):
    client.post("/ysq/apply/", form_data(client, department, description="先提交后注册"))
    submitted = client.get("/ysq/submitted/").context
    signup(client)
    html = client.post(
        "/ysq/account/", {"mode": "claim", "tracking_no": submitted["tracking_no"], "code": "WRONG"}
    ).content.decode()
    assert "申请编号或查询码不正确" in html
    client.post(
        "/ysq/account/", {"mode": "claim", "tracking_no": submitted["tracking_no"], "code": submitted["code"]}
    )
    assert "先提交后注册" in client.get("/ysq/account/").content.decode()


def test_another_account_sees_nothing_and_sign_in_errors_are_clear(client, department):
    signup(client)
    client.post("/ysq/apply/", form_data(client, department, description="私人申请"))
    client.post("/ysq/account/logout/")
    signup(client, email="other@example.cn")
    assert "私人申请" not in client.get("/ysq/account/").content.decode()
    client.post("/ysq/account/logout/")
    assert "这个电子邮箱已经注册" in signup(client).content.decode()
    html = client.post(
        "/ysq/account/", {"email": "li@example.cn", "password": "wrong-password-1", "mode": "login"}
    ).content.decode()
    assert "电子邮箱或密码不正确" in html
    for _ in range(5):
        client.post(
            "/ysq/account/", {"email": "li@example.cn", "password": "wrong-password-1", "mode": "login"}
        )
    html = client.post(
        "/ysq/account/", {"email": "li@example.cn", "password": "Long-enough-pass-9", "mode": "login"}
    ).content.decode()
    assert "登录失败次数过多" in html


def test_a_public_account_is_not_a_staff_sign_in(client, department):
    signup(client)
    assert client.get("/staff/")["Location"].startswith("/staff/login/")
