"""Tests: PostgreSQL unless DB_ENGINE says otherwise."""

import os

os.environ.setdefault("DB_ENGINE", "postgresql")
os.environ.setdefault("DB_NAME", "werkbedrijf")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# One directory per pytest-xdist worker (gw0, gw1, ...), so parallel tests never share uploads.
MEDIA_ROOT = str(
    PROJECT_DIR / "var" / "test-media" / os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
)
AXES_FAILURE_LIMIT = 5

# Whitenoise warns on every request when STATIC_ROOT is missing; tests do not collect static.
os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405

# Background jobs run in the test's own process; one test runs a real worker against Redis
# (werkbedrijf/jobs/tests/test_worker.py).
CELERY_TASK_ALWAYS_EAGER = True
