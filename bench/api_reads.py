"""Authenticated JSON reads over HTTP: the candidate list, one candidate and a trivial answer of the
same stack, each for a fixed time under wrk against gunicorn, with the machine's load beside them.

    BENCH_DB_NAME=wb_h12_bench .venv/bin/python bench/api_reads.py [--count 10000] [--seconds 15]
        [--workers 3] [--connections 4] [--out DIR]

The driver creates the database when it is missing, migrates, loads the reference data and
generates a synthetic population of --count people with the region profile when there is none
(bench/population.py does the same at full size); gives an API account of WerkBedrijf (a
consultant, who sees all seven municipalities) a fresh personal token; starts gunicorn with
bench/load/load_settings.py (DEBUG off) and sync workers; and runs wrk with that token against

- trivial: GET /api/v1/bench-unknown, the 404 problem answer of the same stack (authentication
  included, no personal data), the ceiling the other two are set against;
- list:    GET /api/v1/candidates (the caseload, first page of 50);
- detail:  GET /api/v1/candidates/<uuid> (one candidate with the full BSN).

It prints per endpoint the requests per second, the median and p95 latency, the CPU time per
request of the gunicorn workers and of the PostgreSQL backends (from /proc: the figure that least
depends on what else the machine runs), the load average of the machine before and after, and the
list's rate as a share of the trivial endpoint's in the same run. Every list and detail request writes the processing log, as it does in production.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import _django
import load

USERNAME = "bench-api-werkbedrijf"
TOKEN_NAME = "api reads benchmark"
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("P50=%d P95=%d\\n", latency:percentile(50), latency:percentile(95)))
end
"""


def prepare(count: int) -> tuple[str, str]:
    """The population, the account and its token; returns (raw token, a candidate's uuid)."""
    from django.core.management import call_command

    from werkbedrijf.accounts.models import ApiToken, Role
    from werkbedrijf.accounts.services import issue_api_token
    from werkbedrijf.candidates import selectors, synthetic
    from werkbedrijf.candidates.models import Candidate
    from werkbedrijf.reference_data import organisations as orgs

    call_command("migrate", verbosity=0)
    if not Candidate.objects.filter(synthetic=True).exists():
        call_command("load_reference_data", verbosity=0)
        result = synthetic.generate_population("region", count=count, progress=print)
        print(f"population: {result.candidates:,} candidates in {result.seconds:.0f} s")
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    user, _key = load._account(USERNAME, orgs.werkbedrijf(), Role.CONSULTANT)
    ApiToken.objects.filter(user=user, name=TOKEN_NAME).delete()
    _token, raw = issue_api_token(user=user, name=TOKEN_NAME)
    candidate = (
        selectors.candidate_scope(user).filter(synthetic=True).order_by("id").values("uuid")[:1]
    )
    return raw, str(candidate[0]["uuid"])


def in_process() -> tuple:
    """Django's WSGI handler in this process on one database connection kept throughout (a
    gunicorn worker reconnects every CONN_MAX_AGE seconds; a run may take longer, and one
    backend's CPU is then the database's share), with the API account's token and a
    candidate's UUID (``prepare``): (application, token, candidate)."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    connection.settings_dict["CONN_MAX_AGE"] = None
    connection.close()
    token, candidate = prepare(10_000)
    return WSGIHandler(), token, candidate


def wsgi_get(application, path: str, token: str) -> str:
    """GET ``path`` (with its query string) through ``application`` (Django's WSGI handler) in
    this process, as the API account with ``token``; the response's status line."""
    import io
    import sys

    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_AUTHORIZATION": f"Token {token}",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }
    status = []
    b"".join(application(environ, lambda s, _headers, _exc=None: status.append(s)))
    return status[0]


def check(url: str, token: str, expected: int) -> None:
    request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"})  # noqa: S310 (our own http://127.0.0.1 URL)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    if status != expected:
        raise SystemExit(f"{url} answered {status}, expected {expected}")


def cpu_seconds(pids) -> float:
    """User + system CPU of these processes so far (Linux /proc; 0 for one that has gone)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def worker_pids(server_pid: int) -> list[int]:
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def database_pids() -> list[int]:
    """The PostgreSQL backends serving the benchmark database (the server runs on this machine)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [_django.DB_NAME],
        )
        return [row[0] for row in cursor.fetchall()]


