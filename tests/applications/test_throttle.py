"""Look-ups of an application by number and query code, and submissions, are limited in the database
(shared by every server process, kept across restarts) and keyed on the client (issue #23 item 7)."""

import pytest
from django.core.cache import cache

from gongkai.applications import services
from gongkai.core import ratelimit
from gongkai.core.models import RateCounter
from tests.applications.conftest import ID

pytestmark = pytest.mark.django_db


def test_case_look_ups_are_throttled_per_case_and_per_client_in_the_database(client, new_case):
    application = new_case()
    _, code = services.application_submit(
        unit=application.unit, applicant_type="natural", name="李四", id_type="resident_id", id_number=ID,
        phone="13812345678", description="某道路改造的招标文件", form="email", email="ls@example.cn",
    )  # fmt: skip
    other = type(application).objects.exclude(pk=application.pk).get()
    number = other.tracking_no
    for n in range(ratelimit.LOOKUP_FAILURES_PER_CASE):  # guesses at one case from many addresses
        bad = client.get(f"/api/v1/applications/{number}", {"code": "WRONG"}, REMOTE_ADDR=f"198.51.100.{n}")
        assert bad.status_code == 404
    cache.clear()  # a restart (or another worker) does not forget the count
    blocked = client.get(f"/api/v1/applications/{number}", {"code": code}, REMOTE_ADDR="198.51.100.99")
    assert blocked.status_code == 429 and blocked.json()["error"]["code"] == "rate_limited"
    page = client.post("/ysq/track/", {"tracking_no": number, "code": code})
    assert page.status_code == 429 and "次数过多" in page.text
    # Per client: one address failing across many case numbers is stopped too, whatever it asks next.
    for n in range(ratelimit.LOOKUP_FAILURES_PER_CLIENT):
        client.post(
            "/ysq/track/", {"tracking_no": f"YSQ2099{n:06d}", "code": "WRONG"}, REMOTE_ADDR="192.0.2.1"
        )
    assert (
        client.post(
            "/ysq/track/", {"tracking_no": application.tracking_no, "code": "X"}, REMOTE_ADDR="192.0.2.1"
        ).status_code
        == 429
    )
    # Another client, the other case: still answered.
    assert (
        client.get(
            f"/api/v1/applications/{application.tracking_no}", {"code": "X"}, REMOTE_ADDR="192.0.2.2"
        ).status_code
        == 404
    )
    # What was counted is stored as keyed digests: no address and no case number in the table.
    keys = " ".join(RateCounter.objects.values_list("key", flat=True))
    assert "192.0.2.1" not in keys and number not in keys and keys.count("lookup-") >= 3


def test_a_submission_over_the_limit_does_not_echo_the_address(client, department):
    body = {
        "unit": department.code, "applicant_type": "natural", "name": "王五", "id_type": "resident_id",
        "id_number": ID, "phone": "13812345678", "description": "某文件", "form": "email", "email": "ww@example.cn",
    }  # fmt: skip
    answers = [
        client.post("/api/v1/applications", body, content_type="application/json", REMOTE_ADDR="192.0.2.77")
        for _ in range(6)
    ]
    limited = answers[-1]
    assert limited.status_code == 429 and "192.0.2.77" not in limited.text
    assert ratelimit.count("apply-client", "192.0.2.77") == 6


def test_a_wrong_encryption_key_is_one_line_and_503_not_a_crash(client, new_case, handler, settings):
    """After a restore under another key, a case page cannot decrypt the identity number: it says so
    (503, one line) instead of a 500, and the API answers in its error shape (issue #23 item 12)."""
    from gongkai.core import crypto

    case = new_case()
    client.force_login(handler)
    assert client.get(f"/staff/applications/{case.tracking_no}/").status_code == 200
    settings.ENCRYPTION_KEY = "another-key-" + "y" * 40
    assert not crypto.key_matches()
    page = client.get(f"/staff/applications/{case.tracking_no}/")
    assert page.status_code == 503 and "加密密钥" in page.text and len(page.text.splitlines()) == 1
