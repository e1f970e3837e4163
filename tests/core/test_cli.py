"""The `gongkai` command line as operators' scripts use it: output, exit codes, one-line errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.demo.county import county_units

GONGKAI = str(Path(sys.executable).with_name("gongkai"))

pytestmark = pytest.mark.sqlite_file  # its own SQLite files: the same in both runs


def run(
    *args: str, stdin: str = "", env: dict | None = None, timeout: int = 60
) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings", **(env or {})}
    return subprocess.run(
        [GONGKAI, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("cli")
    env = {"GONGKAI_DATA_DIR": str(data_dir), "GONGKAI_DATABASE_URL": ""}
    assert run("migrate", "--no-input", "-v0", env=env).returncode == 0
    return env


def test_due_date_json_has_the_contract_shape(migrated_sqlite):
    result = run("due-date", "2026-09-25", "20", "--json", env=migrated_sqlite)
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert set(body) == {"start", "days", "due_date", "provisional", "skipped"}
    assert body["due_date"] == "2026-10-29"
    assert body["provisional"] is False
    assert {"date": "2026-10-01", "name": "国庆节"} in body["skipped"]


def test_due_date_plain_prints_the_date_and_warns_when_provisional(migrated_sqlite):
    result = run("due-date", "2026-12-15", "20", env=migrated_sqlite)
    assert result.returncode == 0
    assert result.stdout.strip() == "2027-01-13"  # 元旦 is a statutory holiday before 2027 is imported
    assert "provisional" in result.stderr and "2027" in result.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["due-date", "2026-02-30", "20"], "START '2026-02-30' is not a date"),
        (["due-date", "2026-02-03", "twenty"], "DAYS 'twenty' is not a whole number"),
        (["due-date", "2026-02-03", "-1"], "DAYS must be between 0 and 3650"),
        (["due-date", "2026-02-03"], "the following arguments are required: days"),
        (["user", "create", "x", "--role", "boss"], "unknown role 'boss'"),
        (["token", "create", "nobody"], "no active user 'nobody'"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(migrated_sqlite, args, needle):
    result = run(*args, env=migrated_sqlite)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert needle in lines[0]


def test_user_and_token_create(tmp_path_factory, tmp_path):
    from tests.demo_site import demo_county, demo_output

    assert "units: 45" in demo_output(tmp_path_factory)
    migrated_sqlite = demo_county(tmp_path_factory, tmp_path / "site")
    code = next(u["code"] for u in county_units() if u["name"] == "岢岚县财政局")
    created = run(
        "user",
        "create",
        "cz_reviewer",
        "--role",
        "reviewer",
        "--unit",
        code,
        stdin="Long-enough-pass-9\n",
        env=migrated_sqlite,
    )
    assert created.returncode == 0, created.stderr
    weak = run(
        "user", "create", "weak", "--role", "editor", "--unit", code, stdin="123\n", env=migrated_sqlite
    )
    assert weak.returncode == 2 and "too weak" in weak.stderr
    token = run("token", "create", "cz_reviewer", env=migrated_sqlite)
    assert token.returncode == 0
    assert token.stdout.strip().startswith("gk_") and len(token.stdout.strip().splitlines()) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "days"), [("2026-09-25", "20"), ("2025-01-24", "5"), ("2026-12-15", "20")])
def test_cli_and_api_agree(migrated_sqlite, client, start, days):
    cli = run("due-date", start, days, "--json", env=migrated_sqlite)
    assert (
        json.loads(cli.stdout)
        == client.get("/api/v1/calendar/due-date", {"start": start, "days": days}).json()
    )


@pytest.mark.parametrize("value", ["0", "two"])
def test_a_bad_number_setting_stops_the_start_naming_the_variable(migrated_sqlite, value):
    result = run("check", env={**migrated_sqlite, "GONGKAI_SEARCH_SHARDS": value})
    assert result.returncode != 0
    assert f"GONGKAI_SEARCH_SHARDS must be a whole number of at least 1, not {value!r}" in result.stderr


def _keyless(tmp_path) -> dict:
    """An operator's shell on a machine with no keys and no database: nothing from the test run leaks in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "GONGKAI_DATA_DIR": str(tmp_path / "nothing-here"),
    }


def test_help_and_due_date_need_no_secret_key_and_no_database(tmp_path):
    env = _keyless(tmp_path)
    listing = subprocess.run(
        [GONGKAI, "help"], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    assert listing.returncode == 0, listing.stderr
    assert "due_date" in listing.stdout and "not properly configured" not in listing.stdout + listing.stderr
    due = subprocess.run(
        [GONGKAI, "due-date", "2026-01-05", "20"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert (due.returncode, due.stdout.strip()) == (0, "2026-02-02"), due.stderr
    assert not (tmp_path / "nothing-here" / "secret_key").exists()  # no key was generated or stored


def test_a_command_on_an_unmigrated_database_says_so_in_one_line(tmp_path):
    env = {**_keyless(tmp_path), "GONGKAI_DEMO": "1"}
    result = subprocess.run(
        [GONGKAI, "transparency", "verify"], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "gongkai migrate" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_command_that_needs_the_secret_still_refuses_without_it(tmp_path):
    result = subprocess.run(
        [GONGKAI, "migrate"], capture_output=True, text=True, env=_keyless(tmp_path), check=False, timeout=60
    )
    assert result.returncode != 0 and "GONGKAI_SECRET_KEY" in result.stderr


def test_the_demo_is_refused_outside_demo_mode_and_forced_only_into_an_empty_database(tmp_path):
    """Its staff logins share a published password (issue #23 item 16)."""
    env = {
        "GONGKAI_DATA_DIR": str(tmp_path), "GONGKAI_DATABASE_URL": "", "GONGKAI_TESTING": "", "GONGKAI_DEMO": "",
        "GONGKAI_DEBUG": "", "GONGKAI_SECRET_KEY": "k" * 50, "GONGKAI_ENCRYPTION_KEY": "Qk" * 22,
    }  # fmt: skip
    assert run("migrate", "--no-input", "-v0", env=env).returncode == 0
    refused = run("demo", env=env)
    assert refused.returncode == 2 and "refusing to load the demo county outside demo mode" in refused.stderr
    code = county_units()[0]["code"]
    script = f"from gongkai.core.models import Unit; Unit.objects.create(name='县', short_name='县', code='{code}', kind='government')"
    assert run("shell", "-c", script, env=env).returncode == 0
    forced = run("demo", "--force", env=env)
    assert forced.returncode == 2 and "the database already holds units" in forced.stderr
