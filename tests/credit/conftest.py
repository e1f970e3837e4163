from tests.records.conftest import editor, reviewer  # noqa: F401  (shared fixtures)
