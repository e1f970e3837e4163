"""The shape of the code that DESIGN.md promises: core depends on no app, search on no content app,
and no source file grows past ~500 lines."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "gongkai"
APPS = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
CONTENT_APPS = {"publishing", "records", "enforcement", "matters", "applications", "reports", "demo"}


def imported_apps(package: str) -> dict[str, set[str]]:
    """Return, per file of PACKAGE, the other gongkai apps it imports (absolute or relative)."""
    found: dict[str, set[str]] = {}
    for path in (SRC / package).rglob("*.py"):
        depth = len(path.relative_to(SRC).parts) - 1  # how many packages deep the module sits
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: resolve against the module's own package
                    base = list(path.relative_to(SRC).parts[:depth])[: depth - node.level + 1]
                    names.add(".".join(["gongkai", *base, node.module or ""]))
                else:
                    names.add(node.module or "")
        apps = {n.split(".")[1] for n in names if n.startswith("gongkai.") and n.count(".") >= 1}
        found[str(path.relative_to(SRC))] = apps & APPS - {package}
    return found


def test_core_imports_no_app():
    offending = {f: apps for f, apps in imported_apps("core").items() if apps}
    assert offending == {}


def test_search_imports_no_content_app():
    offending = {f: apps & CONTENT_APPS for f, apps in imported_apps("search").items() if apps & CONTENT_APPS}
    assert offending == {}


@pytest.mark.parametrize("limit", [500])
def test_no_source_file_passes_the_size_limit(limit):
    sizes = {
        str(p.relative_to(SRC)): len(p.read_text(encoding="utf-8").splitlines())
        for p in SRC.rglob("*.py")
        if "migrations" not in p.parts
    }
    assert {name: n for name, n in sizes.items() if n > limit} == {}
