"""Fixtures of the API fuzzer: the world, built once per module in a transaction that is rolled
back at the end; Django's request signals set up for in-process calls on that transaction; and the
count of every request sent, printed at the end of the run."""

import traceback
from pathlib import Path

import pytest
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections, transaction

from .world import STATS, FuzzStats, build_world


@pytest.fixture(scope="session")
def fuzz_stats() -> FuzzStats:
    return STATS


def pytest_terminal_summary(terminalreporter):
    if STATS.cases:
        terminalreporter.write_sep("-", "schemathesis")
        terminalreporter.write_line(STATS.summary())


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # The last test checks that every operation was called by the others, so in a parallel run
    # (bin/test) they all run on one worker, in order.
    if not config.pluginmanager.hasplugin("xdist"):
        return
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.xdist_group("fuzz"))


def pytest_sessionfinish(session):
    # In a parallel run this is a worker, whose terminal nobody sees: its summary goes to the
    # controller, which prints it (the project's root conftest.py).
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None and STATS.cases:
        workeroutput["fuzz_summary"] = STATS.summary()


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    """The world, in a transaction that is rolled back when the module is done.

    Like Django's test client, in-process requests leave the connection open (closing it at the
    end of a request would end the transaction), and a crash's traceback is kept for the report.
    """

    def crashed(sender, request=None, **kwargs):
        STATS.crashes.append(traceback.format_exc())

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    got_request_exception.connect(crashed, weak=False)
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            got_request_exception.disconnect(crashed)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
