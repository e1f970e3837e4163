import os

import pytest

from gongkai.core import services
from gongkai.core.models import Unit, User
from gongkai.core.uscc import make_uscc

PASSWORD = "Correct-horse-42"


def make_unit(name: str, serial: int, kind: str = Unit.Kind.DEPARTMENT, parent: Unit | None = None) -> Unit:
    code = make_uscc(registry="1", kind="1", region="140929", body8=f"{serial:08d}")
    return services.unit_create(by=None, code=code, name=name, kind=kind, parent=parent)


@pytest.fixture
def county(db) -> Unit:
    return make_unit("测试县人民政府", 1, Unit.Kind.GOVERNMENT)


@pytest.fixture
def department(county) -> Unit:
    return make_unit("测试县财政局", 2, parent=county)


@pytest.fixture
def other_department(county) -> Unit:
    return make_unit("测试县民政局", 3, parent=county)


@pytest.fixture
def make_user(db):
    def make(role: str, unit: Unit | None, username: str | None = None) -> User:
        return services.user_create(
            username=username or f"{role}-{unit.pk if unit else 'x'}",
            password=PASSWORD,
            role=role,
            unit=unit,
            by=None,
        )

    return make


def login_verified(client, user: User) -> None:
    """Sign USER in as if they had passed two-factor sign-in."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (rate-limit counters live in the database)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _own_search_index(settings, tmp_path):
    """Each test's database starts empty, so its search index must too (the index lives on disk)."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL run leaves out what would run there exactly as in the SQLite run (decision 0040):
    tests that run `gongkai` on a SQLite file of their own, and checks of the demo county's content (the
    PostgreSQL run still loads the whole county, in the backup round trip)."""
    if not os.environ.get("GONGKAI_DATABASE_URL", "").startswith("postgres"):
        return
    same = {"sqlite_file", "demo_content"}
    left_out = [item for item in items if same & {mark.name for mark in item.iter_markers()}]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item not in left_out]


def module_demo(**options):
    """A module-scoped fixture: the demo county (`load_demo(**options)`) loaded once for the module, in
    a transaction rolled back after its last test. Each test that also asks for `db` runs in a
    savepoint inside it, so what one test changes the next never sees, as with a load per test. Each
    xdist worker that runs some of the module's tests loads it once (decision 0040)."""

    @pytest.fixture(scope="module")
    def county(django_db_setup, django_db_blocker):
        from django.db import transaction

        from gongkai.demo.loader import load_demo

        with django_db_blocker.unblock(), transaction.atomic():
            result = load_demo(**options)
            yield result
            transaction.set_rollback(True)

    return county


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    """Fail a parallel run in which a collected test left no result at all: a test that never ran
    cannot fail, so a run that silently drops some must not pass (decision 0040)."""
    dsession = session.config.pluginmanager.getplugin("dsession")
    collection = getattr(getattr(dsession, "sched", None), "collection", None)
    if not collection or exitstatus != 0:
        return
    reporter = session.config.pluginmanager.getplugin("terminalreporter")
    reported = {getattr(report, "nodeid", None) for reports in reporter.stats.values() for report in reports}
    missing = [nodeid for nodeid in collection if nodeid not in reported]
    if missing:
        reporter.write_line(
            f"FAIL: {len(missing)} collected tests left no result, e.g. {missing[:5]}", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
