"""Time the bulk referral import (candidates.imports.import_referrals) on PostgreSQL or SQLite.

    BENCH_DB_NAME=werkbedrijf_bench_import .venv/bin/python bench/import.py \
        [--engine postgresql|sqlite] [--rows 20000] [--bad 300] [--sqlite-path var/bench-import.sqlite3]
        [--without-summary-triggers]

Creates the database if missing and migrates it, loads the region's organisations and a case
manager of Nijmegen (``bench-import``), and deletes the referrals of an earlier run of this
benchmark (its BSNs are one run from 970,000,000 upwards, passing the 11-proef, away from the
tests' 999 range and the load test's 980 range). It then writes a CSV of --rows rows of which
--bad are bad, spread evenly through the file (a failing 11-proef, no last name, an unreadable or
future date of birth, a bad postcode or house number or e-mail address, a BSN that is also on an
earlier row), imports it as the upload screen does and imports the same file again (every row
"already referred"). Each line gives rows/s, the queries per row and the machine's load average,
because this 2-core machine is shared and the figures measure the machine as much as the code;
the CPU seconds of this process (not the database's) say what the import itself costs.

--without-summary-triggers (PostgreSQL) measures what the summaries cost: the triggers on the
trajectories and journey steps (reporting's and candidates' summaries) are disabled for the run,
and its referrals are deleted again before they are enabled, so the summaries stay exact.
"""

import argparse
import os
import sys
import time

import _django

BSN_START = 970_000_000


def setup(engine: str, sqlite_path: str) -> None:
    if engine == "postgresql":
        _django.setup(create_database=True)
        return
    sys.path.insert(0, str(_django.ROOT / "src"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "werkbedrijf.conf.ci"
    os.environ["DB_ENGINE"] = "sqlite"
    os.environ["DB_NAME"] = str(_django.ROOT / sqlite_path)
    (_django.ROOT / sqlite_path).parent.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


BAD_KINDS = (
    ("bsn", "123456789"),  # fails the 11-proef
    ("achternaam", ""),
    ("geboortedatum", "31-02-1990"),
    ("geboortedatum", "01-01-2090"),
    ("postcode", "0511 PP"),
    ("huisnummer", "twaalf"),
    ("email", "jan@"),
    ("duplicate", None),
)
HEADER = "bsn;voornaam;tussenvoegsel;achternaam;geboortedatum;straat;huisnummer;postcode;woonplaats;email;warme_overdracht;toelichting"


def make_file(bsns: list[str], rows: int, bad: int) -> tuple[bytes, int]:
    """The CSV and the number of valid rows in it."""
    every = rows // bad if bad else rows + 1
    lines, valid, kind = [HEADER], 0, 0
    for n in range(rows):
        cells = {
            "bsn": bsns[n],
            "voornaam": "Kandidaat",
            "tussenvoegsel": "van der" if n % 3 == 0 else "",
            "achternaam": f"Nummer {n}",
            "geboortedatum": f"{1 + n % 28:02d}-{1 + n % 12:02d}-{1960 + n % 45}",
            "straat": "Molenstraat",
            "huisnummer": str(1 + n % 300),
            "postcode": "6511 PP",
            "woonplaats": "Nijmegen",
            "email": f"kandidaat{n}@example.org",
            "warme_overdracht": "ja" if n % 5 == 0 else "nee",
            "toelichting": "Aanmelding in bulk",
        }
        if bad and n % every == every // 2 and kind < bad:
            column, value = BAD_KINDS[kind % len(BAD_KINDS)]
            kind += 1
            if column == "duplicate":
                cells["bsn"] = bsns[max(n - 7, 0)]
            else:
                cells[column] = value
        else:
            valid += 1
        lines.append(";".join(cells[h] for h in HEADER.split(";")))
    return ("\r\n".join(lines) + "\r\n").encode(), valid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--bad", type=int, default=300)
    parser.add_argument("--sqlite-path", default="var/bench-import.sqlite3")
    parser.add_argument("--without-summary-triggers", action="store_true")
    args = parser.parse_args()
    setup(args.engine, args.sqlite_path)

    from django.core.management import call_command
    from django.db import connection

    from werkbedrijf.accounts.models import Role, User
    from werkbedrijf.accounts.services import create_staff_account
    from werkbedrijf.candidates import imports
    from werkbedrijf.candidates.models import Candidate, JourneyStep, Trajectory
    from werkbedrijf.reference_data import organisations as orgs
    from werkbedrijf.utils.bsn import valid_bsns

    call_command("migrate", verbosity=0)
    orgs.load_organisations()
    nijmegen = orgs.municipality("GM0268")
    actor = User.objects.filter(username="bench-import").first() or create_staff_account(
        username="bench-import",
        organisation=nijmegen,
        roles=[Role.INCOME_CASE_MANAGER],
        password="correct horse battery staple",
    )
    bsns = list(valid_bsns(BSN_START, args.rows))
    mine = Candidate.objects.filter(bsn__gte=bsns[0], bsn__lte=bsns[-1])
    Trajectory.objects.filter(candidate__in=mine).delete()
    mine.delete()
    if connection.vendor == "postgresql":
        # The rows of the previous run are dead tuples now: clean them away before timing.
        with connection.cursor() as cursor:
            for table in (
                "candidates_candidate",
                "candidates_trajectory",
                "candidates_journeystep",
            ):
                cursor.execute(f"VACUUM ANALYZE {table}")
    data, valid = make_file(bsns, args.rows, args.bad)

    queries, in_database = [0], [0.0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            in_database[0] += time.perf_counter() - started

    database = connection.settings_dict["NAME"]
    without = args.without_summary_triggers and connection.vendor == "postgresql"
    print(
        f"{args.engine} ({database}), {args.rows} rows of which {valid} valid"
        + (", summary triggers disabled" if without else "")
    )
    if without:
        summary_triggers(connection, "DISABLE")
    for label in ("first upload", "same file again"):
        queries[0], in_database[0] = 0, 0.0
        load = os.getloadavg()
        started, cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(count):
            report = imports.import_referrals(
                actor=actor, municipality=nijmegen, uploaded_file_bytes=data, filename="bench.csv"
            )
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        after = os.getloadavg()
        print(
            f"  {label}: {seconds:.1f} s, {args.rows / seconds:.0f} rows/s, "
            f"{queries[0] / args.rows:.2f} queries/row, {cpu:.1f} s CPU in Python, "
            f"{in_database[0]:.1f} s in statements; created {report.created}, "
            f"already referred {report.already_referred}, errors {report.errors}; "
            f"load average {load[0]:.1f} -> {after[0]:.1f} (1 min), {after[1]:.1f} (5 min)"
        )
    stored = mine.count()
    assert stored == valid, f"{stored} stored, {valid} valid rows"
    if without:
        # Away while the triggers are still off: the summaries never counted these rows.
        JourneyStep.objects.filter(trajectory__candidate__in=mine).delete()
        Trajectory.objects.filter(candidate__in=mine).delete()
        summary_triggers(connection, "ENABLE")


SUMMARY_TABLES = ("candidates_trajectory", "candidates_journeystep")


def summary_triggers(connection, action: str) -> None:
    """Enable or disable the user triggers of the tables the import writes that keep summaries
    (all their user triggers do); not the constraints' internal triggers."""
    with connection.cursor() as cursor:
        for table in SUMMARY_TABLES:
            cursor.execute(f"ALTER TABLE {table} {action} TRIGGER USER")


if __name__ == "__main__":
    main()
