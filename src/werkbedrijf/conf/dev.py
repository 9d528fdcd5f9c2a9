"""Local development and the embedded demo (SQLite by default)."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

from .base import *  # noqa: E402,F403
