"""CPU time per API read in one process, without HTTP: the request through Django's WSGI handler
(every middleware, DRF, the view, the JSON) and the time its PostgreSQL backend spent, per request.
On a shared machine this moves less with the load than requests per second do.

    BENCH_DB_NAME=wb_h12_bench .venv/bin/python bench/api_cpu.py [--requests 300] [--profile]

Uses the database and the API account of bench/api_reads.py (run that once first, or it prepares
them here), the settings of bench/load/load_settings.py (DEBUG off), and the same three reads:
the trivial 404 problem, the candidate list (first page of 50) and one candidate. Each is warmed
with 30 requests, then timed; --profile prints a cProfile of each (by process time) as well.
The trivial read logs a "Not Found" warning per request to stderr, as it does in gunicorn.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time

import _django
import api_reads
import load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    load.setup_django()
    from django.db import connection

    application, token, candidate = api_reads.in_process()

    def call(path: str) -> str:
        return api_reads.wsgi_get(application, path, token)

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    print(f"database {_django.DB_NAME}, {args.requests} requests each")
    print()
    print("| read | worker CPU ms/req | PostgreSQL CPU ms/req | load 1 min |")
    print("|---|---:|---:|---:|")
    for name, path, expected in (
        ("trivial (404 problem)", "/api/v1/bench-unknown", "404"),
        ("list GET /candidates", "/api/v1/candidates", "200"),
        ("detail GET /candidates/{uuid}", f"/api/v1/candidates/{candidate}", "200"),
    ):
        for _ in range(30):
            status = call(path)
        if not status.startswith(expected):
            raise SystemExit(f"{name} answered {status}")
        database = api_reads.cpu_seconds([backend])
        started = time.process_time()
        for _ in range(args.requests):
            call(path)
        worker_ms = (time.process_time() - started) * 1000 / args.requests
        database_ms = (api_reads.cpu_seconds([backend]) - database) * 1000 / args.requests
        print(f"| {name} | {worker_ms:.2f} | {database_ms:.2f} | {os.getloadavg()[0]:.1f} |")
        if args.profile:
            profile = cProfile.Profile(time.process_time)
            profile.enable()
            for _ in range(args.requests):
                call(path)
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
