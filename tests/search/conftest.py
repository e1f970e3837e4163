import pytest
from django.db import connection

from gongkai.search import backends
from tests.records.conftest import editor, reviewer  # noqa: F401  (shared fixtures)

BACKENDS = ["embedded", "postgres"]


@pytest.fixture(params=BACKENDS)
def engine(request, settings):
    """Each test that takes it runs on the embedded engine and, on PostgreSQL, on the database's."""
    if request.param == "postgres" and connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL backend needs PostgreSQL")
    backends._backend = None
    settings.SEARCH_BACKEND = request.param
    yield request.param
    backends._backend = None
