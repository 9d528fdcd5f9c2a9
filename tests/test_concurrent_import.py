"""The same file uploaded by two users at the same moment: every valid row stored exactly once,
every bad row reported by both, nothing partial. Two threads, each with its own database
connection (real PostgreSQL transactions, no test transaction around them), start on a barrier."""

import pytest

from tests.concurrency import race
from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import imports
from werkbedrijf.candidates.models import Candidate, JourneyStep, Trajectory
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.utils.bsn import valid_bsns

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 5_000  # several chunks, so the two uploads overlap in time
BAD_EVERY = 61


def upload_file() -> tuple[bytes, list[str], int]:
    """The file, the BSNs of its valid rows and the number of its bad rows (a failing 11-proef)."""
    lines, valid, bad = ["bsn;voornaam;achternaam;geboortedatum;postcode"], [], 0
    for n, bsn in enumerate(valid_bsns(999_700_000, ROWS)):
        if n % BAD_EVERY == BAD_EVERY - 1:
            lines.append(f"123456789;Fout;Nummer {n};01-05-1990;6511 PP")
            bad += 1
        else:
            lines.append(f"{bsn};Kandidaat;Nummer {n};01-05-1990;6511 PP")
            valid.append(bsn)
    return ("\r\n".join(lines) + "\r\n").encode(), valid, bad


def test_the_same_file_uploaded_twice_at_once_stores_every_row_exactly_once(make_user, nijmegen):
    first = make_user(Role.INCOME_CASE_MANAGER, nijmegen)
    second = make_user(Role.INCOME_CASE_MANAGER, nijmegen)
    data, valid, bad = upload_file()

    def upload(actor):
        return lambda: imports.import_referrals(
            actor=actor, municipality=nijmegen, uploaded_file_bytes=data, filename="lijst.csv"
        )

    results = race(upload(first), upload(second), timeout=300)
    assert [kind for kind, _report in results] == ["ok", "ok"], results
    reports = [report for _kind, report in results]

    # Every valid row was stored by exactly one of the two; the other reports it already referred.
    for rows in zip(*(report.rows for report in reports), strict=True):
        statuses = sorted(r.status for r in rows)
        if rows[0].errors.get("bsn") or rows[1].errors.get("bsn"):
            assert statuses == ["error", "error"], rows
        else:
            assert statuses == ["already_referred", "created"], rows
            assert rows[0].trajectory_uuid == rows[1].trajectory_uuid is not None, rows
    assert sum(report.created for report in reports) == len(valid)
    assert all(report.errors == bad for report in reports)

    # Stored once, whole, and logged once.
    assert sorted(Candidate.objects.values_list("bsn", flat=True)) == sorted(valid)
    assert Trajectory.objects.count() == JourneyStep.objects.count() == len(valid)
    assert not Candidate.objects.filter(trajectories__isnull=True).exists()
    logged = ProcessingLogEntry.objects.filter(detail="referral", channel="upload")
    assert sorted(logged.values_list("record_uuid", flat=True)) == sorted(
        Trajectory.objects.values_list("uuid", flat=True)
    )
