"""Production settings cannot skip the second factor, and the checks say so when someone tries."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks

from werkbedrijf.accounts import checks

SRC = Path(__file__).resolve().parents[3]


def _production_settings(**env) -> str:
    environment = {
        **os.environ,
        "SECRET_KEY": "a-long-random-production-secret-for-this-test-only",
        "PYTHONPATH": str(SRC),
        **env,
    }
    code = (
        "import werkbedrijf.conf.production as p; "
        "print(p.DEBUG, p.TWO_FACTOR_REQUIRED, p.SESSION_COOKIE_SECURE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_production_settings_require_two_factors_whatever_the_environment_says():
    assert _production_settings(DEBUG="true", TWO_FACTOR_REQUIRED="false") == "False True True"


def test_production_settings_refuse_the_development_secret_key():
    environment = {**os.environ, "PYTHONPATH": str(SRC)}
    environment.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-c", "import werkbedrijf.conf.production"],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_the_check_refuses_a_password_only_login_outside_debug(settings):
    settings.TWO_FACTOR_REQUIRED = False
    settings.DEBUG = False
    errors = checks.two_factors_required_outside_debug(None)
    assert [e.id for e in errors] == ["accounts.E001"]
    assert "accounts.E001" in [m.id for m in run_checks()]


@pytest.mark.parametrize(("required", "debug"), [(True, False), (True, True), (False, True)])
def test_the_check_is_quiet_otherwise(settings, required, debug):
    settings.TWO_FACTOR_REQUIRED = required
    settings.DEBUG = debug
    assert checks.two_factors_required_outside_debug(None) == []


def test_the_check_wants_axes_first_among_the_backends(settings):
    assert checks.axes_sees_every_login(None) == []
    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
    assert [e.id for e in checks.axes_sees_every_login(None)] == ["accounts.E002"]


def test_the_dev_settings_keep_two_factors_on():
    result = subprocess.run(
        [sys.executable, "-c", "import werkbedrijf.conf.dev as d; print(d.TWO_FACTOR_REQUIRED)"],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "True"
