import json

import pytest

from gongkai.cli import main
from gongkai.sitecheck.models import Expression

from .fixture_site import FORBIDDEN


@pytest.fixture(autouse=True)
def _fast(settings, db):
    settings.SITECHECK_DELAY_MS = 0
    Expression.objects.create(text=FORBIDDEN)


def gongkai(*args: str) -> int:
    try:
        main(["gongkai", *args])
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_json_of_the_planted_site_has_the_contract_shape_and_exit_code_1(planted_site, capsys):
    code = gongkai("sitecheck", planted_site, "--json")
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert code == 1
    assert list(data) == ["url", "passed", "veto", "findings", "score"]
    assert data["url"] == planted_site and data["passed"] is False
    assert all(list(v) == ["indicator", "detail"] for v in data["veto"])
    assert all(list(f) == ["indicator", "detail", "page"] for f in data["findings"])
    assert [v["indicator"] for v in data["veto"]] == ["serious_error"]
    assert sorted(f["indicator"] for f in data["findings"]) == [
        "basic_info",
        "broken_link",
        "broken_link",
        "column_update",
        "column_update",
        "publication_date",
        "serious_error",
        "serious_error",
    ]
    assert isinstance(data["score"], int) and data["score"] < 100
    assert "pages and links" in err  # progress goes to stderr


def test_the_clean_site_passes_with_exit_code_0(clean_site, capsys):
    assert gongkai("sitecheck", clean_site, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {"url": clean_site, "passed": True, "veto": [], "findings": [], "score": 100}


def test_the_readable_report_names_the_verdict_and_the_pages(planted_site, capsys):
    assert gongkai("sitecheck", planted_site) == 1
    out = capsys.readouterr().out
    assert "Result: FAILED" in out
    assert "Veto indicators failed:" in out
    assert f"on {planted_site}news/a1.html" in out


@pytest.mark.parametrize("args", [("sitecheck",), ("sitecheck", "ftp://example"), ("sitecheck", "not a url")])
def test_bad_arguments_give_one_line_and_exit_code_2(args, capsys):
    assert gongkai(*args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
