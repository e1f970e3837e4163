from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from gongkai.sitecheck.inspect_site import Settings

from .fixture_site import build, build_external, serve

TODAY = timezone.localdate()  # the CLI dates its checks by the clock
FAST = Settings(budget=200, delay=0, timeout=5, max_pages=40, max_external=10, loopback_only=True)


@pytest.fixture(scope="module")
def external(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("external")
    build_external(root)
    with serve(root) as url:
        yield url


def _site(tmp_path_factory, external: str, *, planted: bool, today: date = TODAY):
    root: Path = tmp_path_factory.mktemp("planted" if planted else "clean")
    build(root, today=today, planted=planted, external=external)
    return serve(root)


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory, external) -> str:
    with _site(tmp_path_factory, external, planted=True) as url:
        yield url


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory, external) -> str:
    with _site(tmp_path_factory, external, planted=False) as url:
        yield url
