"""Build a national-size benchmark database from a region-size one, in SQL, in minutes instead of
the generator's hour or more on this machine.

    BENCH_DB_NAME=werkbedrijf_bench_national .venv/bin/python bench/scale_population.py \\
        --source werkbedrijf_bench_region [--candidates 1000000] [--consultants 1000]

The target database is created as a copy of the source (`CREATE DATABASE ... TEMPLATE`), then the
source's synthetic people are copied again and again until there are --candidates of them. Each copy
gets new ids, new uuids and new BSNs that pass the 11-proef (from 901 000 000 upwards, apart from the
generator's numbers), and its own consultants: copy k hands the region's consultant i to national
consultant k·60 + i (modulo --consultants), so a consultant's caseload stays the size it has at region
size, as it would with the generator's 1,000 consultants. Everything else (trajectories, journey steps,
activities, placements, instruments, contact persons, work profiles) is copied with its candidate and
trajectory. The summary tables' triggers stay on, so they stay exact.

The result has the national size and the region's distributions (the generator's national profile is
the region's at a larger size: the same dates from 2021, ten activities per candidate). What it lacks
is variety: each person has sixteen twins with other ids, names repeated. Benchmarks that read by
name prefix see the same share of matches as at region size, which is also what the generator would
give.
"""

# The SQL names only tables and columns of the fixed lists below and of the catalogue.
# ruff: noqa: S608

import argparse
import importlib
import os
import time

import psycopg

# The tables copied with each trajectory or each candidate: (table, the columns naming a user,
# handed to the copy's own consultants).
PER_TRAJECTORY = [
    ("candidates_journeystep", ["recorded_by_id"]),
    ("candidates_activity", []),
    ("candidates_placement", []),
    ("candidates_instrument", []),
    ("candidates_ladderstep", ["recorded_by_id"]),
    ("candidates_furtherdiagnosis", []),
    ("candidates_sanctionsignal", ["decided_by_id", "signalled_by_id"]),
]
PER_CANDIDATE = [
    ("candidates_contactassignment", ["contact_id", "recorded_by_id"]),
    ("matching_workprofile", []),
]


# The tables whose triggers keep the summary tables, and the migrations whose fill statements
# compute those tables from scratch. The triggers are off while copying (row by row they would cost
# more than the copy itself); the summaries are then computed again, exactly as a migration does.
TRIGGERED = [
    "candidates_candidate",
    "candidates_trajectory",
    "candidates_journeystep",
    "candidates_activity",
    "candidates_placement",
    "matching_workprofile",
]
SUMMARIES = {
    "candidates_activityquarter": "werkbedrijf.candidates.migrations.0011_activity_quarter_triggers",
    "reporting_trajectoryday": "werkbedrijf.reporting.migrations.0003_trajectory_day_triggers",
    "reporting_trajectorymonth": "werkbedrijf.reporting.migrations.0006_trajectory_month_triggers",
    "reporting_workstep": "werkbedrijf.reporting.migrations.0008_work_step_triggers",
}


def refill_summaries(cur) -> None:
    for table, module in SUMMARIES.items():
        fills = [
            statement
            for statement in importlib.import_module(module).FORWARD
            if statement.lstrip().startswith(f"INSERT INTO {table}")
        ]
        assert len(fills) == 1, (table, len(fills))
        cur.execute(f"DELETE FROM {table}")
        cur.execute(fills[0])
    # The steps to work's employment form (reporting 0011), from the placements.
    cur.execute(
        importlib.import_module("werkbedrijf.reporting.migrations.0011_work_step_form").FILL
    )
    # The matchable candidates (matching 0003), by the migration's own fill.
    matchable = importlib.import_module("werkbedrijf.matching.migrations.0003_matchable_candidate")
    cur.execute("DELETE FROM matching_matchablecandidate")
    cur.execute(
        f"INSERT INTO matching_matchablecandidate ({matchable.COLUMNS}) {matchable.rows('true')}"
    )


