"""Every error a visitor can meet is a portal page in Chinese with a way on: no English Django page."""

from unittest import mock

import pytest
from django.test import Client

from gongkai.core.models import User


def assert_portal_page(response, status: int, heading: str) -> None:
    html = response.content.decode()
    assert response.status_code == status
    assert '<html lang="zh-CN"' in html and f">{heading}</h1>" in html
    assert 'role="search"' in html and 'href="/">返回首页</a>' in html
    for english in ("Not Found", "Forbidden", "Bad Request", "Server Error", "CSRF verification failed"):
        assert english not in html


@pytest.mark.django_db
def test_a_missing_page_anywhere_is_the_portal_404(client):
    for url in (
        "/no-such-page/",
        "/xxgk/doc/NO-SUCH/2026-00001/",
        "/staff/no-such/",
    ):
        response = client.get(url)
        if response.status_code == 302:  # staff URLs ask for a login first
            continue
        assert_portal_page(response, 404, "页面不存在")
    assert 'class="site-nav"' in client.get("/no-such-page/").content.decode()  # the site's own header
    api = client.get("/api/v1/no-such-endpoint/x")  # under the API, the API's error shape (CONTRACT)
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"


def test_a_page_beyond_the_role_is_the_portal_403(client, department, make_user):
    client.force_login(make_user(User.Role.EDITOR, department, "err-editor"))
    assert_portal_page(client.get("/staff/documents/categories/"), 403, "无权访问")


@pytest.mark.django_db
def test_a_request_for_another_host_is_the_portal_400(client):
    assert_portal_page(client.get("/", HTTP_HOST="evil.example"), 400, "请求有误")


@pytest.mark.django_db
def test_a_form_without_its_token_is_explained_in_chinese():
    strict = Client(enforce_csrf_checks=True)
    assert_portal_page(strict.post("/ysq/apply/", {"name": "x"}), 403, "表单已失效")


@pytest.mark.django_db
def test_a_crash_is_the_portal_500_without_the_database(client):
    client.raise_request_exception = False
    with mock.patch("gongkai.portal.views.unit_list", side_effect=RuntimeError("the database is down")):
        response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="zh-CN">' in html and "服务暂时不可用" in html and 'role="search"' in html
