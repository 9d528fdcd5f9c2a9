"""Time the matching on the benchmark database: the top 20 candidates for a vacancy, the top 20
vacancies for a candidate, and the congestion-aware batch for all open vacancies; with the share
of the time spent in the database and in Python.

    BENCH_DB_NAME=werkbedrijf_bench .venv/bin/python bench/matching.py [--runs 20] \\
        [--generate region|national] [--batch-size 5 --per-candidate 2] [--batch-vacancies N]

Run bench/population.py first (the synthetic candidates and employers); --generate then adds the
synthetic vacancies (region 1,000, national 50,000) and a work profile for every candidate with an
active trajectory (matching.synthetic). Each timed call is what a request does: the selector with
a consultant as the acting user, its processing-log entries included.
"""

import argparse
import random
import statistics
import time
from contextlib import contextmanager

import _django


class DatabaseClock:
    """Time spent inside the database driver (execute and fetch), via an execute wrapper."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


@contextmanager
def timed(connection):
    clock = DatabaseClock()
    started = time.perf_counter()
    with connection.execute_wrapper(clock):
        yield clock
    clock.total = time.perf_counter() - started


def report(name: str, totals: list[float], db: list[float]) -> None:
    ordered = sorted(totals)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    share = sum(db) / sum(totals) if sum(totals) else 0
    print(
        f"{name:<34} median {statistics.median(totals) * 1000:8.1f} ms   p95 {p95 * 1000:8.1f} ms"
        f"   database {share:4.0%}   Python {1 - share:4.0%}   (n={len(totals)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--generate", choices=("demo", "region", "national"))
    parser.add_argument("--vacancies", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=5)
    parser.add_argument("--per-candidate", type=int, default=2)
    parser.add_argument("--batch-runs", type=int, default=3)
    parser.add_argument(
        "--batch-vacancies",
        type=int,
        default=None,
        help="batch only this many open vacancies (a random sample): a region's share of a "
        "national database",
    )
    args = parser.parse_args()

    _django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from werkbedrijf.accounts.models import User
    from werkbedrijf.candidates.models import Phase, Trajectory
    from werkbedrijf.matching import selectors
    from werkbedrijf.matching.models import Vacancy, VacancyStatus, WorkProfile

    call_command("migrate", verbosity=0)
    if args.generate:
        from werkbedrijf.matching import synthetic

        started = time.monotonic()
        count = args.vacancies or synthetic.VACANCIES[args.generate]
        made = synthetic.generate_vacancies(count) if not Vacancy.objects.exists() else 0
        profiles = synthetic.generate_work_profiles()
        print(
            f"generated {made} vacancies, {profiles} work profiles in {time.monotonic() - started:.0f} s"
        )

    main_route = Trajectory.objects.filter(
        phase=Phase.MAIN_ROUTE, candidate__work_profile__isnull=False
    ).count()
    open_vacancies = Vacancy.objects.filter(status=VacancyStatus.OPEN).count()
    print(
        f"work profiles {WorkProfile.objects.count():,}; in the main route {main_route:,}; "
        f"open vacancies {open_vacancies:,}"
    )
    print(
        "open vacancies per sector group:",
        dict(
            Vacancy.objects.filter(status=VacancyStatus.OPEN)
            .values_list("sector_group")
            .annotate(n=Count("id"))
        ),
    )

    consultant = User.objects.select_related("organisation").get(username="synth-consultant-0001")
    rng = random.Random(7)
    vacancy_ids = list(
        Vacancy.objects.filter(status=VacancyStatus.OPEN).values_list("pk", flat=True)
    )
    candidate_ids = list(
        Trajectory.objects.filter(
            phase=Phase.MAIN_ROUTE, candidate__work_profile__isnull=False
        ).values_list("candidate_id", flat=True)
    )
    from werkbedrijf.candidates.models import Candidate

    # Warm up (connection, the catalogue's first read).
    selectors.shortlist(consultant, Vacancy.objects.get(pk=vacancy_ids[0]))

    totals, db, found = [], [], []
    for pk in rng.sample(vacancy_ids, min(args.runs, len(vacancy_ids))):
        vacancy = Vacancy.objects.select_related("occupation", "employer").get(pk=pk)
        with timed(connection) as clock:
            result = selectors.shortlist(consultant, vacancy)
        totals.append(clock.total)
        db.append(clock.seconds)
        found.append(len(result.rows))
    report("top 20 candidates for a vacancy", totals, db)
    print(f"  candidates found per vacancy: median {statistics.median(found)}, min {min(found)}")

    totals, db, found = [], [], []
    for pk in rng.sample(candidate_ids, min(args.runs, len(candidate_ids))):
        candidate = Candidate.objects.get(pk=pk)
        with timed(connection) as clock:
            result = selectors.vacancies_for(consultant, candidate)
        totals.append(clock.total)
        db.append(clock.seconds)
        found.append(len(result))
    report("top 20 vacancies for a candidate", totals, db)
    print(f"  vacancies found per candidate: median {statistics.median(found)}, max {max(found)}")

    batch = None
    if args.batch_vacancies:
        sample = rng.sample(vacancy_ids, min(args.batch_vacancies, len(vacancy_ids)))
        batch = Vacancy.objects.filter(pk__in=sample)
    totals, db = [], []
    for _ in range(args.batch_runs):
        with timed(connection) as clock:
            rows = selectors.batch_shortlists(
                consultant,
                size=args.batch_size,
                per_candidate=args.per_candidate,
                vacancies=batch,
            )
        totals.append(clock.total)
        db.append(clock.seconds)
    filled = sum(len(r.chosen) for r in rows)
    report(f"batch, all {len(rows):,} open vacancies", totals, db)
    print(f"  shortlist places filled: {filled:,} of {len(rows) * args.batch_size:,}")


if __name__ == "__main__":
    main()
