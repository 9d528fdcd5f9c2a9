"""Load test: 16 staff members and API clients for 10 minutes against the benchmark database.

    .venv/bin/python bench/load.py [--users 16] [--spawn-rate 2] [--run-time 10m] [--out DIR]

Run bench/population.py first. The driver
1. prepares the accounts in the benchmark database, idempotently: WerkBedrijf consultants, Inkomen
   case managers and policy advisers of every municipality (password + a TOTP device whose key the
   load users hold, so they log in through the real two-step login), and API accounts with fresh
   hashed personal tokens; and it picks the records each account may see (policy.candidate_scope
   and the agreements selectors, as the screens do), written to DIR/fixture.json;
2. collects the static files and starts gunicorn on 127.0.0.1 with bench/load/load_settings.py
   (DEBUG off, PBKDF2, whitenoise with compressed hashed files) against the benchmark database;
3. runs locust headless (bench/load/locustfile.py) and writes its CSV files to DIR;
4. stops gunicorn and prints a markdown table per operation (requests, failures, median and p95 in
   ms) with the total error count, also written to DIR/report.md.

Accounts are named load-*; their password is LOAD_PASSWORD (a fixed default: the benchmark
database holds synthetic data only). Referrals written by the load test get BSNs from 980 000 000
upwards (11-proef valid, in the 9xx range that is never issued, apart from the synthetic population
below 912 000 000 and the tests' 9999 9xxxx).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import datetime
from pathlib import Path

import _django

ROOT = _django.ROOT
LOAD_DIR = ROOT / "bench" / "load"
PASSWORD = os.environ.get("LOAD_PASSWORD", "load-test-wachtwoord-2026")
TOKEN_NAME = "load test"
LOAD_BSN_START = 980_000_000
LOAD_BSN_END = 990_000_000
SAMPLE = 400  # records per scope the load users choose from
# No digits side by side: the application's log redaction masks any nine digits that pass the
# 11-proef, also with a space between them, and "200 123456" (status, microseconds) can.
ACCESS_LOG_FORMAT = 'us=%(D)s status=%(s)s op="%({x-load-operation}i)s" "%(r)s"'
ACCESS_LOG_LINE = re.compile(r'^us=(\d+) status=\d{3} op="([^"]*)" ')


def setup_django() -> None:
    sys.path[:0] = [str(ROOT / "src"), str(LOAD_DIR)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "load_settings"
    os.environ["DB_ENGINE"] = "postgresql"
    os.environ["DB_NAME"] = _django.DB_NAME
    import django

    django.setup()


# --- 1. accounts and records -----------------------------------------------------------------------


def _account(username: str, organisation, role: str):
    """The account with this one role, a known password and a fresh TOTP key; returns the key."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from werkbedrijf.accounts.models import User
    from werkbedrijf.accounts.services import create_staff_account, set_roles

    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_staff_account(
            username=username,
            organisation=organisation,
            roles=[role],
            password=PASSWORD,
            first_name="Load",
            last_name=username,
            email=f"{username}@example.org",
        )
    else:
        user.set_password(PASSWORD)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
        set_roles(user=user, roles=[role])
    # One device, a new key per run: the key is only in this run's fixture file.
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    key = secrets.token_hex(20)
    TOTPDevice.objects.create(user=user, name="load", key=key, confirmed=True)
    return user, key


def _records(user) -> dict:
    """Active trajectories, their candidates and name prefixes within what ``user`` may see."""
    from werkbedrijf.candidates.models import CLOSED_PHASES
    from werkbedrijf.candidates.selectors import trajectory_scope

    rows = list(
        trajectory_scope(user)
        .exclude(phase__in=CLOSED_PHASES)
        .order_by("?")
        .values_list("uuid", "candidate__uuid", "candidate__bsn", "candidate__last_name")[:SAMPLE]
    )
    return {
        # A BSN only as its last four digits, the caseload's part-of-BSN search.
        "trajectories": [[str(t), str(c), bsn[-4:]] for t, c, bsn, _ in rows],
        "names": sorted({last[:3] for *_, last in rows if len(last) >= 3}),
    }


def _agreements(user) -> list:
    from werkbedrijf.agreements.selectors import municipal_agreements_for

    return [
        [str(ma.uuid), ma.agreement.years] for ma in municipal_agreements_for(user).order_by("pk")
    ]


