"""Time the load test's heaviest screens one user at a time, with their queries.

    .venv/bin/python bench/screens.py [--runs 20] [--profile "candidate's page"]
        [--users consultant,adviser] [--screens "home,municipal agreement"]

Run bench/population.py first. Each request goes through the full stack (Django's test client,
login with both factors, middleware, templates, processing log) as the synthetic consultant, the
synthetic Inkomen case manager of Nijmegen and a policy adviser of Nijmegen (added once, as
bench/start_page.py does); the candidates are active trajectories of the user's scope, a
different one each run, and the municipal agreements those the user may see
(``municipal_agreements_for``, as bench/load.py picks them), in turn. ``--users`` and
``--screens`` take a comma-separated part of the names (default: all). The table gives per screen the median and p95 over
--runs runs, the median CPU time of this process per request (Python: Django, templates,
psycopg; the database server's CPU not included; the steadier figure on a shared machine), the
queries of one request and the time they took (the time in cursor.execute). The load
average is printed before and after. ``--profile NAME`` prints cProfile's 30 most expensive
functions (cumulative) of that screen instead.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import time

import _django


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--profile", default=None, help="a screen's name: cProfile it")
    parser.add_argument("--users", default=None, help="consultant,case,adviser (default: all)")
    parser.add_argument("--screens", default=None, help="screens' names, comma-separated")
    args = parser.parse_args()

    _django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from werkbedrijf.accounts.models import Role, User
    from werkbedrijf.accounts.services import add_backup_codes, create_staff_account
    from werkbedrijf.agreements.selectors import municipal_agreements_for
    from werkbedrijf.candidates import selectors
    from werkbedrijf.candidates.models import Phase
    from werkbedrijf.conftest import verified_client
    from werkbedrijf.reference_data import organisations as orgs

    def account(username: str, role: str | None = None) -> User:
        user = User.objects.filter(username=username).first()
        if user is None and role is not None:
            user = create_staff_account(
                username=username,
                organisation=orgs.municipality("GM0268"),
                roles=[role],
                password=None,
            )
        assert user is not None, username
        if not user.staticdevice_set.exists():
            add_backup_codes(user, ["11223344"])
        return user

    def chosen(names: str | None, name: str) -> bool:
        return names is None or name in names.split(",")

    users = [
        (role, account(username, new_role))
        for role, username, new_role in [
            ("consultant", "synth-consultant-0001", None),
            ("case manager Nijmegen", "synth-inkomen-gm0268-0001", None),
            ("adviser Nijmegen", "bench-beleid-nijmegen", Role.POLICY_ADVISER),
        ]
        if chosen(args.users, role.split()[0])
    ]

    def sample(user, n: int) -> list[tuple]:
        """Active trajectories of the user's scope, spread over it: (trajectory, candidate, last
        name, last four BSN digits)."""
        rows = list(
            selectors.trajectory_scope(user)
            .exclude(phase__in=[Phase.OUTFLOW, Phase.RETURNED])
            .order_by("id")
            .values_list("uuid", "candidate__uuid", "candidate__last_name", "candidate__bsn")[:5000]
        )
        step = max(1, len(rows) // n)
        return [(t, c, name[:3], bsn[-4:]) for t, c, name, bsn in rows[::step][:n]]

    def screens(role: str, records: list[tuple], agreements: list[str]) -> list[tuple]:
        """(name, function of the run number giving the path), as the load test's users have
        them (bench/load/locustfile.py)."""
        found = []
        if role.startswith("adviser"):
            found.append(("home", lambda i: "/"))
        else:
            found += [
                ("caseload, first page", lambda i: "/kandidaten/?whose=all"),
                ("caseload, name search", lambda i: f"/kandidaten/?whose=all&name={records[i][2]}"),
                (
                    "caseload, part of BSN",
                    lambda i: f"/kandidaten/?whose=all&bsn_part={records[i][3]}",
                ),
                ("candidate's page", lambda i: f"/kandidaten/{records[i][1]}/"),
                (
                    "trajectory's page (redirect)",
                    lambda i: f"/kandidaten/trajecten/{records[i][0]}/",
                ),
            ]
        if role.startswith("case manager"):
            found.append(("Inkomen screen", lambda i: "/kandidaten/inkomen/"))
        found += [
            ("municipal agreement", lambda i: f"/dvo/gemeente/{agreements[i % len(agreements)]}/"),
            ("DVO overview", lambda i: "/dvo/"),
            ("realisation of local choices", lambda i: "/kandidaten/realisatie/"),
        ]
        return [(name, path_of) for name, path_of in found if chosen(args.screens, name)]

    print(f"Database {connection.settings_dict['NAME']}, {args.runs} runs per screen.")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print("| user | screen | median ms | p95 ms | CPU ms | queries | in queries ms | KiB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for role, user in users:
        client = verified_client(user)
        records = sample(user, args.runs + 2) if not role.startswith("adviser") else []
        agreements = [str(ma.uuid) for ma in municipal_agreements_for(user).order_by("pk")]
        for name, path_of in screens(role, records, agreements):
            for i in range(2):  # warm the caches (templates, translations, plans)
                response = client.get(path_of(i))
                assert response.status_code in (200, 302), (name, response.status_code)
            if args.profile == name:
                profiler = cProfile.Profile(time.process_time)
                profiler.enable()
                for i in range(args.runs):
                    client.get(path_of(i))
                profiler.disable()
                print(f"\n{role}, {name}: cProfile of {args.runs} requests (CPU time)")
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
                continue
            times, cpu = [], []
            for i in range(2, args.runs + 2):
                started, started_cpu = time.perf_counter(), time.process_time()
                client.get(path_of(i))
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            spent: list[float] = []

            def timer(execute, sql, params, many, context, spent=spent):
                started = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    spent.append(time.perf_counter() - started)

            with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(timer):
                response = client.get(path_of(2))
            in_queries = sum(spent) * 1000
            print(
                f"| {role} | {name} | {statistics.median(times):.1f} "
                f"| {percentile(times, 0.95):.1f} | {statistics.median(cpu):.1f} "
                f"| {len(queries)} | {in_queries:.1f} "
                f"| {len(response.content) / 1024:.0f} |"
            )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