def run_wrk(url: str, token: str, seconds: int, connections: int, script: Path, pids=None) -> dict:
    workers, backends = pids or ([], [])
    load_before = os.getloadavg()[0]
    cpu_before = cpu_seconds(workers), cpu_seconds(backends)
    output = subprocess.run(  # noqa: S603 (our own command)
        [
            shutil.which("wrk") or "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "-s",
            str(script),
            "-H",
            f"Authorization: Token {token}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    load_after = os.getloadavg()[0]
    cpu_after = cpu_seconds(workers), cpu_seconds(backends)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50, p95 = (int(x) / 1000 for x in re.search(r"P50=(\d+) P95=(\d+)", output).groups())
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rate": rate,
        "p50": p50,
        "p95": p95,
        "requests": requests,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1) if errors else "",
        "load": (load_before, load_after),
        "worker_ms": (cpu_after[0] - cpu_before[0]) * 1000 / max(requests, 1),
        "database_ms": (cpu_after[1] - cpu_before[1]) * 1000 / max(requests, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000, help="people to generate if none")
    parser.add_argument("--seconds", type=int, default=15, help="per endpoint")
    parser.add_argument("--workers", type=int, default=3)  # the issue's condition
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--port", type=int, default=8712)
    parser.add_argument("--out", type=Path, default=None, help="gunicorn logs (default: temp)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing (apt-get install wrk)")

    _django._create_database()
    load.setup_django()  # bench/load/load_settings.py, as gunicorn runs them
    from django.conf import settings

    load.collect_static(settings.STATIC_ROOT)  # gunicorn's readiness check is the login page
    out = args.out or Path(tempfile.mkdtemp(prefix="api-reads-"))
    out.mkdir(parents=True, exist_ok=True)
    token, candidate = prepare(args.count)
    script = out / "percentiles.lua"
    script.write_text(LUA)

    args.worker_class, args.threads = "sync", 1
    server = load.start_server(args, out)
    base = f"http://127.0.0.1:{args.port}/api/v1"
    endpoints = [
        ("trivial (404 problem)", f"{base}/bench-unknown", 404),
        ("list GET /candidates", f"{base}/candidates", 200),
        ("detail GET /candidates/{uuid}", f"{base}/candidates/{candidate}", 200),
    ]
    results = {}
    try:
        for name, url, expected in endpoints:
            check(url, token, expected)
            # Warm every worker (imports, connections, caches) before measuring.
            run_wrk(url, token, 2, args.connections, script)
            pids = worker_pids(server.pid), database_pids()
            results[name] = run_wrk(url, token, args.seconds, args.connections, script, pids)
            if expected == 200 and results[name]["non_2xx"]:
                raise SystemExit(f"{name}: {results[name]['non_2xx']} non-2xx answers")
    finally:
        server.send_signal(2)
        server.wait(timeout=30)

    cores = os.cpu_count()
    print()
    print(
        f"## API reads: {args.workers} sync gunicorn workers, wrk {args.connections} connections, "
        f"{args.seconds} s per endpoint, {cores} CPUs, database {_django.DB_NAME}"
    )
    print()
    print(
        "| endpoint | requests | req/s | median ms | p95 ms | worker CPU ms/req "
        "| PostgreSQL CPU ms/req | load 1 min before → after |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for name, r in results.items():
        before, after = r["load"]
        print(
            f"| {name} | {r['requests']:,} | {r['rate']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} "
            f"| {r['worker_ms']:.1f} | {r['database_ms']:.1f} | {before:.2f} → {after:.2f} |"
        )
    trivial = results[endpoints[0][0]]["rate"]
    listed = results[endpoints[1][0]]["rate"]
    print()
    print(f"list / trivial in this run: {listed / trivial:.1%}")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
