"""A read of several records is one entry naming every record and person (VNG Verwerkingenlogging:
one action, several processed objects); it is append-only, found by the access request and
removed with its entry by the retention job."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from werkbedrijf.candidates import selectors
from werkbedrijf.candidates import services as candidate_services
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.processing_log.models import Action, ProcessedObject, ProcessingLogEntry
from werkbedrijf.processing_log.services import REINTEGRATION, entries_about, log_processing
from werkbedrijf.retention.services import run_retention
from werkbedrijf.utils.bsn import valid_bsns

pytestmark = pytest.mark.django_db

OBJECTS = ProcessedObject._meta.db_table


@pytest.fixture
def many_referred(case_manager, nijmegen):
    return [
        candidate_services.refer_candidate(
            actor=case_manager,
            municipality=nijmegen,
            person=PersonInput(bsn, "Test", f"Achternaam{i:03d}", date(1980, 1, 1)),
        )
        for i, bsn in enumerate(valid_bsns(999992000, 8))
    ]


@pytest.fixture
def three(many_referred):
    return [t.candidate for t in many_referred[:3]]


def _read(actor, candidates, **kwargs):
    return log_processing(
        actor=actor,
        action=Action.READ,
        record_type="candidates.Candidate",
        records=candidates,
        purpose=REINTEGRATION,
        detail="list",
        **kwargs,
    )


def test_a_read_of_several_records_is_one_entry_naming_each(consultant, three):
    [entry] = _read(consultant, three)
    stored = ProcessingLogEntry.objects.get(pk=entry.pk)
    assert stored.actor == consultant and stored.action == Action.READ
    assert stored.record_uuid is None and stored.data_subject_uuid is None
    assert sorted(stored.processed_objects.values_list("record_uuid", "data_subject_uuid")) == (
        sorted((c.uuid, c.uuid) for c in three)
    )
    assert ProcessingLogEntry.objects.filter(actor=consultant).count() == 1


def test_several_records_of_one_person_name_the_person_on_the_entry(consultant, three):
    person = three[0]
    [entry] = _read(consultant, [person, person])
    assert ProcessingLogEntry.objects.get(pk=entry.pk).data_subject_uuid == person.uuid


def test_a_change_of_several_records_is_still_an_entry_each(consultant, three):
    entries = log_processing(
        actor=consultant,
        action=Action.UPDATE,
        record_type="candidates.Candidate",
        records=three,
        purpose=REINTEGRATION,
    )
    assert len(entries) == 3
    assert {e.data_subject_uuid for e in ProcessingLogEntry.objects.filter(actor=consultant)} == {
        c.uuid for c in three
    }
    assert not ProcessedObject.objects.exists()


def test_the_caseload_page_is_one_entry_naming_every_person_shown(consultant, many_referred):
    page = selectors.caseload(consultant, selectors.Filters(), page_size=5)
    [entry] = ProcessingLogEntry.objects.filter(actor=consultant)
    assert entry.detail == "list"
    assert set(entry.processed_objects.values_list("data_subject_uuid", flat=True)) == {
        row.candidate.uuid for row in page.rows
    }
    lean = selectors.caseload_values(consultant, selectors.Filters(), page_size=5)
    assert [r["uuid"] for r in lean.rows] == [r.uuid for r in page.rows]
    assert lean.next_cursor == page.next_cursor
    assert ProcessingLogEntry.objects.filter(actor=consultant).count() == 2


def test_the_entries_about_a_person_include_the_lists_that_showed_them(consultant, three):
    person, other = three[0], three[1]
    [alone] = _read(consultant, [person])
    [listed] = _read(consultant, three)
    [without] = _read(consultant, three[1:])
    found = set(entries_about(person.uuid).values_list("pk", flat=True))
    assert {alone.pk, listed.pk} <= found
    assert without.pk not in found
    assert listed.pk in set(entries_about(other.uuid).values_list("pk", flat=True))
    # by one of the person's records as well
    assert listed.pk in set(entries_about(None, [person.uuid]).values_list("pk", flat=True))


def test_processed_objects_are_append_only(consultant, three):
    [entry] = _read(consultant, three)
    for statement in (
        f"UPDATE {OBJECTS} SET data_subject_uuid = NULL WHERE entry_id = %s",  # noqa: S608
        f"DELETE FROM {OBJECTS} WHERE entry_id = %s",  # noqa: S608
    ):
        with (
            pytest.raises(IntegrityError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.pk])
    assert ProcessedObject.objects.filter(entry_id=entry.pk).count() == 3


def test_the_retention_job_removes_an_expired_list_entry_with_its_objects(consultant, three):
    long_ago = timezone.now() - timedelta(days=8 * 366)
    with mock.patch("django.utils.timezone.now", return_value=long_ago):
        [old] = _read(consultant, three)
    [recent] = _read(consultant, three)
    run_retention(dry_run=False, today=timezone.localdate())
    assert not ProcessingLogEntry.objects.filter(pk=old.pk).exists()
    assert not ProcessedObject.objects.filter(entry_id=old.pk).exists()
    assert ProcessedObject.objects.filter(entry_id=recent.pk).count() == 3


def test_the_uuids_of_a_list_entry_are_checked_whatever_form_they_come_in(consultant):
    upper = "A1B2C3D4-0000-4000-8000-00000000000F"
    pairs = [(upper, upper), ("a1b2c3d4-0000-4000-8000-00000000000e", upper)]
    (entry,) = log_processing(
        actor=consultant,
        action=Action.READ,
        record_type="candidates.Candidate",
        objects=pairs,
        purpose=REINTEGRATION,
    )
    assert {str(o.record_uuid) for o in ProcessedObject.objects.filter(entry_id=entry.pk)} == {
        upper.lower(),
        "a1b2c3d4-0000-4000-8000-00000000000e",
    }
    with pytest.raises(ValueError):
        log_processing(
            actor=consultant,
            action=Action.READ,
            record_type="candidates.Candidate",
            objects=[("x}'", "x"), (upper, upper)],
            purpose=REINTEGRATION,
        )
