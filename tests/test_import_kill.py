"""No half-written imports: an import process killed half-way (SIGKILL, so nothing of it gets to
clean up) leaves only whole referrals, and running it again with the same file completes it,
storing every row exactly once.

The command runs as a real process against this test's database. Nothing in the application
waits for the test: the file is made large enough that the process is still busy when the first
rows are in; when it is done too soon the test tries a larger file."""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import imports
from werkbedrijf.candidates.models import Candidate, ContactAssignment, JourneyStep, Trajectory
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.utils.bsn import valid_bsns

ROOT = Path(__file__).resolve().parent.parent
# Rows per attempt, at most imports.MAX_ROWS: the import commits a chunk of imports.CHUNK_ROWS
# (2,000) at a time, so a file must be a few chunks long to be caught half-way.
SIZES = (6_000, 12_000, 20_000)
CAUGHT_AFTER = 25  # rows stored before the kill: clearly under way, far from done
STARTUP_SECONDS = 120  # to wait for the first rows (Django's start and parsing the file)


def write_file(path: Path, bsns: list[str]) -> bytes:
    lines = ["bsn;voornaam;achternaam;geboortedatum;postcode;woonplaats;toelichting"]
    lines += [
        f"{bsn};Kandidaat;Nummer {n};01-05-1990;6511 PP;Nijmegen;Aanmelding in bulk"
        for n, bsn in enumerate(bsns)
    ]
    data = ("\r\n".join(lines) + "\r\n").encode()
    path.write_bytes(data)
    return data


def command(path: Path, username: str) -> list[str]:
    return [
        sys.executable,
        str(ROOT / "manage.py"),
        "import_referrals",
        str(path),
        "--municipality",
        "GM0268",
        "--user",
        username,
    ]


def environment() -> dict:
    """This test's database, by its real name (the test runner's, with its "test_" prefix):
    conf/base.py reads every part of the connection from these variables."""
    db = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "werkbedrijf.conf.ci",
        "DB_ENGINE": "postgresql",
        "DB_NAME": db["NAME"],
        "DB_HOST": db["HOST"],
        "DB_PORT": str(db["PORT"]),
        "DB_USER": db["USER"],
        "DB_PASSWORD": db["PASSWORD"],
        "PYTHONUNBUFFERED": "1",
    }


def stored(bsns: list[str]) -> int:
    """Candidates of this file (its BSNs are one ascending run): cheap enough to poll."""
    return Candidate.objects.filter(bsn__gte=bsns[0], bsn__lte=bsns[-1]).count()


def start_and_kill(path: Path, bsns: list[str], username: str) -> tuple[int, float] | None:
    """Start the import and SIGKILL it once some rows are in. The number of rows stored when it
    died and the rows per second seen, or None when it finished before it could be caught."""
    errors = path.with_suffix(".stderr")
    with errors.open("wb") as stderr:  # a file, not a pipe: a full pipe would stall the import
        process = subprocess.Popen(
            command(path, username),
            cwd=ROOT,
            env=environment(),
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        first_seen = None
        while time.monotonic() < deadline:
            count = stored(bsns)
            if count and first_seen is None:
                first_seen = (time.monotonic(), count)
            if count >= CAUGHT_AFTER:
                break
            if process.poll() is not None:
                break
            time.sleep(0.02)
        else:
            pytest.fail(f"the import stored no {CAUGHT_AFTER} rows in {STARTUP_SECONDS} s")
        if process.poll() is not None:  # done (or failed) before it could be killed
            assert process.returncode == 0, errors.read_text()
            assert stored(bsns) == len(bsns), "the import ran, but not into this test's database"
            return None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        if process.returncode != -signal.SIGKILL:
            return None  # it finished between the last look and the signal
        if stored(bsns) == len(bsns):
            return None  # its last chunk was in before the signal: killed while reporting
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
    count = stored(bsns)
    started, at_start = first_seen or (time.monotonic(), 0)
    rate = (count - at_start) / max(time.monotonic() - started, 1e-3)
    return count, rate


@pytest.mark.django_db(transaction=True)
def test_an_import_killed_half_way_leaves_whole_referrals_and_a_second_run_completes_it(
    make_user, nijmegen, tmp_path
):
    assert connection.vendor == "postgresql", "the import process needs the test's database"
    assert settings.DATABASES["default"]["NAME"].startswith("test_")
    user = make_user(Role.INCOME_CASE_MANAGER, nijmegen)

    for attempt, size in enumerate(SIZES):
        # A fresh range of test BSNs per attempt, so an attempt that ran to its end is no bother.
        bsns = list(valid_bsns(999_000_000 + attempt * 200_000, size))
        path = tmp_path / f"aanmeldingen-{size}.csv"
        data = write_file(path, bsns)
        outcome = start_and_kill(path, bsns, user.username)
        if outcome is not None:
            break
    else:
        pytest.fail(f"the import of {SIZES[-1]} rows finished before it could be killed half-way")
    killed_at, rate = outcome
    print(f"\nkilled after {killed_at} of {size} rows (about {rate:.0f} rows/s)")

    # Killed half-way: some rows stored, not all ...
    assert CAUGHT_AFTER <= killed_at < size
    # ... and every stored row is a whole referral, with nothing else left behind.
    digest = hashlib.sha256(data).hexdigest()
    candidates = list(Candidate.objects.filter(bsn__gte=bsns[0], bsn__lte=bsns[-1]))
    trajectories = list(Trajectory.objects.filter(candidate__in=candidates))
    assert len(trajectories) == len(candidates) == killed_at
    for trajectory in trajectories:
        assert trajectory.phase == "referred" and trajectory.channel == "upload"
    keys = {t.candidate_id: t.import_key for t in trajectories}
    assert keys == {c.pk: imports.import_key(nijmegen, c.bsn, digest) for c in candidates}
    steps = JourneyStep.objects.filter(trajectory__in=trajectories)
    assert sorted(steps.values_list("trajectory_id", "from_phase", "to_phase")) == sorted(
        (t.pk, "", "referred") for t in trajectories
    )
    logged = ProcessingLogEntry.objects.filter(detail="referral", channel="upload")
    uploaded = Trajectory.objects.filter(channel="upload")
    assert {t.uuid for t in trajectories} <= set(uploaded.values_list("uuid", flat=True))
    # No orphans anywhere: no candidate without its trajectory, no trajectory without its step,
    # no step or log entry of a referral that is not there, nothing logged twice.
    assert not Candidate.objects.filter(trajectories__isnull=True).exists()
    assert not Trajectory.objects.filter(steps__isnull=True).exists()
    assert JourneyStep.objects.count() == Trajectory.objects.count()
    assert sorted(logged.values_list("record_uuid", flat=True)) == sorted(
        uploaded.values_list("uuid", flat=True)
    )
    # A referral assigns no contact person (WerkBedrijf does that at the welcome meeting), so an
    # import must not have left any.
    assert not ContactAssignment.objects.exists()

    # Run again with the same file: the rest is stored, nothing twice.
    again = subprocess.run(
        command(path, user.username),
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert again.returncode == 0, again.stderr
    assert (
        f"{size - killed_at} aangemeld, {killed_at} al aangemeld, 0 niet opgeslagen" in again.stdout
    )
    assert stored(bsns) == size
    mine = Trajectory.objects.filter(candidate__bsn__gte=bsns[0], candidate__bsn__lte=bsns[-1])
    assert mine.count() == size
    assert JourneyStep.objects.filter(trajectory__in=mine).count() == size
    assert sorted(logged.values_list("record_uuid", flat=True)) == sorted(
        uploaded.values_list("uuid", flat=True)
    )
