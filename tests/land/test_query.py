"""The 征地信息查询 (portal page and API): everything touching a village and nothing else, public only."""

from datetime import date

from gongkai.core import workflow

from .factories import draft, notice, publish, published

KEYS = {"id", "title", "approval_no", "approved_by", "approved_on", "township", "villages", "area_mu", "purpose",
        "status", "url"}  # fmt: skip


def _api(client, **params):
    return client.get("/api/v1/land/acquisitions", params)


def _codes(client, **params):
    response = _api(client, **params)
    assert response.status_code == 200, response.content
    return {r["title"].removesuffix("号城镇建设用地") for r in response.json()["results"]}


def _found(client, q):
    return " ".join(
        r["title"] + r["snippet"] for r in client.get("/api/v1/search", {"q": q}).json()["results"]
    )


def _page(client, **params):
    response = client.get("/zdxx/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_village_finds_exactly_the_public_projects_touching_it(client, department, staff, places):
    editor, reviewer = staff
    published(department, staff, places, "ZD-A", ["东关村", "西关村"])
    published(department, staff, places, "ZD-B", ["东关村"])
    published(department, staff, places, "ZD-C", ["南关村"])
    published(department, staff, places, "ZD-D", ["宋家沟村", "东沟村"], township="宋家沟乡")
    draft(department, editor, places, "ZD-DRAFT", ["东关村"])
    gone = published(department, staff, places, "ZD-GONE", ["东关村"])
    workflow.withdraw(gone, by=reviewer, reason="批复被撤销")
    east = places["岚漪镇/东关村"]

    assert _codes(client, village="东关村") == {"ZD-A", "ZD-B"}
    assert _codes(client, village=east.code) == {"ZD-A", "ZD-B"}
    assert _codes(client, village="西关村") == {"ZD-A"}
    assert _codes(client, township="岚漪镇") == {"ZD-A", "ZD-B", "ZD-C"}
    assert _codes(client, township="宋家沟乡", village="东沟村") == {"ZD-D"}
    assert _codes(client, township="水峪贯乡", village="东沟村") == set()  # the other 东沟村
    assert _codes(client) == {"ZD-A", "ZD-B", "ZD-C", "ZD-D"}

    page = _page(client, township=places["岚漪镇"].code, village=east.code)
    for code in ("ZD-A", "ZD-B"):
        assert f"{code}号城镇建设用地" in page
    for code in ("ZD-C", "ZD-D", "ZD-DRAFT", "ZD-GONE"):
        assert f"{code}号城镇建设用地" not in page
    assert "涉及岚漪镇东关村的征地项目共 2 个" in page
    for shown in ("晋政地字〔2026〕38号", "山西省人民政府", "东关村、西关村", "共 15.75 亩", "耕地 12.50 亩", "32300 元/亩",
                  "青苗补偿费", "货币安置", "纳入城乡居民基本养老保险", "已批准"):  # fmt: skip
        assert shown in page, shown


def test_a_project_or_approval_number_finds_the_project(client, department, staff, places):
    published(department, staff, places, "ZD-A", ["东关村"])
    published(department, staff, places, "ZD-B", ["西关村"], approval_no="晋政地字〔2026〕99号")
    assert _codes(client, q="ZD-A") == {"ZD-A"}
    assert _codes(client, q="〔2026〕99号") == {"ZD-B"}
    assert "ZD-B号城镇建设用地" in _page(client, q="〔2026〕99号")
    assert "ZD-A号城镇建设用地" not in _page(client, q="〔2026〕99号")


def test_the_api_answers_in_the_contract_shape(client, department, staff, places):
    acquisition = published(department, staff, places, "ZD-A", ["西关村", "东关村"])
    for n in range(3):
        published(department, staff, places, f"ZD-{n}", ["南关村"], started_on=date(2025, 1, 1 + n))
    body = _api(client, village="东关村").json()
    assert set(body) == {"count", "next", "results"} and body["count"] == 1 and body["next"] is None
    (row,) = body["results"]
    assert set(row) == KEYS
    assert row == {
        "id": acquisition.index_no, "title": "ZD-A号城镇建设用地", "approval_no": "晋政地字〔2026〕38号",
        "approved_by": "山西省人民政府", "approved_on": "2026-05-06", "township": "岚漪镇",
        "villages": ["东关村", "西关村"], "area_mu": 15.75, "purpose": "城镇住宅建设", "status": "approved",
        "url": f"http://testserver{acquisition.get_absolute_url()}",
    }  # fmt: skip
    assert client.get(acquisition.get_absolute_url()).status_code == 200
    first = _api(client, township="岚漪镇", page_size=2).json()
    assert first["count"] == 4 and len(first["results"]) == 2 and "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 2
    assert {r["id"] for r in first["results"]}.isdisjoint(r["id"] for r in second["results"])


def test_an_unknown_or_ambiguous_place_is_422_naming_it(client, places):
    for params, field, text in (
        ({"village": "火星村"}, "village", "没有名为“火星村”的村"),
        ({"township": "火星乡"}, "township", "没有名为“火星乡”的乡镇"),
        ({"township": "岚漪镇", "village": "宋家沟村"}, "village", "岚漪镇没有名为“宋家沟村”的村"),
        ({"village": "东沟村"}, "village", "有多个名为“东沟村”的村"),
    ):
        response = _api(client, **params)
        assert response.status_code == 422, params
        error = response.json()["error"]
        assert set(error) == {"code", "message", "fields"} and text in error["fields"][field], params
        page = client.get("/zdxx/", params)
        assert page.status_code == 422 and text in page.content.decode()


def test_unpublished_and_withdrawn_projects_reach_no_public_channel(client, department, staff, places):
    editor, reviewer = staff
    waiting = draft(department, editor, places, "ZD-WAIT", ["东关村"], title="东关村学校扩建用地")
    workflow.submit(waiting, by=editor)
    gone = published(department, staff, places, "ZD-GONE", ["东关村"], title="东关村物流园用地")
    workflow.withdraw(gone, by=reviewer, reason="批复被撤销")
    live = published(department, staff, places, "ZD-LIVE", ["东关村"], title="东关村公园用地")
    for title in ("东关村学校扩建用地", "东关村物流园用地"):
        assert title not in _page(client, village="东关村")
        assert title not in _api(client, village="东关村").content.decode()
        assert title not in _found(client, title)
        assert title not in client.get("/records/land-acquisitions/").content.decode()
        assert title not in client.get("/api/v1/records/land-acquisitions").content.decode()
    assert "东关村公园用地" in _found(client, "东关村公园用地")
    assert client.get(waiting.get_absolute_url()).status_code == 404
    assert client.get(gone.get_absolute_url()).status_code in (404, 410)
    assert "东关村物流园用地" not in client.get(gone.get_absolute_url()).content.decode()
    assert client.get(live.get_absolute_url()).status_code == 200


def test_the_project_page_shows_its_public_notices_in_order(client, department, staff, places):
    editor, reviewer = staff
    acquisition = published(department, staff, places, "ZD-A", ["东关村"])
    for kind, day in (
        ("implement", date(2026, 5, 18)),
        ("start", date(2026, 3, 2)),
        ("hearing", date(2026, 3, 26)),
    ):
        publish(notice(acquisition, editor, kind, day), editor, reviewer)
    notice(acquisition, editor, "plan", date(2026, 6, 8), title="尚在起草的补偿安置方案")
    page = client.get(acquisition.get_absolute_url()).content.decode()
    positions = [page.index(label) for label in ("征地启动公告：", "听证记录：", "批后实施公告：")]
    assert positions == sorted(positions)
    assert "尚在起草的补偿安置方案" not in page
    assert "东关村" in page and "共 15.75 亩" in page


def test_the_project_is_found_by_its_village_in_the_site_search(client, department, staff, places):
    acquisition = published(department, staff, places, "ZD-A", ["西关村"], groups="")
    body = client.get("/api/v1/search", {"q": "西关村"}).json()
    assert acquisition.get_absolute_url() in {
        r["url"].removeprefix("http://testserver") for r in body["results"]
    }
