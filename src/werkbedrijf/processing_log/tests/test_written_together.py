"""Reads logged inside ``written_together`` are written at its end in one statement, each entry
as it would have been written alone; changes are written at once."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from werkbedrijf.candidates import services as candidate_services
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.processing_log.models import Action, ProcessedObjects, ProcessingLogEntry
from werkbedrijf.processing_log.services import REINTEGRATION, log_processing, written_together
from werkbedrijf.utils.bsn import valid_bsns

pytestmark = pytest.mark.django_db

ENTRIES = ProcessingLogEntry._meta.db_table

# What an entry holds besides its own identity and time.
COMPARED = (
    "actor_id",
    "actor_username",
    "organisation_name",
    "organisation_uuid",
    "roles",
    "action",
    "record_type",
    "record_uuid",
    "data_subject_uuid",
    "processing_activity",
    "purpose",
    "legal_basis",
    "channel",
    "detail",
    "trace_id",
)


@pytest.fixture
def people(case_manager, nijmegen):
    return [
        candidate_services.refer_candidate(
            actor=case_manager,
            municipality=nijmegen,
            person=PersonInput(bsn, "Test", f"Achternaam{i:03d}", date(1980, 1, 1)),
        ).candidate
        for i, bsn in enumerate(valid_bsns(999993000, 3))
    ]


def _reads(actor, people) -> list:
    """A read of one record, a read of none (a work profile not made yet), a read of several."""
    first, *rest = people
    one = log_processing(
        actor=actor,
        action=Action.READ,
        record_type="candidates.Candidate",
        records=[first],
        purpose=REINTEGRATION,
    )
    none = log_processing(
        actor=actor,
        action=Action.READ,
        record_type="matching.WorkProfile",
        purpose=REINTEGRATION,
        data_subject_uuid=first.uuid,
        detail="work profile",
    )
    several = log_processing(
        actor=actor,
        action=Action.READ,
        record_type="candidates.Candidate",
        records=rest,
        purpose=REINTEGRATION,
        detail="list",
    )
    return one + none + several


def _stored(entries) -> list[tuple]:
    found = []
    for entry in entries:
        stored = ProcessingLogEntry.objects.get(pk=entry.pk)
        objects = sorted(stored.processed_pairs())
        found.append((*(getattr(stored, name) for name in COMPARED), objects))
    return found


def _inserts(queries) -> int:
    return sum(f"INSERT INTO {ENTRIES}" in q["sql"] for q in queries.captured_queries)


def test_reads_in_the_block_are_written_at_its_end_in_one_statement(consultant, people):
    before = ProcessingLogEntry.objects.count()
    alone = _reads(consultant, people)
    with CaptureQueriesContext(connection) as queries:
        with written_together():
            together = _reads(consultant, people)
            assert ProcessingLogEntry.objects.count() == before + 3  # only those written alone
            assert all(entry.pk is None for entry in together)
        assert _inserts(queries) == 1
    assert ProcessingLogEntry.objects.count() == before + 6
    assert all(entry.pk is not None for entry in together)
    assert _stored(together) == _stored(alone)
    assert [e.record_type for e in together] == [
        "candidates.Candidate",
        "matching.WorkProfile",
        "candidates.Candidate",
    ]
    assert len(ProcessedObjects.objects.get(entry_id=together[2].pk).pairs()) == 2
    times = [ProcessingLogEntry.objects.get(pk=e.pk).occurred_at for e in together]
    assert times == sorted(times)  # each the time of its read


def test_the_reads_are_written_when_the_block_ends_by_an_exception(consultant, people):
    with pytest.raises(RuntimeError), written_together():
        together = _reads(consultant, people)
        raise RuntimeError
    assert len(_stored(together)) == 3


def test_a_change_is_written_at_once_and_a_block_inside_joins_the_outer(consultant, people):
    with CaptureQueriesContext(connection) as queries, written_together():
        [change] = log_processing(
            actor=consultant,
            action=Action.UPDATE,
            record_type="candidates.Candidate",
            records=people[:1],
            purpose=REINTEGRATION,
        )
        assert ProcessingLogEntry.objects.filter(pk=change.pk).exists()
        with written_together():
            inner = _reads(consultant, people)
        assert all(entry.pk is None for entry in inner)
    assert _inserts(queries) == 2
    assert len(_stored(inner)) == 3


def test_one_read_in_the_block_is_written_as_alone(consultant, people):
    with CaptureQueriesContext(connection) as queries:
        with written_together():
            [entry] = log_processing(
                actor=consultant,
                action=Action.READ,
                record_type="candidates.Candidate",
                records=people[:1],
                purpose=REINTEGRATION,
            )
        assert _inserts(queries) == 1
    assert not queries.captured_queries[0]["sql"].startswith("WITH")
    assert ProcessingLogEntry.objects.get(pk=entry.pk).data_subject_uuid == people[0].uuid
