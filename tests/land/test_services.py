"""The rules of places and of a project's villages, and the order of publication."""

from datetime import date

import pytest
from django.core.management import call_command

from gongkai.core import workflow
from gongkai.land.errors import LandError
from gongkai.land.models import Place
from gongkai.land.services import acquisition_set_villages
from gongkai.records.errors import RecordError

from .factories import draft, notice, publish, published


def test_a_project_goes_public_only_with_villages_of_its_township(department, staff, places):
    editor, reviewer = staff
    bare = draft(department, editor, places, "ZD-A", [])
    workflow.submit(bare, by=editor)
    workflow.approve(bare, by=reviewer)
    with pytest.raises(RecordError, match="涉及的村"):
        workflow.publish(bare, by=reviewer)
    other = draft(department, editor, places, "ZD-B", [])
    with pytest.raises(LandError, match="不是岚漪镇的村"):
        acquisition_set_villages(acquisition=other, by=editor, villages=[places["宋家沟乡/东沟村"]])


def test_the_villages_of_a_published_project_cannot_be_changed_in_place(department, staff, places):
    editor, _reviewer = staff
    acquisition = published(department, staff, places, "ZD-A", ["东关村"])
    with pytest.raises(LandError, match="只有草稿"):
        acquisition_set_villages(acquisition=acquisition, by=editor, villages=[places["岚漪镇/西关村"]])
    assert [v.name for v in acquisition.villages.all()] == ["东关村"]


def test_an_approved_project_needs_its_approval(department, staff, places):
    editor, _ = staff
    with pytest.raises(RecordError, match="批准文号"):
        draft(department, editor, places, "ZD-A", ["东关村"], approval_no="", approved_on=None)
    planned = draft(department, editor, places, "ZD-B", ["东关村"], approval_no="", authority="", approved_on=None,
                    stage="planned")  # fmt: skip
    assert planned.area_mu == 15.75


def test_a_notice_waits_for_its_project(department, staff, places):
    editor, reviewer = staff
    acquisition = draft(department, editor, places, "ZD-A", ["东关村"])
    start = notice(acquisition, editor, "start", date(2026, 3, 2))
    workflow.submit(start, by=editor)
    workflow.approve(start, by=reviewer)
    with pytest.raises(RecordError, match="须先发布征地项目"):
        workflow.publish(start, by=reviewer)
    publish(acquisition, editor, reviewer)
    assert workflow.publish(start, by=reviewer).status == "published"


def test_places_import_from_a_file_townships_then_villages_and_again_changes_nothing(db, tmp_path, capsys):
    path = tmp_path / "places.csv"
    path.write_text(
        "区划代码,名称,类别,所属乡镇\n140929100,岚漪镇,乡镇,\n140929100201,东关村,村,岚漪镇\n140929100202,西关村,村,140929100\n",
        encoding="utf-8",
    )
    call_command("import", "places", str(path))
    assert "places: 3 created, 0 unchanged, 0 failed, 3 rows" in capsys.readouterr().out
    call_command("import", "places", str(path))
    assert "places: 0 created, 3 unchanged" in capsys.readouterr().out
    assert [p.full_name for p in Place.objects.filter(kind="village")] == ["岚漪镇东关村", "岚漪镇西关村"]
    path.write_text("区划代码,名称,类别,所属乡镇\n140929100203,南关村,村,火星乡\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", "places", str(path))
    assert exit_info.value.code != 0
    assert "row 2" in capsys.readouterr().err and not Place.objects.filter(name="南关村").exists()


def test_a_notice_names_its_project_only_while_the_project_is_public(client, department, staff, places):
    editor, reviewer = staff
    acquisition = publish(
        draft(department, editor, places, "ZD-W", ["东关村"], title="城西片区建设用地"), editor, reviewer
    )
    start = publish(notice(acquisition, editor, "start", date(2026, 3, 2)), editor, reviewer)
    assert "城西片区建设用地" in client.get(start.get_absolute_url()).content.decode()
    workflow.withdraw(acquisition, by=reviewer, reason="批复撤销")
    page = client.get(start.get_absolute_url()).content.decode()
    assert "本公告属于征地项目" not in page and acquisition.get_absolute_url() not in page
