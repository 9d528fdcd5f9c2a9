"""A gunicorn worker imports the URLconf and its views when it starts (werkbedrijf.wsgi), so that
no user waits for them on the worker's first request."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import sys
import werkbedrijf.wsgi as wsgi
views = [m for m in ("werkbedrijf.candidates.views", "werkbedrijf.agreements.views",
                     "werkbedrijf.start.views", "werkbedrijf.api.urls") if m in sys.modules]
print(len(views), wsgi.warm_up())
"""


def test_a_worker_imports_the_views_when_it_starts_not_on_its_first_request():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "werkbedrijf.conf.ci",
        "DB_ENGINE": "sqlite",
        "DB_NAME": ":memory:",
        "PYTHONPATH": str(ROOT / "src"),
    }
    found = subprocess.run(
        [sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, check=True
    )
    imported, views = found.stdout.split()
    assert imported == "4"  # before any request
    assert int(views) > 100
