"""Time employer reach (employers.selectors.employer_reach) and the market work of item 6
(employers.selectors.market_work, as the realisation asks it) at the region's scale.

    BENCH_DB_NAME=werkbedrijf_bench_reach .venv/bin/python bench/employer_reach.py \
        [--employers 22750] [--contacts 60000] [--runs 20]

Creates the database if missing and migrates it, then tops up synthetic employers (KvK numbers
from 20000000 up) and contact moments spread over the seven municipalities and the last three
years. The Dienstenboek's region has some 22,750 businesses; WerkBedrijf had contact with 1,859 in
2019, so 60,000 contacts over three years is generous. The table gives the median and p95 over
--runs runs of one call as the screens make it.
"""

import argparse
import random
import statistics
import time
from datetime import date, timedelta

import _django


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def top_up(employers: int, contacts: int, consultant) -> None:
    from werkbedrijf.employers.models import ContactMoment, Employer, SectorGroup
    from werkbedrijf.organisations.models import Organisation, OrganisationKind

    rng = random.Random(5)
    have = Employer.objects.count()
    Employer.objects.bulk_create(
        [
            Employer(
                name=f"Bench bedrijf {n}",
                kvk_number=f"{20000000 + n:08d}",
                sector_group=rng.choice(SectorGroup.values),
            )
            for n in range(have, employers)
        ],
        batch_size=5000,
    )
    ids = list(Employer.objects.values_list("pk", flat=True))
    municipalities = list(Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY))
    have = ContactMoment.objects.count()
    today = date.today()
    ContactMoment.objects.bulk_create(
        [
            ContactMoment(
                employer_id=rng.choice(ids[: len(ids) // 4] if rng.random() < 0.7 else ids),
                kind=rng.choice(("visit", "call", "meeting")),
                contact_on=today - timedelta(days=rng.randint(0, 3 * 365)),
                subject="Bench",
                consultant=consultant,
                municipality=rng.choice(municipalities),
            )
            for _ in range(have, contacts)
        ],
        batch_size=5000,
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE employers_employer")
        cursor.execute("ANALYZE employers_contactmoment")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employers", type=int, default=22_750)
    parser.add_argument("--contacts", type=int, default=60_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    _django.setup(create_database=True)
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from werkbedrijf.accounts.models import Role, User
    from werkbedrijf.accounts.services import create_staff_account
    from werkbedrijf.employers import selectors
    from werkbedrijf.employers.models import ContactMoment, Employer
    from werkbedrijf.reference_data import organisations

    call_command("migrate", verbosity=0)
    organisations.load_organisations()
    consultant = User.objects.filter(username="bench-employer-reach").first()
    if consultant is None:
        consultant = create_staff_account(
            username="bench-employer-reach",
            organisation=organisations.werkbedrijf(),
            roles=[Role.CONSULTANT],
            password=None,
        )
    top_up(args.employers, args.contacts, consultant)
    nijmegen = organisations.municipality("GM0268")
    year = date.today().year - 1
    operations = [
        ("reach, the region", lambda: selectors.employer_reach(consultant, year)),
        ("reach, Nijmegen", lambda: selectors.employer_reach(consultant, year, nijmegen)),
        (
            "market work of item 6, Nijmegen",
            lambda: selectors.market_work(consultant, nijmegen, year),
        ),
    ]
    print(
        f"Database {connection.settings_dict['NAME']}: {Employer.objects.count():,} employers, "
        f"{ContactMoment.objects.count():,} contact moments; year {year}; {args.runs} runs."
    )
    print()
    print("| operation | median ms | p95 ms | queries |")
    print("|---|---:|---:|---:|")
    for label, call in operations:
        timings = []
        for run in range(args.runs + 2):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                call()
                elapsed = (time.perf_counter() - started) * 1000
            if run >= 2:  # two warm-up runs
                timings.append(elapsed)
        print(
            f"| {label} | {statistics.median(timings):.1f} | "
            f"{percentile(timings, 0.95):.1f} | {len(queries)} |"
        )


if __name__ == "__main__":
    main()
