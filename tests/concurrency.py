"""Running calls at the same moment, one thread and one database connection each, for the tests of
concurrent saves and uploads (real PostgreSQL transactions, no test transaction around them)."""

import threading

from django.db import connection, connections


def race(*calls, timeout: float = 60):
    """Run ``calls`` at the same moment, one thread each; their results as ("ok", value) or
    ("error", exception), in the order given. Fails when a call has not finished in ``timeout``
    seconds (a lock never freed?)."""
    assert connection.vendor == "postgresql", "concurrent transactions are tested on PostgreSQL"
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = ("ok", call())
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test asserts
            results[index] = ("error", exc)
        finally:
            connections.close_all()  # this thread's own connections

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a call hung (a lock never freed?)"
    return results
