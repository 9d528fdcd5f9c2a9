"""Time every indicator on the benchmark database: one municipality for one quarter, the region for
one quarter, one municipality's annual report (figures and PDF), and the heaviest indicator
queries on PostgreSQL against DuckDB on the same rows, exported.

    .venv/bin/python bench/indicators.py [--runs 5] [--year 2025] [--quarter 2]

Run bench/population.py first. The synthetic population has no instruments, sanction signals or
steps on the participatieladder; this script adds them once (seeded, marked by their texts) so
those indicators count something: an instrument for a third of the trajectories, a signal for one
in twenty, two or three ladder steps for two in five.
"""

import argparse
import csv
import math
import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal

import _django

BENCH_MARK = "bench-indicators"


def median_ms(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def fill(seed: int = 11) -> None:
    """Instruments, sanction signals and ladder steps for the synthetic trajectories, once."""
    from werkbedrijf.accounts.models import User
    from werkbedrijf.candidates.models import (
        Instrument,
        InstrumentKind,
        LadderStep,
        SanctionSignal,
        Trajectory,
    )

    if Instrument.objects.filter(description=BENCH_MARK).exists():
        return
    rng = random.Random(seed)
    signaller = User.objects.filter(username__startswith="synth-consultant").first()
    kinds = [k.value for k in InstrumentKind]
    instruments, signals, steps = [], [], []
    rows = Trajectory.objects.filter(synthetic=True).values_list("pk", "referred_on", "closed_on")
    today = date.today()
    for pk, referred_on, closed_on in rows.iterator(chunk_size=5000):
        last = closed_on or today
        span = max((last - referred_on).days, 1)

        def day():
            return referred_on + timedelta(days=rng.randrange(span))  # noqa: B023

        if rng.random() < 0.33:
            instruments.append(
                Instrument(
                    trajectory_id=pk,
                    kind=rng.choice(kinds),
                    description=BENCH_MARK,
                    start=day(),
                    amount=Decimal(rng.randrange(100, 20000)),
                    srg_category="bench",
                )
            )
        if rng.random() < 0.05 and signaller is not None:
            decided = rng.random() < 0.8
            on = day()
            signals.append(
                SanctionSignal(
                    trajectory_id=pk,
                    facts=BENCH_MARK,
                    advice="Afstemmen met Inkomen.",
                    signalled_on=on,
                    signalled_by=signaller,
                    decision=rng.choice(["followed", "followed", "deviated"]) if decided else "",
                    decision_reasons="Besluit van Inkomen." if decided else "",
                    decided_on=min(on + timedelta(days=14), last) if decided else None,
                )
            )
        if rng.random() < 0.4:
            step = rng.randint(1, 5)
            for moment in ("intake", "review", "end")[: rng.randint(2, 3)]:
                steps.append(
                    LadderStep(trajectory_id=pk, moment=moment, step=step, recorded_on=day())
                )
                step = min(6, step + rng.choice([0, 0, 1]))
    Instrument.objects.bulk_create(instruments, batch_size=5000)
    SanctionSignal.objects.bulk_create(signals, batch_size=5000)
    LadderStep.objects.bulk_create(steps, batch_size=5000)
    print(
        f"added {len(instruments)} instruments, {len(signals)} signals, {len(steps)} ladder steps"
    )


# The heaviest indicators as plain SQL, the same text for PostgreSQL and DuckDB but for the median.
HEAVY = {
    "in_service (region, on a day)": """
        SELECT municipality_id, count(*) FROM candidates_trajectory
        WHERE referred_on <= DATE '{end}' AND (closed_on IS NULL OR closed_on > DATE '{end}')
        GROUP BY municipality_id""",
    "inflow per channel (region)": """
        SELECT municipality_id, channel, count(*) FROM candidates_trajectory
        WHERE referred_on BETWEEN DATE '{start}' AND DATE '{end}'
        GROUP BY municipality_id, channel""",
    "outflow to work per form (region)": """
        SELECT s.form, count(DISTINCT s.trajectory_id) FROM (
            SELECT j.trajectory_id,
                   (SELECT p.form FROM candidates_placement p
                    WHERE p.trajectory_id = j.trajectory_id AND p.start <= j.occurred_on
                    ORDER BY p.start DESC, p.id DESC LIMIT 1) AS form
            FROM candidates_journeystep j
            WHERE j.to_phase = 'at_work' AND j.occurred_on BETWEEN DATE '{start}' AND DATE '{end}'
        ) s GROUP BY s.form""",
    "median days referral to work (region)": """
        SELECT {median}j.occurred_on - t.referred_on) FROM candidates_journeystep j
        JOIN candidates_trajectory t ON t.id = j.trajectory_id
        WHERE j.to_phase = 'at_work' AND j.occurred_on BETWEEN DATE '{start}' AND DATE '{end}'""",
}
# How the indicators read the same figures on PostgreSQL where that differs from the plain query:
# from the summaries the triggers keep exact (reporting.TrajectoryMonth: a period of whole months
# needs no day rows, as here the year; reporting.WorkStep).
AS_THE_INDICATOR_READS = {
    "in_service (region, on a day)": """
        SELECT municipality_id, SUM(in_service_change) FROM reporting_trajectorymonth
        WHERE month < DATE '{end}' + 1
        GROUP BY municipality_id HAVING SUM(in_service_change) <> 0""",
    "inflow per channel (region)": """
        SELECT municipality_id, channel, SUM(referred) FROM reporting_trajectorymonth
        WHERE month BETWEEN DATE '{start}' AND DATE '{end}'
        GROUP BY municipality_id, channel HAVING SUM(referred) <> 0""",
    # The steps to work with their placement's form (reporting.WorkStep), kept by triggers.
    "outflow to work per form (region)": """
        SELECT NULLIF(form, ''), count(DISTINCT trajectory_id) FROM reporting_workstep
        WHERE occurred_on BETWEEN DATE '{start}' AND DATE '{end}'
        GROUP BY form""",
    # The steps to work with their days since referral (reporting.WorkStep), kept by triggers.
    "median days referral to work (region)": """
        SELECT {median}days) FROM reporting_workstep
        WHERE occurred_on BETWEEN DATE '{start}' AND DATE '{end}'""",
}
TABLES = {
    "candidates_trajectory": ["id", "municipality_id", "referred_on", "closed_on", "channel"],
    "candidates_journeystep": ["id", "trajectory_id", "to_phase", "occurred_on"],
    "candidates_placement": ["id", "trajectory_id", "form", "start"],
}


def duckdb_comparison(start: date, end: date, runs: int) -> list[tuple[str, float, float, float]]:
    import duckdb
    from django.db import connection

    folder = tempfile.mkdtemp(prefix="bench-indicators-")
    duck = duckdb.connect()
    for table, columns in TABLES.items():
        path = os.path.join(folder, f"{table}.csv")
        with open(path, "w", newline="") as handle, connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(columns)} FROM {table}")  # noqa: S608
            writer = csv.writer(handle)
            writer.writerow(columns)
            while chunk := cursor.fetchmany(10000):
                writer.writerows(chunk)
        duck.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv_auto('{path}')")  # noqa: S608
    results = []
    for name, sql in HEAVY.items():
        pg_sql = sql.format(
            start=start, end=end, median="percentile_cont(0.5) WITHIN GROUP (ORDER BY "
        )
        duck_sql = sql.format(start=start, end=end, median="median(")

        def on_pg(text=pg_sql):
            with connection.cursor() as cursor:
                cursor.execute(text)
                return cursor.fetchall()

        summary_sql = AS_THE_INDICATOR_READS.get(name, "").format(
            start=start, end=end, median="percentile_cont(0.5) WITHIN GROUP (ORDER BY "
        )

        def on_duck(text=duck_sql):
            return duck.execute(text).fetchall()

        pg_rows = sorted(
            tuple(str(float(v) if isinstance(v, Decimal) else v) for v in r) for r in on_pg()
        )
        duck_rows = sorted(
            tuple(str(float(v) if isinstance(v, Decimal) else v) for v in r) for r in on_duck()
        )
        same = pg_rows == duck_rows
        summary_ms = float("nan")
        if summary_sql:
            summary_rows = sorted(
                tuple(str(float(v) if isinstance(v, Decimal) else v) for v in r)
                for r in on_pg(summary_sql)
            )
            same = same and summary_rows == duck_rows
            summary_ms, _ = median_ms(lambda text=summary_sql: on_pg(text), runs)
        pg_ms, _ = median_ms(on_pg, runs)
        duck_ms, _ = median_ms(on_duck, runs)
        label = "same rows" if same else "DIFFERENT rows"
        results.append((f"{name} ({label})", pg_ms, summary_ms, duck_ms))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--quarter", type=int, default=2)
    parser.add_argument("--skip-duckdb", action="store_true")
    args = parser.parse_args()

    _django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    fill()
    with connection.cursor() as cursor:
        # Statistics and the visibility map, as autovacuum keeps them on a database in use: without
        # the map no scan can answer from an index alone.
        cursor.execute("VACUUM (ANALYZE)")

    from werkbedrijf.organisations.models import Organisation
    from werkbedrijf.reporting import documents, services
    from werkbedrijf.reporting.indicators import Scope, all_indicators, shared_reads
    from werkbedrijf.reporting.models import Report
    from werkbedrijf.reporting.policies import quarter_period, report_period

    nijmegen = Organisation.objects.get(cbs_code="GM0268")
    quarter = quarter_period(args.year, args.quarter)
    indicators = all_indicators()

    def all_of(scope):
        # As a screen or report computes them: the reads several indicators share made once.
        with shared_reads():
            return [indicator.compute(scope) for indicator in indicators]

    print()
    print(f"## Indicators on the benchmark database ({_django.DB_NAME}), {quarter.label}")
    print()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print("| what | median ms | max ms |")
    print("|---|---:|---:|")
    for label, scope in (
        ("all indicators, Nijmegen, one quarter", Scope(quarter, (nijmegen.pk,))),
        ("all indicators, region, one quarter", Scope(quarter)),
    ):
        med, worst = median_ms(lambda s=scope: all_of(s), args.runs)
        print(f"| {label} | {med:.0f} | {worst:.0f} |")
    from werkbedrijf.accounts.models import User
    from werkbedrijf.reporting import selectors

    reader = User.objects.get(username="synth-consultant-0001")
    year = report_period("annual", args.year)
    for label, municipality in (("Nijmegen", nijmegen), ("region", None)):
        med, worst = median_ms(
            lambda m=municipality: selectors.dashboard(reader, m, year), max(1, args.runs // 2)
        )
        print(
            f"| dashboard page {label} {args.year}: year + 4 quarters | {med:.0f} | {worst:.0f} |"
        )
    per = []
    for indicator in indicators:
        med, _ = median_ms(lambda i=indicator: i.compute(Scope(quarter)), args.runs)
        own, _ = median_ms(lambda i=indicator: i.compute(Scope(quarter, (nijmegen.pk,))), args.runs)
        per.append((med, own, indicator.code))

    annual = report_period("annual", args.year)
    report = Report(
        kind="annual",
        year=args.year,
        municipality=nijmegen,
        period_start=annual.start,
        period_end=annual.end,
        definitions_version="bench",
    )

    def make_report():
        report.figures = services.report_figures(report)
        return documents.report_pdf(report)

    med, worst = median_ms(make_report, max(1, args.runs // 2))
    print(
        f"| annual report Nijmegen {args.year}: figures + PDF with charts | {med:.0f} | {worst:.0f} |"
    )
    print()
    print("Per indicator, one quarter (median ms), slowest first:")
    print()
    print("| indicator | region | Nijmegen |")
    print("|---|---:|---:|")
    for med, own, code in sorted(per, reverse=True):
        print(f"| {code} | {med:.0f} | {own:.0f} |")

    if args.skip_duckdb:
        return
    print()
    print("## Heaviest queries: PostgreSQL against DuckDB on the same rows (exported)")
    print()
    print(
        "| query | PostgreSQL, the query ms | PostgreSQL, as the indicator reads it ms "
        "| DuckDB ms | ratio PG/DuckDB (the indicator's way) |"
    )
    print("|---|---:|---:|---:|---:|")
    start, end = date(args.year, 1, 1), date(args.year, 12, 31)
    for name, pg_ms, summary_ms, duck_ms in duckdb_comparison(start, end, args.runs):
        best = pg_ms if math.isnan(summary_ms) else summary_ms
        shown = "–" if math.isnan(summary_ms) else f"{summary_ms:.1f}"
        print(
            f"| {name}, {args.year} | {pg_ms:.1f} | {shown} | {duck_ms:.1f} "
            f"| {best / duck_ms:.2f} |"
        )
    print()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
