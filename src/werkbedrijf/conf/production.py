"""Production: PostgreSQL, secure cookies, HSTS; two factors can never be switched off here."""

import os

os.environ.setdefault("DB_ENGINE", "postgresql")

from .base import *  # noqa: E402,F403

DEBUG = False
TWO_FACTOR_REQUIRED = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = PRODUCTION_SSL_REDIRECT  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if SECRET_KEY.startswith("dev-only"):  # noqa: F405
    raise RuntimeError("Set SECRET_KEY for production.")
