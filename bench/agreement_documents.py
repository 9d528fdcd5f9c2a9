"""Time the DVO as a document (PDF and DOCX of the DVO 2024-2025 for Nijmegen, all seven
municipalities' articles and the keuzekaart) and the work list of the cycle.

    .venv/bin/python bench/agreement_documents.py [--runs 20]

Uses the database werkbedrijf_bench_documents (override with BENCH_DB_NAME): creates it if
missing, migrates it and loads the reference data. Prints the median and p95 per operation and
the size of each document.
"""

import argparse
import os
import statistics
import time
from datetime import date

os.environ.setdefault("BENCH_DB_NAME", "werkbedrijf_bench_documents")

import _django  # noqa: E402


def timed(fn, runs):
    fn()
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    _django.setup(create_database=True)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from werkbedrijf.accounts.models import Role, User
    from werkbedrijf.accounts.services import create_staff_account
    from werkbedrijf.agreements import selectors
    from werkbedrijf.agreements.documents.generate import agreement_document
    from werkbedrijf.agreements.models import AgreementVersion
    from werkbedrijf.reference_data import organisations as orgs
    from werkbedrijf.reference_data.loader import load_reference_data

    load_reference_data()
    nijmegen = orgs.municipality("GM0268")
    user = User.objects.filter(username="bench-beleid-nijmegen").first() or create_staff_account(
        username="bench-beleid-nijmegen",
        organisation=nijmegen,
        roles=[Role.POLICY_ADVISER],
        password=None,
    )
    ma = AgreementVersion.objects.get(title="DVO 2024-2025").municipal_agreements.get(
        municipality=nijmegen
    )
    print("| operation | median ms | p95 ms | size |")
    print("| --- | ---: | ---: | ---: |")
    for fmt in ("pdf", "docx"):
        median, p95, (content, _type, _name) = timed(
            lambda fmt=fmt: agreement_document(user, ma, fmt), args.runs
        )
        print(
            f"| DVO 2024-2025 Nijmegen as {fmt.upper()} | {median:.0f} | {p95:.0f} | "
            f"{len(content) // 1024} KiB |"
        )
    median, p95, rows = timed(lambda: selectors.due_steps(user, date(2026, 12, 7)), args.runs)
    print(
        f"| work list of Nijmegen's policy adviser | {median:.1f} | {p95:.1f} | {len(rows)} steps |"
    )


if __name__ == "__main__":
    main()
