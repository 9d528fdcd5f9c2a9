"""PostgreSQL's CPU time for the candidate list's one statement, by part: the page alone, the
page with its processing-log entry, and the whole statement (entry and processed objects), with
the WAL each writes. The backend's own CPU from /proc, the minimum over several rounds (the
figure that least depends on what else the machine runs).

    BENCH_DB_NAME=wb_h12_bench .venv/bin/python bench/list_statement.py [--rounds 8] [--batch 300]

Uses the database and API account of bench/api_reads.py (it prepares them when missing). The
statement is the one ``selectors.caseload_json`` sends for the account's first page of 50, taken
from a real call; the parts are that statement with the log's common table expressions left
out. Each run of a writing variant gets a fresh entry UUID. Every run writes the log as the
API does (the rows stay: this is a benchmark database).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import uuid

import _django
import api_reads
import load


def _without(sql: str, name: str) -> str:
    """``sql`` without the common table expression ``name AS (...)`` (and its comma)."""
    start = sql.index(f"{name} AS (")
    depth = 0
    for i in range(start + len(name) + 4, len(sql)):
        depth += {"(": 1, ")": -1}.get(sql[i], 0)
        if depth == 0:
            return sql[:start].rstrip().rstrip(",") + " " + sql[i + 1 :].lstrip(", ")
    raise ValueError(name)


def _statement() -> tuple[str, list, int]:
    """The list's statement and values for the benchmark account, and where its entry's UUID is."""
    from werkbedrijf.accounts.models import User
    from werkbedrijf.accounts.selectors import signed_in_user
    from werkbedrijf.candidates import selectors
    from werkbedrijf.utils import prepared

    captured = []
    real = prepared.prepared_cursor

    @contextlib.contextmanager
    def capturing():
        with real() as cursor:
            execute = cursor.execute

            def record(sql, params=None):
                captured.append((sql, list(params or ())))
                return execute(sql, params)

            cursor.execute = record
            yield cursor

    selectors.prepared_cursor = capturing
    try:
        user = signed_in_user(User.objects.get(username=api_reads.USERNAME).pk)
        selectors.caseload_json(user, selectors.Filters(), channel="api")
    finally:
        selectors.prepared_cursor = real
    sql, params = captured[-1]
    # The entry's UUID is the value just before its time (processing_log's field order).
    at = next(
        i
        for i in range(len(params) - 1)
        if isinstance(params[i], uuid.UUID) and isinstance(params[i + 1], datetime.datetime)
    )
    return sql, params, at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--batch", type=int, default=300)
    args = parser.parse_args()
    load.setup_django()
    import psycopg

    api_reads.prepare(10_000)
    sql, params, at = _statement()
    page_sql = _without(_without(_without(sql, "log_objects"), "log_entry"), "shown")
    page_params = params[: page_sql.count("%s")]

    def fresh() -> list:
        values = list(params)
        values[at] = uuid.uuid4()
        return values

    variants = [
        ("the page alone", page_sql, lambda: page_params),
        ("page + log entry", _without(sql, "log_objects"), fresh),
        ("page + entry + processed objects", sql, fresh),
    ]
    connection = psycopg.connect(
        dbname=_django.DB_NAME, host="127.0.0.1", user="postgres", autocommit=True
    )
    backend = connection.execute("SELECT pg_backend_pid()").fetchone()[0]

    def wal() -> int:
        return int(connection.execute("SELECT pg_current_wal_insert_lsn() - '0/0'").fetchone()[0])

    best = {name: float("inf") for name, _sql, _values in variants}
    written = dict.fromkeys(best, 0.0)
    for _name, statement, values in variants:  # warm: plans, caches, hint bits
        for _ in range(30):
            connection.execute(statement, values(), prepare=True).fetchall()
    for _ in range(args.rounds):
        for name, statement, values in variants:
            cpu, lsn = api_reads.cpu_seconds([backend]), wal()
            for _ in range(args.batch):
                connection.execute(statement, values(), prepare=True).fetchall()
            best[name] = min(best[name], (api_reads.cpu_seconds([backend]) - cpu) / args.batch)
            written[name] += (wal() - lsn) / args.batch / args.rounds
    print(f"database {_django.DB_NAME}, {args.rounds} rounds of {args.batch} statements each")
    print()
    print("| statement | PostgreSQL CPU ms (min) | WAL KiB (mean) |")
    print("|---|---:|---:|")
    for name in best:
        print(f"| {name} | {best[name] * 1000:.2f} | {written[name] / 1024:.1f} |")
    print(f"\nload average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
