"""`gongkai import documents FILE`: CSV, XLSX and JSON Lines; errors by row; all or nothing."""

import json
from datetime import date

import pytest
from django.core.management import call_command

from gongkai.core import transparency
from gongkai.publishing import queries
from gongkai.publishing.models import Document

HEADER = "index_no,title,unit,published_at,doc_number,category,genre,validity,body\n"


def csv_file(tmp_path, department, rows):
    path = tmp_path / "catalog.csv"
    path.write_text(HEADER + "".join(r.format(unit=department.code) for r in rows), encoding="utf-8-sig")
    return path


GOOD = [
    "OLD/2014-00001,关于印发工作要点的通知,{unit},2014-03-01,岢财发〔2014〕1号,other,通知,有效,<p>要点</p>\n",
    "OLD/2014-00002,关于废止若干文件的决定,{unit},2014-06-01 09:30,岢财发[2014]5号,normative,decision,已废止,<p>废止</p>\n",
]


def test_imports_published_documents_logged_and_public(tmp_path, department, capsys):
    call_command("import", "documents", str(csv_file(tmp_path, department, GOOD)))
    out = capsys.readouterr()
    assert "documents: 2 created, 0 unchanged, 0 failed, 2 rows" in out.out
    assert "2/2" in out.err  # progress bar
    second = Document.objects.get(index_no="OLD/2014-00002")
    assert second.genre == "decision" and second.validity == "repealed"
    assert queries.public_view("OLD/2014-00001").state == "public"
    assert transparency.verify_local() == []


def test_is_idempotent_on_the_index_number(tmp_path, department, capsys):
    path = csv_file(tmp_path, department, GOOD)
    call_command("import", "documents", str(path))
    call_command("import", "documents", str(path))
    assert "0 created, 2 unchanged" in capsys.readouterr().out
    assert Document.objects.count() == 2


def test_a_bad_row_imports_nothing_and_names_row_and_field(tmp_path, department, capsys):
    rows = [
        *GOOD,
        "OLD/2014-00003,坏行,NO-SUCH-UNIT,2014-07-01,,other,,,\n",
        "OLD/2014-00004,坏日期,{unit},2014-13-01,,other,,,\n",
    ]
    with pytest.raises(SystemExit) as caught:
        call_command("import", "documents", str(csv_file(tmp_path, department, rows)))
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "row 4: unit: no unit with code or name 'NO-SUCH-UNIT'" in err
    assert "row 5: published_at:" in err
    assert "nothing imported" in err
    assert not Document.objects.exists()


def test_partial_loads_the_good_rows(tmp_path, department, capsys):
    rows = [*GOOD, "OLD/2014-00003,坏行,NO-SUCH-UNIT,2014-07-01,,other,,,\n"]
    with pytest.raises(SystemExit) as caught:
        call_command("import", "documents", str(csv_file(tmp_path, department, rows)), "--partial")
    assert caught.value.code == 1
    assert Document.objects.count() == 2


def test_personal_data_is_refused(tmp_path, department, capsys):
    rows = ["OLD/2014-00009,名单,{unit},2014-03-01,,other,,,身份证142629198507071233\n"]
    with pytest.raises(SystemExit):
        call_command("import", "documents", str(csv_file(tmp_path, department, rows)))
    assert "row 2: body: 含有个人信息（居民身份证号码）" in capsys.readouterr().err


def test_xlsx_and_jsonl(tmp_path, department, capsys):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["index_no", "title", "unit", "published_at"])
    book.active.append(["X/2015-00001", "表格导入", department.name, "2015-01-05"])
    book.save(tmp_path / "c.xlsx")
    call_command("import", "documents", str(tmp_path / "c.xlsx"))
    lines = [
        {
            "index_no": "J/2015-00001",
            "title": "行导入",
            "unit": department.code,
            "published_at": "2015-02-01T08:00:00",
        }
    ]
    (tmp_path / "c.jsonl").write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8"
    )
    call_command("import", "documents", str(tmp_path / "c.jsonl"))
    assert set(Document.objects.values_list("index_no", flat=True)) == {"X/2015-00001", "J/2015-00001"}


def test_generated_numbers_skip_imported_ones(tmp_path, department, editor):
    from .factories import draft

    row = f"{department.code}/2026-00001,已导入,{{unit}},2026-01-05,,other,,,\n"
    call_command("import", "documents", str(csv_file(tmp_path, department, [row])))
    assert draft(editor, written_on=date(2026, 2, 1)).index_no == f"{department.code}/2026-00002"


def test_missing_columns_and_unknown_kinds_are_usage_errors(tmp_path, department):
    from django.core.management.base import CommandError

    path = tmp_path / "x.csv"
    path.write_text("title\n无索引号\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing column"):
        call_command("import", "documents", str(path))
    with pytest.raises(CommandError, match=r"unknown kind 'lighthouses'; kinds: .*penalties"):
        call_command("import", "lighthouses", str(path))
