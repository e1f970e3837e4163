"""A real county's first day by the command line alone (issue #24): a data directory that does not
exist yet, the site profile, the units from the 编办's list, the first staff with e-mail."""

import pytest

from gongkai.core.uscc import make_uscc

from .test_cli import run

pytestmark = pytest.mark.sqlite_file  # its own SQLite files: the same in both runs

GOV = make_uscc(registry="1", kind="1", region="140929", body8="01234567")
OFFICE = make_uscc(registry="1", kind="1", region="140929", body8="11223344")
TOWN = make_uscc(registry="1", kind="1", region="140929", body8="55667788")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("day-one") / "not" / "yet"  # created on first use
    env = {"GONGKAI_DATA_DIR": str(data_dir), "GONGKAI_DATABASE_URL": "", "GONGKAI_DEBUG": "1"}
    result = run("migrate", "--no-input", "-v0", env=env)
    assert result.returncode == 0, result.stderr
    assert (data_dir / "gongkai.sqlite3").is_file()
    return env, data_dir


def test_the_site_profile_is_set_and_shown_and_bad_values_are_named(fresh):
    env, _ = fresh
    assert "no site profile yet" in run("site", "show", env=env).stdout
    first = run("site", "set", "--site-code", "1409290001", env=env)
    assert first.returncode == 2 and "--site-name is required the first time" in first.stderr
    bad = run("site", "set", "--site-name", "某县人民政府", "--conac-url", "not a url", env=env)
    assert bad.returncode == 2 and "--conac-url: Enter a valid URL." in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    ok = run("site", "set", "--site-name", "某县人民政府", "--site-code", "1409290001", env=env)
    assert ok.returncode == 0, ok.stderr
    again = run("site", "set", "--icp-number", "晋ICP备12345678号", env=env)
    assert "site-name: 某县人民政府" in again.stdout and "icp-number: 晋ICP备12345678号" in again.stdout
    assert "site-code: 1409290001" in run("site", "show", env=env).stdout


UNITS = (
    "统一社会信用代码,名称,类别,上级单位,联系电话\n"
    f"{GOV},某县人民政府,人民政府,,0350-1234567\n"
    f"{OFFICE},某县人民政府办公室,政府办公室,某县人民政府,\n"
    f"{TOWN.lower()},某某镇人民政府,township,{GOV},\n"
)


def import_units(env, tmp_path):
    units = tmp_path / "units.csv"
    units.write_text(UNITS, encoding="utf-8")
    return run("import", "units", str(units), env=env)


def test_units_come_from_a_file_parents_first_and_again_unchanged(tmp_path_factory, tmp_path):
    data_dir = tmp_path_factory.mktemp("day-one-units")  # a database of its own: "created" is exact
    env = {"GONGKAI_DATA_DIR": str(data_dir), "GONGKAI_DATABASE_URL": "", "GONGKAI_DEBUG": "1"}
    assert run("migrate", "--no-input", "-v0", env=env).returncode == 0
    first = import_units(env, tmp_path)
    assert first.returncode == 0, first.stderr + first.stdout
    assert "3 created" in first.stdout or "created 3" in first.stdout, first.stdout
    second = import_units(env, tmp_path)
    assert second.returncode == 0 and ("3 unchanged" in second.stdout or "unchanged 3" in second.stdout)


def test_a_bad_unit_row_names_its_row_and_column_and_nothing_loads(fresh, tmp_path):
    env, _ = fresh
    assert (
        import_units(env, tmp_path).returncode == 0
    )  # the parents this file names (tests may run in any order)
    units = tmp_path / "bad.csv"
    bad_code = GOV[:-1] + ("0" if GOV[-1] != "0" else "1")
    units.write_text(
        "code,name,kind,parent\n"
        f"{make_uscc(registry='1', kind='1', region='140929', body8='99887766')},某县财政局,department,某县人民政府\n"
        f"{bad_code},某县错误局,department,\n"
        f"{make_uscc(registry='1', kind='1', region='140929', body8='99887711')},某县无名局,部门,\n"
        f"{make_uscc(registry='1', kind='1', region='140929', body8='99887722')},某县孤儿局,department,不存在的单位\n",
        encoding="utf-8",
    )
    result = run("import", "units", str(units), env=env)
    assert result.returncode != 0
    report = result.stdout + result.stderr
    assert "row 3" in report and "code" in report
    assert "row 4" in report and "unknown unit kind '部门'" in report
    assert "row 5" in report and "parent" in report
    listed = run("import", "units", str(tmp_path / "missing.csv"), env=env)
    assert listed.returncode == 2


def test_the_first_staff_have_e_mail_and_a_bad_one_is_refused(fresh, tmp_path):
    env, _ = fresh
    assert import_units(env, tmp_path).returncode == 0
    made = run("user", "create", "wang", "--role", "office", "--unit", GOV, "--email", "wang@example.gov.cn",
               stdin="Kelan-first-day-1\n", env=env)  # fmt: skip
    assert made.returncode == 0, made.stderr
    bad = run("user", "create", "li", "--role", "editor", "--unit", OFFICE, "--email", "li@",
              stdin="Kelan-first-day-1\n", env=env)  # fmt: skip
    assert bad.returncode == 2 and "--email 'li@' is not an e-mail address" in bad.stderr
