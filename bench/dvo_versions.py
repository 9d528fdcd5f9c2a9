"""Time setting up a DVO version: the three saves a DVO administrator makes on the screens.

    BENCH_DB_NAME=werkbedrijf_bench_dvo .venv/bin/python bench/dvo_versions.py [--runs 20]

Creates the database if missing, migrates it and loads the reference data. Each run, in a
transaction that is rolled back: ``create_version`` for the seven municipalities from the DVO
2024-2025 card, ``save_card`` with every service of the copy, and ``save_budgets`` for every
municipality and year. The table gives the median and p95 over --runs runs (after one warm-up)
and the queries of each step.
"""

import argparse
import statistics
import time
from datetime import date

import _django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    _django.setup(create_database=True)

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from werkbedrijf.accounts.models import Role, User
    from werkbedrijf.accounts.services import create_staff_account
    from werkbedrijf.agreements import services
    from werkbedrijf.agreements.models import AgreementVersion
    from werkbedrijf.organisations.models import Organisation, OrganisationKind
    from werkbedrijf.reference_data import organisations as orgs
    from werkbedrijf.reference_data.loader import load_reference_data

    call_command("migrate", verbosity=0)
    load_reference_data()
    admin = User.objects.filter(username="bench-dvo-admin").first() or create_staff_account(
        username="bench-dvo-admin",
        organisation=orgs.werkbedrijf(),
        roles=[Role.DVO_ADMIN],
        password=None,
    )
    source = AgreementVersion.objects.get(title="DVO 2024-2025")
    parties = [
        str(u)
        for u in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).values_list(
            "uuid", flat=True
        )
    ]

    def one_run(timings: dict, queries: dict) -> None:
        with transaction.atomic():
            steps = {}

            def create():
                steps["version"] = services.create_version(
                    actor=admin,
                    data=services.VersionInput(
                        title="DVO 2040-2041 bench",
                        period_start=date(2040, 1, 1),
                        period_end=date(2041, 12, 31),
                        municipalities=parties,
                        copy_from=source,
                    ),
                )

            def card():
                version = steps["version"]
                rows = {
                    str(s.uuid): services.ServiceInput(
                        price=str(s.price + 1000),
                        unit_kind=s.unit_kind,
                        unit_label=s.unit_label,
                        quantity_label=s.quantity_label,
                    )
                    for s in version.catalogue.services.all()
                }
                services.save_card(actor=admin, agreement=version, rows=rows)

            def budgets():
                version = steps["version"]
                rows = {
                    (str(ma.uuid), year): services.BudgetInput(
                        share_percentage="15", base_amount="1000000", legacy_obligations="20000"
                    )
                    for ma in version.municipal_agreements.all()
                    for year in version.years
                }
                services.save_budgets(actor=admin, agreement=version, rows=rows)

            for name, step in (
                ("create_version", create),
                ("save_card", card),
                ("save_budgets", budgets),
            ):
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    step()
                    timings.setdefault(name, []).append((time.perf_counter() - start) * 1000)
                queries[name] = len(captured)
            transaction.set_rollback(True)

    one_run({}, {})  # warm-up
    timings: dict = {}
    queries: dict = {}
    for _ in range(args.runs):
        one_run(timings, queries)
    print(f"| step | median ms | p95 ms | queries |  ({args.runs} runs)")
    print("|---|---:|---:|---:|")
    for name, values in timings.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
        print(f"| {name} | {statistics.median(values):.1f} | {p95:.1f} | {queries[name]} |")


if __name__ == "__main__":
    main()
