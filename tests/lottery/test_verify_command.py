"""`gongkai lottery verify FILE` and the standalone verifier a citizen downloads, run as they are run."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongkai.lottery import algorithm

from .draws import document

GONGKAI = str(Path(sys.executable).with_name("gongkai"))
STANDALONE = Path(algorithm.__file__)


def write(tmp_path: Path, drawn: dict, name: str = "draw.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(drawn, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def standalone(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    # A copy outside the package, run isolated (-I): no gongkai, no site-packages, no PYTHONPATH.
    script = tmp_path / "gongkai-lottery-verify.py"
    script.write_bytes(STANDALONE.read_bytes())
    return subprocess.run(
        ["python3", "-I", str(script), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        cwd=tmp_path,
    )


def gongkai(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    return subprocess.run([GONGKAI, *args], capture_output=True, text=True, env=env, check=False, timeout=120)


def test_the_standalone_verifier_imports_nothing_of_gongkai():
    source = STANDALONE.read_text(encoding="utf-8")
    assert "gongkai." not in source.replace("gongkai-lottery", "")
    assert "import django" not in source


def test_both_verifiers_accept_a_genuine_draw(tmp_path, capsys):
    path = write(tmp_path, document())
    call_command("lottery", "verify", str(path))
    assert capsys.readouterr().out.startswith(f"OK: {path} verifies")
    result = standalone(tmp_path, str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"OK: {path} verifies (gongkai-lottery-1; 30 entries, 10 winners)")


def test_both_verifiers_refuse_a_tampered_draw(tmp_path):
    drawn = document()
    drawn["result"]["winners"][0], drawn["result"]["winners"][1] = (
        drawn["result"]["winners"][1],
        drawn["result"]["winners"][0],
    )
    path = write(tmp_path, drawn)
    result = gongkai("lottery", "verify", str(path))
    assert result.returncode == 1
    assert "MISMATCH: result.winners does not match the recomputed draw" in result.stderr
    assert "FAILED" in result.stderr and not result.stdout
    result = standalone(tmp_path, str(path))
    assert result.returncode == 1
    assert "MISMATCH: result.winners does not match the recomputed draw" in result.stderr


def test_a_secret_that_was_not_the_one_committed_to_is_named(tmp_path):
    honest = document()
    other = document(secret="aa" * 32)
    other["commitment"] = honest["commitment"]  # claims the earlier commitment
    path = write(tmp_path, other)
    result = standalone(tmp_path, str(path))
    assert result.returncode == 1
    assert "the secret does not match the commitment published before the draw" in result.stderr


def test_an_unreadable_file_is_a_usage_error(tmp_path):
    missing = tmp_path / "missing.json"
    with pytest.raises(CommandError, match="cannot read") as error:
        call_command("lottery", "verify", str(missing))
    assert error.value.returncode == 2
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    result = gongkai("lottery", "verify", str(tmp_path / "bad.json"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "cannot read" in result.stderr
    assert standalone(tmp_path, str(tmp_path / "bad.json")).returncode == 2
    assert standalone(tmp_path).returncode == 2


def test_no_file_argument_is_a_usage_error():
    result = gongkai("lottery", "verify")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
