"""Run-wide test plumbing, for serial and parallel runs alike (`bin/test` runs pytest-xdist).

- For `--dist loadgroup`: the browser tests share one group, so they run one after another on
  one worker (each starts chromium and a live server). The fuzzing tests are one group too
  (tests/fuzz/conftest.py). Every other test goes to whichever worker is free; a module-scoped
  world (the access matrix's) is then built once per worker, which costs seconds and saves minutes.
- The fuzzing summary (tests/fuzz) is made in a worker; the controller prints it at the end.

Each worker has its own test database (pytest-django adds the worker's name: test_<DB_NAME>_gw0)
and its own MEDIA_ROOT (werkbedrijf.conf.ci), and live servers listen on a free port of their own.
"""

from __future__ import annotations

import pytest

BROWSER_GROUP = "browser"
WORKER_SUMMARIES = pytest.StashKey[list[str]]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group(BROWSER_GROUP))


def pytest_configure(config):
    config.stash[WORKER_SUMMARIES] = []


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """xdist: a worker is done; keep the summary it made (see tests/fuzz/conftest.py)."""
    summary = getattr(node, "workeroutput", {}).get("fuzz_summary")
    if summary:
        node.config.stash[WORKER_SUMMARIES].append(summary)


def pytest_terminal_summary(terminalreporter, config):
    for summary in config.stash.get(WORKER_SUMMARIES, []):
        terminalreporter.write_sep("-", "schemathesis")
        terminalreporter.write_line(summary)
