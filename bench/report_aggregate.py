"""The report-style aggregate against DuckDB on the same rows: activities of a year per municipality
per quarter, joined to their trajectories and candidates.

    BENCH_DB_NAME=wb_bench_region .venv/bin/python bench/report_aggregate.py [--year 2025] [--runs 20]

Run bench/population.py first. Per municipality (the trajectory's) and quarter (of the activity's
start) of --year: the activities, the completed ones, the units charged, the persons with an
activity and how many of them were under 27 when it started. The same SQL runs

- in PostgreSQL as it is (the tables and indexes of the migrations),
- in DuckDB, over an in-memory copy of the three tables' columns it needs (copied before timing;
  the copy is not counted),
- in PostgreSQL, from ``candidates.ActivityQuarter`` where the code has it: the summary table that
  triggers keep exact on every change of an activity, trajectory or candidate (no query over the
  activities at all).

It checks that all give the same rows, and prints the median and p95 of --runs runs, the ratios in
the same run and the machine's load average before and after.
"""

import argparse
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import _django

AGGREGATE = """
SELECT t.municipality_id AS municipality,
       EXTRACT(QUARTER FROM a.start)::int AS quarter,
       COUNT(*) AS activities,
       COUNT(*) FILTER (WHERE a.status = 'completed') AS completed,
       SUM(a.units) AS units,
       COUNT(DISTINCT c.id) AS persons,
       COUNT(DISTINCT c.id) FILTER (WHERE c.date_of_birth > a.start - INTERVAL 27 YEAR)
           AS persons_under_27
FROM candidates_activity a
JOIN candidates_trajectory t ON t.id = a.trajectory_id
JOIN candidates_candidate c ON c.id = t.candidate_id
WHERE a.start >= DATE '{start}' AND a.start < DATE '{end}'
GROUP BY 1, 2
ORDER BY 1, 2
"""
# PostgreSQL writes the interval as a string; everything else is the same statement.
POSTGRES = AGGREGATE.replace("INTERVAL 27 YEAR", "INTERVAL '27 years'")

COLUMNS = {
    "candidates_activity": "id, trajectory_id, start, status, units",
    "candidates_trajectory": "id, municipality_id, candidate_id",
    "candidates_candidate": "id, date_of_birth",
}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def timed(run, runs):
    result, timings = None, []
    for i in range(runs + 2):  # two warm-up runs, left out
        started = time.perf_counter()
        result = run()
        if i >= 2:
            timings.append((time.perf_counter() - started) * 1000)
    return result, timings


def normalise(rows):
    return [tuple(round(float(v), 2) if v is not None else None for v in row) for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    _django.setup()
    import duckdb
    from django.db import connection

    start, end = date(args.year, 1, 1), date(args.year + 1, 1, 1)
    sql = {
        "postgres": POSTGRES.format(start=start, end=end),
        "duckdb": AGGREGATE.format(start=start, end=end),
    }
    print(f"Database {connection.settings_dict['NAME']}, year {args.year}, {args.runs} runs")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    duck = duckdb.connect()
    with tempfile.TemporaryDirectory() as tmp, connection.cursor() as cursor:
        for table, columns in COLUMNS.items():
            path = Path(tmp) / f"{table}.csv"
            with (
                path.open("wb") as out,
                cursor.cursor.copy(
                    f"COPY (SELECT {columns} FROM {table}) TO STDOUT WITH (FORMAT csv, HEADER)"  # noqa: S608
                ) as copy,
            ):
                for block in copy:
                    out.write(block)
            duck.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv_auto('{path}')")  # noqa: S608
        count = duck.execute(
            "SELECT COUNT(*) FROM candidates_activity WHERE start >= ? AND start < ?", [start, end]
        ).fetchone()[0]
    print(f"activities in the year: {count:,}")

    def in_postgres():
        with connection.cursor() as cursor:
            cursor.execute(sql["postgres"])
            return cursor.fetchall()

    def in_duckdb():
        return duck.execute(sql["duckdb"]).fetchall()

    results = {}
    results["PostgreSQL, the query"] = timed(in_postgres, args.runs)
    results["DuckDB, the query (in memory)"] = timed(in_duckdb, args.runs)
    try:
        from werkbedrijf.candidates.selectors import activity_quarter_rows
    except ImportError:
        activity_quarter_rows = None
    if activity_quarter_rows is not None:
        results["PostgreSQL, summary table"] = timed(
            lambda: activity_quarter_rows(args.year), args.runs
        )
    expected = normalise(results["DuckDB, the query (in memory)"][0])
    duck_median = statistics.median(results["DuckDB, the query (in memory)"][1])
    print()
    print("| how | rows | median ms | p95 ms | × DuckDB (same run) | same rows as DuckDB |")
    print("|---|---:|---:|---:|---:|---|")
    for name, (rows, timings) in results.items():
        median = statistics.median(timings)
        print(
            f"| {name} | {len(rows)} | {median:.1f} | {percentile(timings, 0.95):.1f} "
            f"| {median / duck_median:.2f} | {'yes' if normalise(rows) == expected else 'NO'} |"
        )
    print()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
