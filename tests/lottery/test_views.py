"""The public lottery pages, draw.json and the verifier download, and the API, as the public uses them."""

import json
import subprocess

import pytest

from gongkai.core import workflow
from gongkai.lottery import services
from tests.conftest import login_verified


def test_the_announcement_shows_the_masked_list_and_the_commitment_before_the_draw(client, announced):
    page = client.get("/lotteries/").content.decode()
    assert announced.title in page and "待摇号" in page
    page = client.get(f"/lotteries/{announced.pk}/").content.decode()
    assert announced.commitment in page and announced.inputs_sha256() in page
    assert "王*国" in page and "王建国" not in page
    assert announced.secret() not in page
    assert client.get(f"/lotteries/{announced.pk}/draw.json").status_code == 404
    assert client.get(f"/api/v1/lotteries/{announced.pk}/draw.json").status_code == 404


def test_a_drawn_but_unpublished_result_stays_hidden(client, announced, staff):
    draw = services.lottery_draw(lottery=announced, public_value="38271", witness="王某", by=staff[0])
    workflow.submit(draw, by=staff[0])
    workflow.approve(draw, by=staff[1])
    page = client.get(f"/lotteries/{announced.pk}/").content.decode()
    # (the digits alone may turn up in the page's QR code)
    assert announced.secret() not in page and "<code>38271</code>" not in page and 'id="draw-h"' not in page
    assert client.get(f"/lotteries/{announced.pk}/draw.json").status_code == 404
    body = client.get(f"/api/v1/lotteries/{announced.pk}/draw.json").json()
    assert body["error"]["code"] == "not_found"
    assert client.get("/api/v1/lotteries").json()["results"][0]["status"] == "announced"


def test_the_published_result_shows_the_secret_the_order_and_the_file(client, drawn):
    page = client.get(f"/lotteries/{drawn.lottery.pk}/").content.decode()
    assert drawn.secret in page and "<code>38271</code>" in page and "县公证处公证员 王某" in page
    assert "结果已公布" in client.get("/lotteries/").content.decode()
    file = client.get(f"/lotteries/{drawn.lottery.pk}/draw.json")
    assert json.loads(file.content) == client.get(f"/api/v1/lotteries/{drawn.lottery.pk}/draw.json").json()
    assert json.loads(file.content)["result"] == drawn.document["result"]


def test_the_downloaded_file_verifies_with_the_downloaded_verifier(client, drawn, tmp_path):
    (tmp_path / "verify.py").write_bytes(client.get("/lotteries/gongkai-lottery-verify.py").content)
    (tmp_path / "draw.json").write_bytes(client.get(f"/lotteries/{drawn.lottery.pk}/draw.json").content)
    result = subprocess.run(
        ["python3", "-I", "verify.py", "draw.json"], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: draw.json verifies")


@pytest.mark.parametrize("state", ["draft", "submitted", "approved", "withdrawn"])
def test_a_lottery_not_public_is_absent_everywhere(client, announced, staff, state):
    from gongkai.lottery.models import Lottery

    lottery = Lottery.objects.get(pk=announced.pk)
    if state == "withdrawn":
        workflow.withdraw(lottery, by=staff[1], reason="依法撤回")
    else:
        Lottery.objects.filter(pk=lottery.pk).update(status=state, publish_at=None)
    assert announced.title not in client.get("/lotteries/").content.decode()
    assert client.get(f"/lotteries/{lottery.pk}/").status_code == 404
    assert client.get("/api/v1/lotteries").json()["count"] == 0


def test_the_api_lists_lotteries_paged_with_their_file(client, drawn):
    body = client.get("/api/v1/lotteries").json()
    assert set(body) == {"count", "next", "results"} and body["count"] == 1
    row = body["results"][0]
    assert row["status"] == "drawn" and row["commitment"] == drawn.lottery.commitment
    assert row["draw_json"].endswith(f"/api/v1/lotteries/{drawn.lottery.pk}/draw.json")
    assert row["url"].endswith(f"/lotteries/{drawn.lottery.pk}/") and row["entries"] == 12


def test_staff_enter_the_public_value_on_the_lottery_page(client, announced, staff):
    login_verified(client, staff[0])
    page = client.get(announced.get_staff_url()).content.decode()
    assert "录入并摇号" in page
    response = client.post(f"/staff/lotteries/{announced.pk}/draw/", {"public_value": "", "witness": "王某"})
    assert response.status_code == 302
    assert "请填写公开随机数" in client.get(announced.get_staff_url()).content.decode()
    response = client.post(
        f"/staff/lotteries/{announced.pk}/draw/", {"public_value": "5521", "witness": "王某"}
    )
    assert response.status_code == 302 and "/staff/records/lottery-draws/" in response["Location"]
