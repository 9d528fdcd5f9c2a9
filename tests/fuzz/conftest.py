"""Fixtures of the API fuzzer: the world, built once per module in a transaction that is rolled
back at the end; Django's request signals set up for in-process calls on that transaction; and the
count of every request sent, printed at the end of the run."""

import traceback

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
