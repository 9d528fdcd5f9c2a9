"""Retention: a dry run lists, a real run destroys what has expired, a legal hold stops it, and the
report is kept without personal data."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from werkbedrijf.candidates import services
from werkbedrijf.candidates.models import Candidate, Trajectory
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.processing_log.services import REINTEGRATION, log_processing
from werkbedrijf.retention.models import DestructionReport, LegalHold
from werkbedrijf.retention.services import run_retention

pytestmark = pytest.mark.django_db


def closed_candidate(actor, nijmegen, bsn, closed_on, consultant):
    trajectory = services.refer_candidate(
        actor=actor,
        municipality=nijmegen,
        person=PersonInput(bsn, "Jan", "Jansen", date(1980, 1, 1)),
        referred_on=closed_on,
    )
    services.take_step(
        actor=consultant,
        trajectory=trajectory,
        target="returned",
        occurred_on=closed_on,
        reason="Niet haalbaar",
    )
    return trajectory.candidate


@pytest.fixture
def population(case_manager, nijmegen, consultant):
    today = timezone.localdate()
    old = closed_candidate(
        case_manager, nijmegen, "999990019", today - timedelta(days=8 * 366), consultant
    )
    held = closed_candidate(
        case_manager, nijmegen, "999990020", today - timedelta(days=8 * 366), consultant
    )
    recent = closed_candidate(
        case_manager, nijmegen, "999990032", today - timedelta(days=30), consultant
    )
    LegalHold.objects.create(
        candidate=held, reason="Bezwaarprocedure loopt", placed_on=today, placed_by=consultant
    )
    return old, held, recent


def test_dry_run_lists_but_destroys_nothing(population):
    old, held, recent = population
    report = run_retention(dry_run=True)
    assert report.counts["candidate_file"] == 1
    assert {i["uuid"] for i in report.items if i["action"] == "destroy"} == {str(old.uuid)}
    assert Candidate.objects.count() == 3


def test_run_destroys_expired_files_and_keeps_held_and_recent(population):
    old, held, recent = population
    report = run_retention(dry_run=False)
    assert not Candidate.objects.filter(pk=old.pk).exists()
    assert not Trajectory.objects.filter(candidate_id=old.pk).exists()
    assert set(Candidate.objects.values_list("pk", flat=True)) == {held.pk, recent.pk}
    assert DestructionReport.objects.filter(pk=report.pk, dry_run=False).exists()
    assert {"kind": "candidate_file", "uuid": str(held.uuid), "action": "kept: legal hold"} in (
        report.items
    )


def test_lifting_the_hold_lets_the_file_go(population):
    old, held, recent = population
    LegalHold.objects.filter(candidate=held).update(lifted_on=timezone.localdate())
    run_retention(dry_run=False)
    assert set(Candidate.objects.values_list("pk", flat=True)) == {recent.pk}


def test_report_holds_no_personal_data(population):
    report = run_retention(dry_run=False)
    text = str(report.items) + str(report.counts) + str(report.terms)
    for value in ("999990019", "Jansen", "Jan "):
        assert value not in text


def test_expired_processing_log_entries_are_destroyed(population):
    # The log is append-only in the database (no UPDATE), so the old entry is written in the past.
    long_ago = timezone.now() - timedelta(days=8 * 366)
    with mock.patch("django.utils.timezone.now", return_value=long_ago):
        [entry] = log_processing(
            actor=None, action="read", record_type="candidate", purpose=REINTEGRATION
        )
    total = ProcessingLogEntry.objects.count()
    run_retention(dry_run=False, today=timezone.localdate())
    assert not ProcessingLogEntry.objects.filter(pk=entry.pk).exists()
    assert ProcessingLogEntry.objects.count() == total - 1
