"""The demo's land information: the seed's 40 items of 2015, a village in several projects, coherent places
and companies, and loading twice adds nothing."""

import pytest

from gongkai.core.publishable import visible_q
from gongkai.demo.companies import COMPANIES
from gongkai.demo.loader import load_demo
from gongkai.land.models import Acquisition, LandNotice, LandTransfer, MiningRight, Place

pytestmark = pytest.mark.demo_content  # the demo county's content: the same in both runs


@pytest.mark.django_db
def test_the_demo_holds_the_seeds_40_land_items_of_2015_and_recent_projects(client):
    load_demo(documents=False)
    items = [
        m.objects.filter(visible_q(), publish_at__year=2015)
        for m in (Acquisition, LandNotice, LandTransfer, MiningRight)
    ]
    assert sum(q.count() for q in items) == 40
    assert all(q.exists() for q in items)
    assert Acquisition.objects.filter(started_on__year__gte=2025).count() >= 3
    for acquisition in Acquisition.objects.prefetch_related("villages"):
        assert acquisition.villages.exists()
        assert all(v.parent_id == acquisition.township_id for v in acquisition.villages.all())
        assert acquisition.index_no.split("/")[1].startswith(str(acquisition.started_on.year))
    east = Place.objects.get(name="东关村")
    body = client.get("/api/v1/land/acquisitions", {"village": east.code}).json()
    assert body["count"] == 3 and {r["approved_on"][:4] if r["approved_on"] else None for r in body["results"]} == {
        "2015", "2026", None,
    }  # fmt: skip
    winners = set(LandTransfer.objects.exclude(winner="").values_list("winner", "winner_uscc"))
    winners |= set(MiningRight.objects.exclude(winner="").values_list("winner", "winner_uscc"))
    assert winners and winners <= set(COMPANIES)
    before = (Place.objects.count(), Acquisition.objects.count(), LandNotice.objects.count())
    load_demo(documents=False)
    assert (Place.objects.count(), Acquisition.objects.count(), LandNotice.objects.count()) == before