def prepare(args) -> dict:
    from axes.models import AccessAttempt
    from django.db import transaction
    from django.db.models import Count

    from werkbedrijf.accounts.models import ApiToken, Role
    from werkbedrijf.accounts.services import issue_api_token
    from werkbedrijf.candidates.models import Candidate
    from werkbedrijf.organisations.models import Organisation, OrganisationKind
    from werkbedrijf.reference_data import organisations as orgs

    werkbedrijf = orgs.werkbedrijf()
    # The largest municipality first: with few load users, Nijmegen's staff are among them.
    municipalities = list(
        Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
        .annotate(size=Count("trajectories"))
        .order_by("-size", "cbs_code")
    )
    if not Candidate.objects.filter(synthetic=True).exists():
        raise SystemExit("No synthetic population: run bench/population.py --size region first.")
    fixture = {
        "password": PASSWORD,
        "accounts": {"consultant": [], "inkomen": [], "adviser": []},
        "api": [],
        "scopes": {},
        "agreements": {},
        "municipalities": {m.cbs_code: str(m.uuid) for m in municipalities},
    }
    with transaction.atomic():
        AccessAttempt.objects.filter(username__startswith="load-").delete()
        representative = {}
        for i in range(1, args.consultants + 1):
            user, key = _account(f"load-consultant-{i:02d}", werkbedrijf, Role.CONSULTANT)
            fixture["accounts"]["consultant"].append(
                {"username": user.username, "totp_key": key, "scope": "werkbedrijf"}
            )
            representative.setdefault("werkbedrijf", user)
        # Round the municipalities: the n-th load user of a kind is the next municipality's.
        for i in range(1, args.case_managers + 1):
            for m in municipalities:
                username = f"load-inkomen-{m.cbs_code.lower()}-{i}"
                user, key = _account(username, m, Role.INCOME_CASE_MANAGER)
                fixture["accounts"]["inkomen"].append(
                    {"username": user.username, "totp_key": key, "scope": m.cbs_code}
                )
                representative.setdefault(m.cbs_code, user)
        for m in municipalities:
            user, key = _account(f"load-beleid-{m.cbs_code.lower()}", m, Role.POLICY_ADVISER)
            fixture["accounts"]["adviser"].append(
                {"username": user.username, "totp_key": key, "scope": m.cbs_code}
            )
            fixture["agreements"][m.cbs_code] = _agreements(user)
        fixture["agreements"]["werkbedrijf"] = _agreements(representative["werkbedrijf"])
        for scope, user in representative.items():
            fixture["scopes"][scope] = _records(user)

        # API clients: personal tokens of their own accounts, re-issued every run.
        api_accounts = [("load-api-werkbedrijf", werkbedrijf, Role.CONSULTANT, "werkbedrijf")]
        api_accounts += [
            (f"load-api-{m.cbs_code.lower()}", m, Role.INCOME_CASE_MANAGER, m.cbs_code)
            for m in municipalities
        ]
        for username, organisation, role, scope in api_accounts:
            user, _key = _account(username, organisation, role)
            ApiToken.objects.filter(user=user, name=TOKEN_NAME).delete()
            _token, raw = issue_api_token(user=user, name=TOKEN_NAME)
            fixture["api"].append({"username": username, "token": raw, "scope": scope})

    last = (
        Candidate.objects.filter(bsn__gte=str(LOAD_BSN_START), bsn__lt=str(LOAD_BSN_END))
        .order_by("-bsn")
        .values_list("bsn", flat=True)
        .first()
    )
    fixture["bsn_start"] = int(last) + 1 if last else LOAD_BSN_START
    return fixture


# --- 2. the application ------------------------------------------------------------------------------


def collect_static(static_root: Path) -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"static files collected in {static_root}")


def start_server(args, out: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "DB_ENGINE": "postgresql",
        "DB_NAME": _django.DB_NAME,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(LOAD_DIR)]),
    }
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "werkbedrijf.wsgi",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--access-logfile",
        str(out / "gunicorn-access.log"),
        # The time in the worker (µs) and the operation the load user names in a header: the
        # report sets it beside the time the load user waited, which includes the queue.
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--error-logfile",
        str(out / "gunicorn-error.log"),
        "--capture-output",  # the application log (errors with tracebacks) goes there too
    ]
    if args.worker_class == "gthread":
        command += ["--threads", str(args.threads)]
    print("$ " + " ".join(command))
    server = subprocess.Popen(command, env=env, cwd=ROOT)  # noqa: S603 (our own command)
    url = f"http://127.0.0.1:{args.port}/accounts/inloggen/"
    for _ in range(120):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {server.returncode}); see {out}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer on {url}")


