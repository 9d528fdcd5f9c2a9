"""Time the caseload list and its searches on the benchmark database, and count queries per page.

    .venv/bin/python bench/caseload.py [--runs 20] [--explain]

Run bench/population.py first. Each operation is one read of a caseload page as a request makes
it: the user is loaded fresh (organisation joined, roles not yet read), the page is read and its
processing-log entry written. The table gives median and p95 over --runs runs of the screen's
read (``caseload_values`` with the screen's extra columns, plain dicts: what the caseload and
Inkomen screens and the list API call), of the read with model instances (``caseload``, which
the returns API still uses) and of the page's SELECT alone (sent again through a cursor, the same
run), with the screen's time as a multiple of its SQL. The load average is printed before and
after.
"""

import argparse
import os
import statistics
import time

import _django


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--explain", action="store_true", help="print each page query's plan")
    args = parser.parse_args()

    _django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from werkbedrijf.accounts.models import User
    from werkbedrijf.candidates import selectors
    from werkbedrijf.candidates.models import Candidate, Trajectory
    from werkbedrijf.candidates.selectors import Filters

    def fresh(username: str) -> User:
        return User.objects.select_related("organisation").get(username=username)

    consultant = "synth-consultant-0001"
    case_manager = "synth-inkomen-gm0268-0001"  # Nijmegen, the largest municipality
    # A BSN fragment that a synthetic number has: four digits of the middle of one.
    sample_bsn = Candidate.objects.filter(synthetic=True).order_by("pk")[1000].bsn
    bsn_part = sample_bsn[3:7]
    contact_id = fresh("synth-consultant-0002").pk

    def cursor_after(username: str, pages: int) -> str | None:
        cursor = None
        for _ in range(pages):
            cursor = screen_read(fresh(username), Filters(), cursor=cursor).next_cursor
        return cursor

    operations = [
        ("first page", Filters(), None),
        ("page 10 (cursor)", Filters(), "deep"),
        ("name prefix 'Jan'", Filters(name="Jan"), None),
        ("name prefix 'de'", Filters(name="de"), None),
        # No synthetic last name starts with 'Jo', two first names do (Johan, Joost).
        ("name prefix 'Jo' (first names)", Filters(name="Jo"), None),
        (f"part of BSN ({len(bsn_part)} digits)", Filters(bsn_part=bsn_part), None),
        ("phase: intake", Filters(phase="intake"), None),
        ("focus group: statushouder", Filters(focus_group="refugee"), None),
        ("focus group: over 55", Filters(focus_group="over_55"), None),
        ("all trajectories incl. closed", Filters(active_only=False), None),
        ("contact person: one consultant", Filters(consultant=contact_id), None),
    ]

    from werkbedrijf.candidates.views.common import CASELOAD_EXTRA

    def screen_read(user, filters, cursor=None):
        return selectors.caseload_values(user, filters, cursor=cursor, extra=CASELOAD_EXTRA)

    print(
        f"Database {connection.settings_dict['NAME']}: "
        f"{Candidate.objects.count():,} candidates, {Trajectory.objects.count():,} trajectories, "
        f"{Trajectory.objects.exclude(phase__in=['outflow', 'returned']).count():,} active; "
        f"{args.runs} runs per operation, page size {selectors.PAGE_SIZE}."
    )
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print(
        "| user | operation | rows | screen median ms | p95 ms | queries/page "
        "| model instances median ms | p95 ms | SQL alone median ms | screen / SQL |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")

    def timed(read, username, filters, cursor):
        timings = []
        for run in range(args.runs + 2):  # the first two warm the cache and are left out
            user = fresh(username)
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                page = read(user, filters, cursor=cursor)
                elapsed = (time.perf_counter() - started) * 1000
            if run >= 2:
                timings.append(elapsed)
        return page, timings, queries

    for label, username in (("consultant", consultant), ("case manager Nijmegen", case_manager)):
        deep_cursor = cursor_after(username, 9)
        for name, filters, mode in operations:
            cursor = deep_cursor if mode == "deep" else None
            page, timings, queries = timed(screen_read, username, filters, cursor)
            select = next(q["sql"] for q in queries.captured_queries if "ORDER BY" in q["sql"])
            sql_timings = []
            with connection.cursor() as db:
                for run in range(args.runs + 2):
                    started = time.perf_counter()
                    db.execute(select)
                    db.fetchall()
                    if run >= 2:
                        sql_timings.append((time.perf_counter() - started) * 1000)
            _page, model_timings, _q = timed(selectors.caseload, username, filters, cursor)
            model_cells = (
                f"{statistics.median(model_timings):.1f} | {percentile(model_timings, 0.95):.1f}"
            )
            sql_median = statistics.median(sql_timings)
            print(
                f"| {label} | {name} | {len(page.rows)} | {statistics.median(timings):.1f} "
                f"| {percentile(timings, 0.95):.1f} | {len(queries)} | {model_cells} "
                f"| {sql_median:.1f} | {statistics.median(timings) / sql_median:.1f} |"
            )
            if args.explain:
                with connection.cursor() as db:
                    db.execute("EXPLAIN ANALYZE " + select)
                    print("\n".join(row[0] for row in db.fetchall()))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
