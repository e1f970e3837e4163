"""`GET /healthz` for monitoring (issue #24): database, cache and the worker's heartbeat, no personal
data, never stored by a cache, never redirected to https, 503 when the database fails."""

import time

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from gongkai.core import tasks


@pytest.fixture
def production_redirect(settings):
    """The production profile behind its proxy: http is redirected to https."""
    settings.SECURE_SSL_REDIRECT = True


def test_health_says_ok_with_no_worker_seen_yet(client, db, production_redirect):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "worker": None}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_health_reports_the_workers_last_heartbeat(client, db):
    tasks.worker_heartbeat.call_local()
    time.sleep(1.1)
    age = client.get("/healthz").json()["worker"]
    assert 1 <= age <= 5


def test_health_is_503_when_the_database_fails(client, db, monkeypatch):
    def broken(self, *args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr(BaseDatabaseWrapper, "cursor", broken)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["database"] == "error"


def test_health_answers_every_minute_of_a_monitor_without_limit(client, db):
    assert {client.get("/healthz").status_code for _ in range(30)} == {200}
    assert client.post("/healthz").status_code == 405
