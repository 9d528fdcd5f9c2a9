"""Time the placement form's employer picker (employers.selectors.employer_search) at scale.

    BENCH_DB_NAME=werkbedrijf_bench_employers .venv/bin/python bench/employer_search.py \
        [--employers 50000] [--runs 20] [--explain]

Creates the database if missing and migrates it, then tops the employers up to --employers with
synthetic ones (names like "Bakkerij Jansen B.V. 123", KvK numbers from 10000000 up; the
population generator makes no employers). Each operation is one call of the selector as the
search endpoint makes it; the table gives the median and p95 over --runs runs.
"""

import argparse
import random
import statistics
import time

import _django

TRADES = [
    "Bakkerij",
    "Hoveniersbedrijf",
    "Transport",
    "Schoonmaakbedrijf",
    "Installatiebedrijf",
    "Zorggroep",
    "Logistiek",
    "Restaurant",
    "Bouwbedrijf",
    "Techniek",
    "Autobedrijf",
    "Kinderopvang",
    "Drukkerij",
    "Schilders",
    "Metaal",
]
NAMES = [
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "Verhoeven",
    "Willems",
    "Hermans",
    "Gerritsen",
    "Kuipers",
    "Wijnen",
    "Thijssen",
    "Arts",
    "Derksen",
    "Hoogland",
]
FORMS = [
    "B.V.",
    "V.O.F.",
    "& Zn",
    "Groep",
    "Nijmegen",
    "Wijchen",
    "Oost",
    "Gelderland",
    "Holding",
    "Service",
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def top_up(wanted: int) -> None:
    from werkbedrijf.employers.models import Employer

    have = Employer.objects.count()
    rng = random.Random(3)
    batch = []
    for n in range(have, wanted):
        name = f"{rng.choice(TRADES)} {rng.choice(NAMES)} {rng.choice(FORMS)} {n}"
        batch.append(Employer(name=name, kvk_number=f"{10000000 + n:08d}", sector_group="other"))
    Employer.objects.bulk_create(batch, batch_size=5000)
    if batch:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE employers_employer")
        print(f"added {len(batch):,} synthetic employers")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employers", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--explain", action="store_true", help="print each query's plan")
    args = parser.parse_args()

    _django.setup(create_database=True)
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from werkbedrijf.accounts.models import Role
    from werkbedrijf.accounts.services import create_staff_account
    from werkbedrijf.employers import selectors
    from werkbedrijf.employers.models import Employer
    from werkbedrijf.reference_data import organisations

    call_command("migrate", verbosity=0)
    organisations.load_organisations()
    top_up(args.employers)
    from werkbedrijf.accounts.models import User

    consultant = User.objects.filter(username="bench-employer-search").first()
    if consultant is None:
        consultant = create_staff_account(
            username="bench-employer-search",
            organisation=organisations.werkbedrijf(),
            roles=[Role.CONSULTANT],
            password=None,
        )

    operations = [
        ("2 characters, common: 'ba'", "ba"),
        ("2 characters, no match: 'zq'", "zq"),
        ("3 characters: 'ijk'", "ijk"),
        ("word, common: 'bakkerij'", "bakkerij"),
        ("surname, ~3%: 'dijkstra'", "dijkstra"),
        ("trade + surname + form, rare", "bakkerij dijkstra b.v."),
        ("no match: 'qwerty'", "qwerty"),
        ("KvK prefix, 4 digits", "1000"),
        ("KvK, all 8 digits", "10012345"),
    ]
    print(
        f"Database {connection.settings_dict['NAME']}: {Employer.objects.count():,} employers; "
        f"{args.runs} runs per search, limit {selectors.EMPLOYER_SEARCH_LIMIT}."
    )
    print()
    print("| search | rows | more | median ms | p95 ms | queries |")
    print("|---|---:|---|---:|---:|---:|")
    for label, query in operations:
        timings = []
        for run in range(args.runs + 2):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                found = selectors.employer_search(consultant, query)
                elapsed = (time.perf_counter() - started) * 1000
            if run >= 2:  # two warm-up runs
                timings.append(elapsed)
        print(
            f"| {label} | {len(found.rows)} | {'yes' if found.more else 'no'} | "
            f"{statistics.median(timings):.1f} | {percentile(timings, 0.95):.1f} | "
            f"{len(queries)} |"
        )
        if args.explain:
            sql = queries[-1]["sql"]
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}")
                print("\n".join("    " + row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
