"""Generate a synthetic population into the benchmark database and report how long it took.

.venv/bin/python bench/population.py --size region [--replace] [--seed N] [--batch 5000]
"""

import argparse
import time

import _django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="region", choices=("demo", "region", "national"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--count", type=int, default=None, help="override the number of people")
    parser.add_argument("--replace", action="store_true")
    args = parser.parse_args()

    _django.setup(create_database=True)
    from django.core.management import call_command
    from django.db import connection

    from werkbedrijf.candidates import synthetic

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    print(f"migrate + reference data: {time.monotonic() - started:.1f} s")

    result = synthetic.generate_population(
        args.size,
        seed=args.seed,
        batch=args.batch,
        replace=args.replace,
        count=args.count,
        progress=print,
    )
    if result.skipped:
        print("A synthetic population exists already; use --replace to generate it again.")
        return
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    analyze = time.monotonic() - started

    rate = result.candidates / result.seconds if result.seconds else 0
    print()
    print(f"## Synthetic population '{args.size}' (seed {args.seed}, batch {args.batch})")
    print()
    print("| what | rows |")
    print("|---|---:|")
    for label, value in (
        ("candidates", result.candidates),
        ("trajectories", result.trajectories),
        ("journey steps", result.steps),
        ("activities", result.activities),
        ("contact assignments", result.contacts),
    ):
        print(f"| {label} | {value:,} |")
    print()
    print(f"Generation: {result.seconds:.1f} s ({rate:,.0f} candidates/s); ANALYZE {analyze:.1f} s")


if __name__ == "__main__":
    main()
