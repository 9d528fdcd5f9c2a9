"""Share the fixtures of src/werkbedrijf/conftest.py with the top-level tests."""

from werkbedrijf.conftest import *  # noqa: F403
