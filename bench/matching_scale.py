"""Grow a COPY of a benchmark database to a national-size candidate pool for bench/matching.py,
when the national population itself is not at hand: every candidate with an active trajectory and
a work profile is copied ``--copies`` times (new uuid and BSN, the trajectory with it), each copy
with the work profile and postcode of another such candidate, so the copies are not clones; and
synthetic open vacancies are added up to ``--vacancies``.

    createdb -h 127.0.0.1 -U postgres -T werkbedrijf_bench_region wb_scaled
    BENCH_DB_NAME=wb_scaled .venv/bin/python bench/matching_scale.py --copies 16 --vacancies 50000
    BENCH_DB_NAME=wb_scaled .venv/bin/python bench/matching.py --runs 20

Region size has about 12,700 work profiles of which 5,100 in the main route; 16 copies give about
216,000 active trajectories with a profile and 87,000 in the main route, the national figures
(about 211,000 active trajectories). Placements, proposals and the other candidate data are not
copied: the matching reads none of them for a copy (no copy has an open placement).
"""

import argparse
import time

import _django

REFUSED = ("werkbedrijf_bench_region", "werkbedrijf_bench_national")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=16)
    parser.add_argument("--vacancies", type=int, default=50_000)
    args = parser.parse_args()
    _django.setup()
    from django.db import connection, transaction

    from werkbedrijf.candidates.models import Candidate, Trajectory
    from werkbedrijf.matching import synthetic
    from werkbedrijf.matching.models import Vacancy, VacancyStatus, WorkProfile

    if connection.settings_dict["NAME"] in REFUSED:
        raise SystemExit("Grow a copy, never the shared benchmark databases.")
    tables = {
        "c": Candidate._meta.db_table,
        "t": Trajectory._meta.db_table,
        "wp": WorkProfile._meta.db_table,
    }

    def columns(table: str, leave_out: set[str]) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                "ORDER BY ordinal_position",
                [table],
            )
            return [name for (name,) in cursor.fetchall() if name not in leave_out]

    candidate_cols = columns(tables["c"], {"id", "uuid", "bsn", "postcode"})
    trajectory_cols = columns(tables["t"], {"id", "uuid", "candidate_id"})
    profile_cols = columns(tables["wp"], {"id", "uuid", "candidate_id"})
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""CREATE TEMP TABLE base AS
                SELECT row_number() OVER (ORDER BY c.id) - 1 AS rn, c.id AS candidate_id,
                       t.id AS trajectory_id, wp.id AS profile_id, c.postcode
                FROM {tables["c"]} c
                JOIN {tables["t"]} t ON t.candidate_id = c.id
                  AND t.phase NOT IN ('outflow', 'returned')
                JOIN {tables["wp"]} wp ON wp.candidate_id = c.id"""  # noqa: S608
        )
        cursor.execute("SELECT count(*) FROM base")
        (n,) = cursor.fetchone()
    print(f"{n:,} candidates with an active trajectory and a work profile, {args.copies} copies")
    cc = ", ".join(candidate_cols)
    tc = ", ".join(trajectory_cols)
    pc = ", ".join(profile_cols)
    for k in range(1, args.copies + 1):
        shift = (k * 7919) % max(n, 1)  # whose profile and postcode the copy takes
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS copy_map")
            cursor.execute(
                f"""CREATE TEMP TABLE copy_map AS
                WITH src AS (
                    SELECT b.rn, b.trajectory_id, o.profile_id, o.postcode AS new_postcode, c.*
                    FROM base b JOIN {tables["c"]} c ON c.id = b.candidate_id
                    JOIN base o ON o.rn = (b.rn + %(shift)s) %% %(n)s
                ), made AS (
                    INSERT INTO {tables["c"]} (uuid, bsn, postcode, {cc})
                    SELECT gen_random_uuid(), (800000000 + %(k)s * 1000000 + rn)::text, new_postcode,
                           {cc}
                    FROM src
                    RETURNING id, bsn
                )
                SELECT made.id AS candidate_id, src.trajectory_id, src.profile_id
                FROM made JOIN src ON made.bsn = (800000000 + %(k)s * 1000000 + src.rn)::text
                """,  # noqa: S608
                {"shift": shift, "n": n, "k": k},
            )
            cursor.execute(
                f"""INSERT INTO {tables["t"]} (uuid, candidate_id, {tc})
                SELECT gen_random_uuid(), m.candidate_id, {", ".join(f"t.{x}" for x in trajectory_cols)}
                FROM copy_map m JOIN {tables["t"]} t ON t.id = m.trajectory_id"""  # noqa: S608
            )
            cursor.execute(
                f"""INSERT INTO {tables["wp"]} (uuid, candidate_id, {pc})
                SELECT gen_random_uuid(), m.candidate_id, {", ".join(f"wp.{x}" for x in profile_cols)}
                FROM copy_map m JOIN {tables["wp"]} wp ON wp.id = m.profile_id"""  # noqa: S608
            )
        print(f"copy {k}: {time.monotonic() - started:.0f} s")
    open_now = Vacancy.objects.filter(status=VacancyStatus.OPEN).count()
    if args.vacancies > open_now:
        made = synthetic.generate_vacancies(args.vacancies - open_now, seed=2027)
        print(f"{made:,} vacancies added: {time.monotonic() - started:.0f} s")
    with connection.cursor() as cursor:
        for table in tables.values():
            cursor.execute(f"ANALYZE {table}")
        cursor.execute(f"ANALYZE {Vacancy._meta.db_table}")


if __name__ == "__main__":
    main()
