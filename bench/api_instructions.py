"""Instructions per API read in the worker, counted by valgrind: unlike CPU time, the count does
not move with the load of a shared machine, so a change of a few per cent shows.

    BENCH_DB_NAME=wb_h12_bench PYTHONHASHSEED=0 valgrind --tool=callgrind \
        --collect-atstart=no --toggle-collect=accumulate_next \
        --callgrind-out-file=var/list.callgrind \
        .venv/bin/python bench/api_instructions.py [--requests 100] [--path /api/v1/candidates]
    grep -E '^(summary|totals):' var/list.callgrind   # instructions; divide by --requests

Uses the database, account and token of bench/api_reads.py, as bench/api_cpu.py does, and the
same request through Django's WSGI handler. The read is warmed with 30 requests; then only the
timed requests are counted: they run inside itertools.accumulate, whose C function
(accumulate_next) callgrind's --toggle-collect switches counting on and off around, and
which nothing else in a request calls. About two minutes for 100 list requests.
"""

from __future__ import annotations

import argparse
import itertools

import _django
import api_reads
import load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--path", default="/api/v1/candidates")
    args = parser.parse_args()
    load.setup_django()
    application, token, _candidate = api_reads.in_process()

    def call(*_ignored) -> str:
        return api_reads.wsgi_get(application, args.path, token)

    for _ in range(30):
        status = call()
    if not status.startswith("200"):
        raise SystemExit(f"{args.path} answered {status}")
    # Counted: only what runs inside accumulate_next (callgrind --toggle-collect).
    for _ in itertools.accumulate(range(args.requests + 1), call):
        pass
    print(f"database {_django.DB_NAME}: {args.requests} requests of {args.path} counted")


if __name__ == "__main__":
    main()
