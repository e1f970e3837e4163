"""Test settings: the real settings module with a throw-away data dir and immediate tasks."""

import copy
import os
import tempfile

os.environ.setdefault("GONGKAI_TESTING", "1")
os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-test-"))
if os.environ.get("PYTEST_XDIST_WORKER"):
    # Each xdist worker has a database of its own, so a data dir too (it would inherit the controller's):
    # otherwise two workers' job 1 share a folder (import-work/1) and their files meet.
    os.environ["GONGKAI_DATA_DIR"] = tempfile.mkdtemp(
        prefix=f"gongkai-test-{os.environ['PYTEST_XDIST_WORKER']}-"
    )

from gongkai.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; argon2 is tested on its own
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise warns about a missing root)

INSTALLED_APPS = [*INSTALLED_APPS, "tests.records.sample"]  # noqa: F405  (a record type defined by the tests)

# A read replica (decision 0038) as a mirror of the test database, for the tests that turn its router on
# (tests/core/test_replica.py); set up only when a test asks for it, unused by all others.
if REPLICA_ALIAS not in DATABASES:  # noqa: F405
    DATABASES[REPLICA_ALIAS] = {**copy.deepcopy(DATABASES["default"]), "TEST": {"MIRROR": "default"}}  # noqa: F405