class LoadSampler(threading.Thread):
    """What else was running: the 1-minute load average every 10 s, and every minute the busiest
    processes (ps) appended to DIR/machine.log."""

    def __init__(self, out: Path):
        super().__init__(daemon=True)
        self.samples: list[float] = []
        self.stopped = threading.Event()
        self.log = out / "machine.log"

    def run(self):
        ticks = 0
        while not self.stopped.wait(10):
            self.samples.append(os.getloadavg()[0])
            if ticks % 6 == 0:
                top = subprocess.run(
                    ["ps", "-eo", "pcpu,etime,args", "--sort=-pcpu", "--cols", "160"],  # noqa: S607
                    capture_output=True,
                    text=True,
                ).stdout.splitlines()[:8]
                with open(self.log, "a") as f:
                    f.write(f"--- {datetime.now().astimezone():%H:%M:%S} load {self.samples[-1]}\n")
                    f.write("\n".join(top) + "\n")
            ticks += 1


# --- 3. locust and 4. the report ------------------------------------------------------------------


def run_locust(args, host: str, fixture_path: Path, out: Path) -> int:
    env = {**os.environ, "LOAD_FIXTURE": str(fixture_path), "LOAD_WAIT": args.wait}
    command = [
        str(ROOT / ".venv" / "bin" / "locust"),
        "-f",
        str(LOAD_DIR / "locustfile.py"),
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        args.run_time,
        "--host",
        host,
        "--csv",
        str(out / "load"),
        "--only-summary",
        "--stop-timeout",
        "10",
    ]
    print("$ " + " ".join(command))
    return subprocess.call(command, env=env, cwd=ROOT)  # noqa: S603 (our own command)


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


