from tests.records.conftest import permits  # noqa: F401  (a record type defined by the tests)
