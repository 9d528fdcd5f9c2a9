"""Settings of the application under load: the CI settings made as close to production as plain
HTTP on 127.0.0.1 allows.

Production's own settings cannot be used over plain HTTP (secure cookies are never sent back, and
every request would be redirected to HTTPS), so this starts from werkbedrijf.conf.ci and takes from
production what costs time: the password hasher (PBKDF2, not the tests' MD5) and the compressed,
hashed static files served by whitenoise. DEBUG stays off.
"""

import os
from pathlib import Path

from django.conf import global_settings

from werkbedrijf.conf.ci import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
STATIC_ROOT = os.environ.get(
    "LOAD_STATIC_ROOT",
    str(Path(PROJECT_DIR) / "var" / "load" / "static"),  # noqa: F405
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