def report(out: Path, meta: dict) -> str:
    with open(out / "load_stats.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    total = next((r for r in rows if r["Name"] == "Aggregated"), None)
    operations = sorted((r for r in rows if r["Name"] != "Aggregated"), key=lambda r: r["Name"])
    lines = [
        f"Run of {meta['started']} on {meta['machine']}; {meta['settings']}.",
        "",
        "| operation | requests | failures | median ms | p95 ms | in worker: median | p95 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    server = server_times(out)

    def in_worker(values: list[float]) -> str:
        if not values:
            return "| |"
        return f"{statistics.median(values):.0f} | {percentile(values, 0.95):.0f} |"

    for r in operations:
        lines.append(
            f"| {r['Name']} | {int(_number(r['Request Count'])):,} | "
            f"{int(_number(r['Failure Count'])):,} | {_number(r['50%']):.0f} | "
            f"{_number(r['95%']):.0f} | {in_worker(server.get(r['Name'], []))}"
        )
    if total:
        everything = [t for values in server.values() for t in values]
        lines.append(
            f"| **all** | **{int(_number(total['Request Count'])):,}** | "
            f"**{int(_number(total['Failure Count'])):,}** | **{_number(total['50%']):.0f}** | "
            f"**{_number(total['95%']):.0f}** | {in_worker(everything)}"
        )
        lines += [
            "",
            "Times are what the load users waited (locust; its percentiles are rounded to 10 ms "
            "above 100 ms and to 100 ms above 1 s); 'in worker' is the time each request spent "
            "in a gunicorn worker (access log), so the difference is the wait for a free worker. "
            "A trajectory's page is two requests: the redirect and the candidate's page.",
            "",
            f"Errors: {int(_number(total['Failure Count']))} failed requests of "
            f"{int(_number(total['Request Count'])):,} "
            f"({_number(total['Requests/s']):.1f} requests/s on average).",
        ]
    failures_file = out / "load_failures.csv"
    if failures_file.exists():
        with open(failures_file, newline="") as f:
            for r in csv.DictReader(f):
                lines.append(f"- {r['Occurrences']} × {r['Method']} {r['Name']}: {r['Error']}")
    lines.append(f"Server log: {meta['server_errors']} lines at ERROR level or with a traceback.")
    lines.append(meta["written"])
    if meta.get("worker_cpu") is not None and total and _number(total["Request Count"]):
        served = sum(len(v) for v in server.values()) or int(_number(total["Request Count"]))
        busy = sum(t for values in server.values() for t in values) / 1000
        lines.append(
            f"gunicorn workers used {meta['worker_cpu']:.0f} CPU seconds for {served:,} requests: "
            f"{1000 * meta['worker_cpu'] / served:.0f} ms of CPU per request on average "
            f"(the database's CPU not included); they were busy {busy:.0f} s in all."
        )
    if meta.get("load"):
        lines.append(f"Machine load average (1 min) during the run: {meta['load']}.")
    return "\n".join(lines) + "\n"


def _written(since: datetime) -> str:
    """What the load users' requests wrote to the processing log, and the candidates referred."""
    from django.db.models import Count

    from werkbedrijf.candidates.models import Candidate
    from werkbedrijf.processing_log.models import ProcessingLogEntry

    entries = ProcessingLogEntry.objects.filter(
        actor_username__startswith="load-", occurred_at__gte=since
    )
    actions = dict(entries.values_list("action").annotate(n=Count("id")).order_by())
    by_action = ", ".join(f"{action} {n:,}" for action, n in sorted(actions.items()))
    referred = Candidate.objects.filter(
        bsn__gte=str(LOAD_BSN_START), bsn__lt=str(LOAD_BSN_END), created_at__gte=since
    ).count()
    return (
        f"Processing log: {sum(actions.values()):,} entries written by the load users "
        f"({by_action}); {referred:,} candidates referred."
    )


def _worker_cpu_seconds(master: int) -> float:
    """CPU time (user + system) the gunicorn workers used so far; read before they stop."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:  # ppid; utime and stime follow at 11 and 12
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def server_times(out: Path) -> dict[str, list[float]]:
    """Per operation, the milliseconds each of its requests spent in a gunicorn worker."""
    times: dict[str, list[float]] = {}
    path = out / "gunicorn-access.log"
    if not path.exists():
        return times
    with open(path, errors="replace") as f:
        for line in f:
            found = ACCESS_LOG_LINE.match(line)
            if found and found.group(2) not in ("", "-"):
                times.setdefault(found.group(2), []).append(int(found.group(1)) / 1000)
    return times


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def _server_errors(out: Path) -> int:
    path = out / "gunicorn-error.log"
    if not path.exists():
        return 0
    text = path.read_text(errors="replace").splitlines()
    return sum(1 for line in text if " ERROR " in line or line.startswith("Traceback"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--spawn-rate", type=float, default=2)
    parser.add_argument("--run-time", default="10m", help="locust's --run-time, e.g. 10m, 90s")
    parser.add_argument("--wait", default="1,4", help="think time between tasks, min,max seconds")
    parser.add_argument("--out", type=Path, default=None, help="default var/load/<time>")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--worker-class", default="sync", choices=("sync", "gthread"))
    parser.add_argument("--threads", type=int, default=4, help="per worker, with gthread")
    parser.add_argument("--host", default=None, help="use a running server instead of gunicorn")
    parser.add_argument("--consultants", type=int, default=24, help="consultant accounts")
    parser.add_argument("--case-managers", type=int, default=3, help="per municipality")
    parser.add_argument("--prepare-only", action="store_true")
    args = parser.parse_args()

    started = datetime.now().astimezone()
    out = args.out or ROOT / "var" / "load" / started.strftime("%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    static_root = out.parent / "static"
    os.environ["LOAD_STATIC_ROOT"] = str(static_root)
    setup_django()
    from django.db import connection

    begun = time.monotonic()
    from django.core.management import call_command

    call_command("migrate", verbosity=1)  # as bench/population.py: the code under test decides
    fixture = prepare(args)
    fixture_path = out / "fixture.json"
    fixture_path.touch(mode=0o600)
    fixture_path.write_text(json.dumps(fixture, indent=1))
    print(
        f"prepared {sum(len(v) for v in fixture['accounts'].values())} staff accounts and "
        f"{len(fixture['api'])} API tokens in {_django.DB_NAME} "
        f"({time.monotonic() - begun:.1f} s); fixture {fixture_path}"
    )
    if args.prepare_only:
        return
    server = None
    worker_cpu = None
    host = args.host
    if host is None:
        collect_static(static_root)
        connection.close()
        server = start_server(args, out)
        host = f"http://127.0.0.1:{args.port}"
        started_cpu = _worker_cpu_seconds(server.pid)  # booting the workers is not the load
    connection.close()
    sampler = LoadSampler(out)
    sampler.start()
    try:
        code = run_locust(args, host, fixture_path, out)
    finally:
        sampler.stopped.set()
        if server is not None:
            worker_cpu = _worker_cpu_seconds(server.pid) - started_cpu
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
    samples = sampler.samples
    settings = (
        f"{args.users} users, spawn rate {args.spawn_rate}/s, {args.run_time}, think time "
        f"{args.wait.replace(',', '-')} s; "
        + (
            f"gunicorn {args.workers} {args.worker_class} workers"
            + (f" × {args.threads} threads" if args.worker_class == "gthread" else "")
            + ", bench/load/load_settings.py"
            if server is not None
            else f"server {host}"
        )
        + f", database {_django.DB_NAME}"
    )
    meta = {
        "started": started.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": f"{os.cpu_count()} CPUs, {os.uname().sysname} {os.uname().release}",
        "settings": settings,
        "server_errors": _server_errors(out),
        "written": _written(started),
        "worker_cpu": worker_cpu,
        "load": (f"mean {statistics.mean(samples):.2f}, max {max(samples):.2f}" if samples else ""),
    }
    text = report(out, meta)
    (out / "report.md").write_text(text)
    print()
    print(text)
    print(f"CSV files and logs in {out}")
    sys.exit(code)


if __name__ == "__main__":
    main()
