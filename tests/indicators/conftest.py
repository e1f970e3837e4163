"""The records tests' editor and reviewer serve the indicators too."""

from tests.records.conftest import editor, reviewer  # noqa: F401  (fixtures)
