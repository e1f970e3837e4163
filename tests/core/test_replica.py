"""Read-replica routing (issue #24, decision 0038): an anonymous visitor's GET of a public page reads the
replica once it has caught up with the current page-cache generation; staff, posts, private pages,
transactions, the worker and migrations use the default database."""

import itertools
import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, router, transaction
from django.test.utils import CaptureQueriesContext

from gongkai.core import pagecache, replica, services
from gongkai.core.models import Unit
from gongkai.search import backends
from gongkai.settings import databases
from tests.conftest import login_verified
from tests.publishing.factories import published

PRIMARY = "postgres://gongkai@10.0.0.1:5432/gongkai"
STANDBY = "postgres://gongkai@10.0.0.2:5432/gongkai"


# A mirror's connection sees only what the default one committed: these tests commit.
on_replica_too = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def with_replica(settings, tmp_path):
    """The router on, over the `replica` alias the test settings make (a mirror of the test database,
    as `databases()` makes it in the tests), and a generation that says where the primary was, kept in
    a shared cache of the test's own (what these tests commit must not end another test's generation)."""
    shared = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path / "shared"),
    }
    settings.CACHES = {**settings.CACHES, "shared": shared}
    settings.DATABASE_ROUTERS = [replica.ROUTER]
    replica.forget()
    pagecache.bump()
    yield connections[replica.ALIAS]
    replica.forget()


def reads(client, method: str, url: str, **kwargs) -> tuple[int, int, int]:
    """(status, queries on default, queries on the replica) of one request."""
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_default,
        CaptureQueriesContext(connections[replica.ALIAS]) as on_replica,
    ):
        response = getattr(client, method)(url, **kwargs)
    return response.status_code, len(on_default), len(on_replica)


@pytest.fixture
def county_unit() -> Unit:
    from tests.conftest import make_unit

    return make_unit("测试县人民政府", 1, Unit.Kind.GOVERNMENT)


# --- configuration -----------------------------------------------------------------------------------


