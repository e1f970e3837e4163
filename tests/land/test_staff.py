"""Staff choose the villages of a draft project on its page; the form offers its township's villages."""

from gongkai.land.models import Acquisition
from tests.conftest import login_verified

from .factories import draft


def test_an_editor_sets_the_villages_of_a_draft_on_its_staff_page(client, department, staff, places):
    editor, _reviewer = staff
    acquisition = draft(department, editor, places, "ZD-A", [])
    login_verified(client, editor)
    page = client.get(acquisition.get_staff_url()).content.decode()
    assert "涉及的村" in page and "西关村" in page and "宋家沟村" not in page  # its township's villages only
    url = f"/staff/land/acquisitions/{acquisition.pk}/villages/"
    west, east = places["岚漪镇/西关村"], places["岚漪镇/东关村"]
    response = client.post(url, {"villages": [west.code, east.code]}, follow=True)
    assert "涉及的村已保存" in response.content.decode()
    assert sorted(v.name for v in Acquisition.objects.get(pk=acquisition.pk).villages.all()) == [
        "东关村",
        "西关村",
    ]
    stray = places["宋家沟乡/东沟村"]
    response = client.post(url, {"villages": [stray.code]}, follow=True)
    assert "“东沟村”不是岚漪镇的村" in response.content.decode()
    assert Acquisition.objects.get(pk=acquisition.pk).villages.count() == 2


def test_someone_who_may_not_edit_cannot_set_villages(client, department, staff, places):
    editor, reviewer = staff
    acquisition = draft(department, editor, places, "ZD-A", ["东关村"])
    login_verified(client, reviewer)
    response = client.post(f"/staff/land/acquisitions/{acquisition.pk}/villages/", {"villages": []})
    assert response.status_code == 403
    assert Acquisition.objects.get(pk=acquisition.pk).villages.count() == 1