def connect(dbname: str) -> psycopg.Connection:
    return psycopg.connect(
        host=os.environ.get("DB_HOST", "127.0.0.1"),
        port=os.environ.get("DB_PORT", "5432"),
        user=os.environ.get("DB_USER", "postgres"),
        password=os.environ.get("DB_PASSWORD", ""),
        dbname=dbname,
        autocommit=True,
    )


def columns(cur, table: str) -> list[str]:
    cur.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "ORDER BY ordinal_position",
        [table],
    )
    return [r[0] for r in cur.fetchall()]


def copy_select(cur, table: str, replaced: dict[str, str], where: str, joins: str = "") -> int:
    """INSERT INTO table SELECT its columns, with some columns replaced by expressions."""
    names = columns(cur, table)
    select = ", ".join(replaced.get(name, f't."{name}"') for name in names)
    quoted = ", ".join(f'"{name}"' for name in names)
    cur.execute(
        f"INSERT INTO {table} ({quoted}) SELECT {select} FROM {table} t {joins} WHERE {where}"
    )
    return cur.rowcount


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", default="werkbedrijf_bench_region")
    parser.add_argument("--candidates", type=int, default=1_000_000)
    parser.add_argument("--consultants", type=int, default=1000)
    args = parser.parse_args()
    target = os.environ.get("BENCH_DB_NAME", "werkbedrijf_bench_national")
    started = time.monotonic()

    with connect("postgres") as admin:
        admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{args.source}"')
    print(f"copied {args.source} to {target}: {time.monotonic() - started:.0f} s")

    # The national consultants, made by the application's own account service.
    import _django

    _django.DB_NAME = target

    _django.setup()
    from werkbedrijf.accounts.models import Role, User
    from werkbedrijf.accounts.services import create_staff_account
    from werkbedrijf.candidates.synthetic import SYNTHETIC_USERNAME_PREFIX
    from werkbedrijf.reference_data import organisations as orgs

    prefix = f"{SYNTHETIC_USERNAME_PREFIX}consultant-"
    have = set(User.objects.filter(username__startswith=prefix).values_list("username", flat=True))
    for i in range(1, args.consultants + 1):
        username = f"{prefix}{i:04d}"
        if username not in have:
            create_staff_account(
                username=username,
                organisation=orgs.werkbedrijf(),
                roles=[Role.CONSULTANT],
                password=None,
                first_name="Consulent",
                last_name=f"{i:04d}",
                email=f"{username}@example.org",
            )

    with connect(target) as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*), max(id) FROM candidates_candidate WHERE synthetic")
        per_copy, _ = cur.fetchone()
        copies = -(-args.candidates // per_copy) - 1  # beyond the source's own
        print(f"{per_copy:,} synthetic candidates in the source; {copies} copies")
        # Offsets: beyond every id in the table, the same for every copy.
        offsets = {}
        for table in ["candidates_candidate", "candidates_trajectory"] + [
            t for t, _ in PER_TRAJECTORY + PER_CANDIDATE
        ]:
            cur.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
            offsets[table] = 10 ** len(str(cur.fetchone()[0] or 1))
        cur.execute(
            "CREATE TEMP TABLE consultant_map AS "
            "WITH region AS (SELECT id, row_number() OVER (ORDER BY username) - 1 AS i "
            "  FROM accounts_user WHERE username LIKE %s AND username <= %s), "
            "national AS (SELECT id, row_number() OVER (ORDER BY username) - 1 AS i "
            "  FROM accounts_user WHERE username LIKE %s) "
            "SELECT k, region.id AS old_id, national.id AS new_id "
            "FROM generate_series(1, %s) k CROSS JOIN region "
            "JOIN national ON national.i = (k * (SELECT count(*) FROM region) + region.i) %% %s",
            [f"{prefix}%", f"{prefix}0060", f"{prefix}%", copies, args.consultants],
        )
        cur.execute("CREATE INDEX ON consultant_map (k, old_id)")
        # BSNs passing the 11-proef from 901 000 000: nine digits, the last the weighted sum mod 11.
        cur.execute(
            "CREATE TEMP TABLE new_bsn AS SELECT row_number() OVER (ORDER BY p) AS n, "
            "lpad((p * 10 + s %% 11)::text, 9, '0') AS bsn FROM ("
            " SELECT p, (SELECT sum((substr(p::text, i, 1))::int * (10 - i)) "
            "           FROM generate_series(1, 8) i) AS s"
            " FROM generate_series(90100000, 90100000 + %s) p) x WHERE s %% 11 < 10",
            [int(args.candidates * 1.2)],
        )
        cur.execute("CREATE UNIQUE INDEX ON new_bsn (n)")
        cur.execute(
            "CREATE TEMP TABLE source_candidate AS SELECT id, row_number() OVER (ORDER BY id) AS n "
            "FROM candidates_candidate WHERE synthetic"
        )
        remaining = args.candidates - per_copy
        for table in TRIGGERED:
            cur.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        for k in range(1, copies + 1):
            step = time.monotonic()
            take = min(per_copy, remaining)
            remaining -= take
            co = offsets["candidates_candidate"] * k
            to = offsets["candidates_trajectory"] * k
            cur.execute("BEGIN")
            made = copy_select(
                cur,
                "candidates_candidate",
                {
                    "id": f"t.id + {co}",
                    "uuid": "gen_random_uuid()",
                    "bsn": "b.bsn",
                },
                f"s.n <= {take}",
                joins=f"JOIN source_candidate s ON s.id = t.id "
                f"JOIN new_bsn b ON b.n = s.n + {(k - 1) * per_copy}",
            )
            user = "coalesce((SELECT new_id FROM consultant_map m WHERE m.k = {k} AND m.old_id = t.{c}), t.{c})"
            copy_select(
                cur,
                "candidates_trajectory",
                {
                    "id": f"t.id + {to}",
                    "uuid": "gen_random_uuid()",
                    "candidate_id": f"t.candidate_id + {co}",
                    "business_consultant_id": user.format(k=k, c="business_consultant_id"),
                    "import_key": "CASE WHEN t.import_key = '' THEN '' "
                    f"ELSE t.import_key || '-{k}' END",
                },
                f"s.n <= {take}",
                joins="JOIN source_candidate s ON s.id = t.candidate_id",
            )
            by_trajectory = (
                "trajectory_id",
                f"t.trajectory_id + {to}",
                "JOIN candidates_trajectory tr ON tr.id = t.trajectory_id "
                "JOIN source_candidate s ON s.id = tr.candidate_id",
            )
            by_candidate = (
                "candidate_id",
                f"t.candidate_id + {co}",
                "JOIN source_candidate s ON s.id = t.candidate_id",
            )
            for tables, (key, moved, joins) in (
                (PER_TRAJECTORY, by_trajectory),
                (PER_CANDIDATE, by_candidate),
            ):
                for table, users in tables:
                    replaced = {
                        "id": f"t.id + {offsets[table] * k}",
                        "uuid": "gen_random_uuid()",
                        key: moved,
                    }
                    replaced.update({c: user.format(k=k, c=c) for c in users})
                    copy_select(cur, table, replaced, f"s.n <= {take}", joins=joins)
            cur.execute("COMMIT")
            print(f"copy {k}: {made:,} candidates in {time.monotonic() - step:.0f} s", flush=True)
        step = time.monotonic()
        refill_summaries(cur)
        for table in TRIGGERED:
            cur.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        print(f"summary tables computed again: {time.monotonic() - step:.0f} s", flush=True)
        for table in ["candidates_candidate", "candidates_trajectory"] + [
            t for t, _ in PER_TRAJECTORY + PER_CANDIDATE
        ]:
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        cur.execute("ANALYZE")
        cur.execute("SELECT count(*) FROM candidates_candidate")
        total = cur.fetchone()[0]
        cur.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cur.fetchone()[0]
    print(
        f"Generation: {time.monotonic() - started:.0f} s by copying; {total:,} candidates; {size}"
    )


if __name__ == "__main__":
    main()
