"""The demo's housing year: the seed's 20 items of 2015, and 广惠园's 202 flats allocated by a lottery
whose published draw.json verifies with both verifiers."""

import json
import subprocess

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.core import transparency
from gongkai.demo.housing import load_housing
from gongkai.demo.loader import load_demo
from gongkai.demo.timeline import Timeline
from gongkai.housing.models import HousingApplicant
from gongkai.lottery.models import Lottery
from gongkai.records import registry

pytestmark = pytest.mark.demo_content  # the demo county's content: the same in both runs

HOUSING_KINDS = ("expropriation-notices", "housing-projects", "housing-notices", "lotteries", "lottery-draws")


@pytest.fixture
def demo_housing(db):
    load_demo(documents=False, records=False)  # the county, its units and staff
    timeline = Timeline()
    counts = load_housing(timezone.localdate(), timeline)
    timeline.run()
    return counts


def test_the_seed_year_has_20_housing_items_and_the_202_flats_lottery_verifies(
    client, demo_housing, tmp_path
):
    items_2015 = sum(
        registry.get(slug).model.objects.filter(status="published", publish_at__year=2015).count()
        for slug in HOUSING_KINDS
    )
    assert items_2015 == 20
    lottery = Lottery.objects.get(project="广惠园廉租住房")
    assert lottery.places == 202 and len(lottery.entrants()) == 237
    path = tmp_path / "draw.json"
    path.write_bytes(client.get(f"/api/v1/lotteries/{lottery.pk}/draw.json").content)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert len(document["result"]["winners"]) == 202
    call_command("lottery", "verify", str(path))
    (tmp_path / "verify.py").write_bytes(client.get("/lotteries/gongkai-lottery-verify.py").content)
    result = subprocess.run(
        ["python3", "-I", "verify.py", "draw.json"], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert transparency.verify_local() == []
    # On the pages (one load of the demo serves both checks: it is slow)
    page = client.get(f"/lotteries/{lottery.pk}/").content.decode()
    applicant = HousingApplicant.objects.first()
    assert applicant.name not in page and "结果已公布" not in page and "<code>47219</code>" in page
    page = client.get("/lotteries/").content.decode()
    assert "待摇号" in page and "结果已公布" in page
    listing = client.get("/records/housing-applicants/").content.decode()
    assert applicant.id_number not in listing