def settings_say(tmp_path, **env: str) -> dict:
    """The databases and routers the settings module makes from ENV, in a fresh interpreter."""
    script = (
        "import json, gongkai.settings as s; "
        "print(json.dumps({'databases': sorted(s.DATABASES), 'routers': s.DATABASE_ROUTERS}))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    clean = {**base, "GONGKAI_TESTING": "1", "GONGKAI_DATA_DIR": str(tmp_path), **env}
    found = subprocess.run(
        [sys.executable, "-c", script], env=clean, capture_output=True, text=True, check=True
    )
    return json.loads(found.stdout)


def test_without_a_replica_url_there_is_only_the_default_database(tmp_path):
    assert set(databases("", "", data_dir=tmp_path)) == {"default"}
    assert set(databases(PRIMARY, "", data_dir=tmp_path)) == {"default"}
    assert settings_say(tmp_path) == {"databases": ["default"], "routers": []}
    assert settings_say(tmp_path, GONGKAI_DATABASE_URL=PRIMARY) == {"databases": ["default"], "routers": []}
    with_one = settings_say(tmp_path, GONGKAI_DATABASE_URL=PRIMARY, GONGKAI_REPLICA_DATABASE_URL=STANDBY)
    assert with_one == {"databases": ["default", "replica"], "routers": [replica.ROUTER]}


def test_a_replica_url_adds_the_replica_with_the_defaults_connection_options(tmp_path):
    found = databases(PRIMARY, STANDBY, data_dir=tmp_path)
    assert set(found) == {"default", "replica"}
    standby = found["replica"]
    assert (standby["HOST"], standby["CONN_MAX_AGE"], standby["CONN_HEALTH_CHECKS"]) == ("10.0.0.2", 60, True)
    assert standby["OPTIONS"]["connect_timeout"] == 2
    assert "TEST" not in standby
    assert databases(PRIMARY, STANDBY + "?connect_timeout=5", data_dir=tmp_path)["replica"]["OPTIONS"] == {
        "connect_timeout": 5
    }


def test_in_the_tests_the_replica_mirrors_the_default_database(tmp_path):
    assert databases(PRIMARY, STANDBY, data_dir=tmp_path, testing=True)["replica"]["TEST"] == {
        "MIRROR": "default"
    }


def test_a_replica_needs_postgresql_on_both_sides(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="GONGKAI_REPLICA_DATABASE_URL"):
        databases("", STANDBY, data_dir=tmp_path)
    with pytest.raises(ImproperlyConfigured):
        databases(PRIMARY, "sqlite:////tmp/copy.sqlite3", data_dir=tmp_path)


# --- the router ----------------------------------------------------------------------------------------


def test_migrations_run_on_the_default_database_only():
    rules = replica.ReplicaRouter()
    assert rules.allow_migrate("default", "core") is True
    assert rules.allow_migrate("replica", "core") is False
    assert rules.db_for_write(Unit) == "default"


@on_replica_too
def test_reads_outside_a_public_request_or_inside_a_transaction_use_the_default_database(with_replica):
    assert router.db_for_read(Unit) == "default"  # the worker, a command: no request
    with replica.primary():
        assert router.db_for_read(Unit) == "default"
    token = replica._public_read.set(True)
    try:
        assert router.db_for_read(Unit) == "replica"
        assert router.db_for_write(Unit) == "default"
        with transaction.atomic():
            assert router.db_for_read(Unit) == "default"
        with replica.primary():
            assert router.db_for_read(Unit) == "default"
    finally:
        replica._public_read.reset(token)


# --- requests ------------------------------------------------------------------------------------------


@on_replica_too
def test_an_anonymous_public_page_reads_the_replica(client, with_replica, county_unit):
    status, on_default, on_replica = reads(client, "get", f"/xxgk/units/{county_unit.code}/")
    assert status == 200
    assert on_replica > 0
    assert on_default == 0


@on_replica_too
def test_the_public_api_reads_the_replica_but_not_with_a_token(client, with_replica, county_unit, make_user):
    assert reads(client, "get", "/api/v1/units")[2] > 0
    token = services.token_create(user=make_user("office", county_unit), by=None)
    status, on_default, on_replica = reads(
        client, "get", "/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert (status, on_replica) == (200, 0)
    assert on_default > 0


@on_replica_too
def test_a_signed_in_staff_member_reads_the_default_database(client, with_replica, county_unit, make_user):
    login_verified(client, make_user("editor", county_unit))
    status, on_default, on_replica = reads(client, "get", "/staff/")
    assert (status, on_replica) == (200, 0)
    assert on_default > 0
    # A public page too: the session says so, and staff see their own changes at once.
    assert reads(client, "get", f"/xxgk/units/{county_unit.code}/")[2] == 0


@on_replica_too
def test_a_post_and_a_private_page_use_the_default_database(client, with_replica, county_unit):
    body = {
        "kind": "consult",
        "title": "供暖时间",
        "body": "今年何时供暖？",
        "name": "张三",
        "phone": "13800000000",
    }
    status, on_default, on_replica = reads(
        client, "post", "/api/v1/concerns", data=body, content_type="application/json"
    )
    assert (status, on_replica) == (201, 0)
    assert on_default > 0
    assert reads(client, "get", "/ysq/track/")[2] == 0  # an applicant's case: per person, on the primary


@on_replica_too
def test_a_replica_behind_the_generation_is_not_read(client, with_replica, county_unit, monkeypatch):
    monkeypatch.setattr(replica, "replayed", lambda position: False)
    status, on_default, on_replica = reads(client, "get", f"/xxgk/units/{county_unit.code}/")
    assert (status, on_replica) == (200, 0)
    assert on_default > 0


@on_replica_too
def test_a_visitor_who_just_posted_reads_their_write_while_the_replica_lags(
    client, with_replica, county_unit, monkeypatch
):
    """The primary's position rises with each new generation; the replica has replayed up to 1."""
    positions = itertools.count(1)
    monkeypatch.setattr(replica, "primary_position", lambda: str(next(positions)))
    replayed_up_to = [1]
    monkeypatch.setattr(replica, "replayed", lambda position: int(position) <= replayed_up_to[0])
    monkeypatch.setattr(replica, "LAGGING_SECONDS", 0.0)
    pagecache.bump()
    page = f"/xxgk/units/{county_unit.code}/"
    assert reads(client, "get", page)[2] > 0

    body = {
        "kind": "suggest",
        "title": "路灯",
        "body": "东街路灯坏了。",
        "name": "李四",
        "phone": "13900000000",
    }
    assert client.post("/api/v1/concerns", data=body, content_type="application/json").status_code == 201
    assert pagecache.generation().endswith("@2")  # the write began a generation after it committed
    assert reads(client, "get", page)[2] == 0  # the replica has not replayed the write: the primary
    replayed_up_to[0] = 2
    assert reads(client, "get", page)[2] > 0


@on_replica_too
def test_a_generation_without_a_position_keeps_reads_on_the_primary(
    client, with_replica, county_unit, monkeypatch
):
    monkeypatch.setattr(replica, "primary_position", lambda: None)  # the primary's position unreadable
    pagecache.bump()
    assert "@" not in pagecache.generation()
    assert reads(client, "get", f"/xxgk/units/{county_unit.code}/")[2] == 0


@on_replica_too
def test_the_search_index_follows_the_primary_while_hits_come_from_the_replica(
    client, with_replica, make_user, department
):
    editor, reviewer = (
        make_user("editor", department, "editor"),
        make_user("reviewer", department, "reviewer"),
    )
    published(editor, reviewer, title="关于秋季防火的通知")
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_default,
        CaptureQueriesContext(connections[replica.ALIAS]) as on_replica,
    ):
        response = client.get("/search/", {"q": "防火"})
    assert response.status_code == 200
    assert "关于秋季防火的通知" in response.content.decode()
    outbox = [q["sql"] for q in on_default if "search_searchoutbox" in q["sql"]]
    assert outbox  # the index on this machine's disk is brought up to the primary's outbox
    assert not any("search_searchoutbox" in q["sql"] for q in on_replica)
    assert on_replica  # what the page shows


@on_replica_too
def test_the_postgresql_search_engine_asks_the_replica(client, with_replica, make_user, department, settings):
    if connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
        pytest.skip("the PostgreSQL backend needs PostgreSQL")
    settings.SEARCH_BACKEND = "postgres"
    backends._backend = None
    editor, reviewer = (
        make_user("editor", department, "editor"),
        make_user("reviewer", department, "reviewer"),
    )
    published(editor, reviewer, title="关于秋季防火的通知")
    try:
        with (
            CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_default,
            CaptureQueriesContext(connections[replica.ALIAS]) as on_replica,
        ):
            response = client.get("/search/", {"q": "防火"})
    finally:
        backends._backend = None
    assert "关于秋季防火的通知" in response.content.decode()
    assert any("search_searchentry" in q["sql"] for q in on_replica)
    # The primary sees only the write the search makes (the day's query counts for hot topics).
    assert not [
        q["sql"] for q in on_default if "search_searchentry" in q["sql"] or q["sql"].startswith("SELECT")
    ]


# --- /healthz ------------------------------------------------------------------------------------------


@on_replica_too
def test_health_reports_the_replica(client, with_replica):
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["replica"] == {"status": "ok", "lag": None}  # a mirror is no standby: no lag to tell


@on_replica_too
def test_health_stays_ok_when_the_replica_fails(client, with_replica, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections[replica.ALIAS], "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["replica"] == {"status": "error", "lag": None}


@on_replica_too
def test_a_replica_that_fails_sends_public_reads_to_the_primary(
    client, with_replica, county_unit, monkeypatch
):
    def broken(position):
        raise OperationalError("connection refused")

    monkeypatch.setattr(replica, "replayed", broken)
    status, _on_default, on_replica = reads(client, "get", f"/xxgk/units/{county_unit.code}/")
    assert (status, on_replica) == (200, 0)


def test_without_a_replica_health_says_nothing_of_one(client, db):
    assert "replica" not in client.get("/healthz").json()


@on_replica_too
def test_a_replica_that_fails_under_a_request_is_answered_from_the_primary(
    with_replica, county_unit, monkeypatch
):
    """The replica went away after it was last found caught up: the visitor still gets the page (from
    the primary), and the next requests go to the primary without trying the replica again."""
    from django.test import Client

    def broken(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections[replica.ALIAS], "cursor", broken)
    client = Client(raise_request_exception=False)
    url = f"/xxgk/units/{county_unit.code}/"
    status, on_default, _on_replica = reads(client, "get", url)
    assert status == 200 and on_default > 0
    monkeypatch.setattr(
        connections[replica.ALIAS], "cursor", lambda *a, **k: pytest.fail("replica asked again")
    )
    assert reads(client, "get", url)[0] == 200
