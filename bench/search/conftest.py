"""The test suite's fixtures (units, staff, a search index of the test's own) for the engine checks."""

from tests.conftest import _fresh_cache, _own_search_index, county, department, make_user  # noqa: F401
from tests.records.conftest import editor, reviewer  # noqa: F401
from tests.search.conftest import engine  # noqa: F401
