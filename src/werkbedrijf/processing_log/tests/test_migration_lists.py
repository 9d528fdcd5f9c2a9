"""Migration 0004 turns the processed objects of each list read (a row per object) into one row
with two lists, in their order, and back again; the lists are append-only, of one length, and
found by the GIN index over both (PostgreSQL).

Slow-ish: it migrates the test database back and forth (marker ``migration``)."""

import uuid

import pytest
from django.db import IntegrityError, connection, transaction

from werkbedrijf.processing_log.models import ProcessedObjects, ProcessingLogEntry
from werkbedrijf.processing_log.services import entries_about
from werkbedrijf.utils.migrating import latest, migrate

pytestmark = [pytest.mark.migration, pytest.mark.django_db(transaction=True)]

BEFORE = ("processing_log", "0003_processed_objects")


def test_the_rows_of_each_list_become_its_two_lists_in_order_and_back():
    people = [uuid.uuid4() for _ in range(3)]
    records = [uuid.uuid4() for _ in range(3)]
    only_record = uuid.uuid4()
    old = migrate([BEFORE], [BEFORE])
    try:
        Entry = old.get_model("processing_log", "ProcessingLogEntry")
        Object = old.get_model("processing_log", "ProcessedObject")
        values = dict(
            actor_username="migratie",
            action="read",
            record_type="candidates.Candidate",
            processing_activity="reintegration",
            purpose="test",
            legal_basis="test",
        )
        listed, other, single = (Entry.objects.create(**values) for _ in range(3))
        # Written out of order: the list keeps the order of the rows' ids.
        for record, person in zip(records, people, strict=True):
            Object.objects.create(entry=listed, record_uuid=record, data_subject_uuid=person)
        Object.objects.create(entry=other, record_uuid=only_record, data_subject_uuid=people[1])
        Object.objects.create(entry=other, record_uuid=None, data_subject_uuid=people[1])
    finally:
        migrate(latest(), latest())

    assert ProcessedObjects.objects.count() == 2
    assert ProcessingLogEntry.objects.get(pk=listed.pk).processed_pairs() == list(
        zip(records, people, strict=True)
    )
    assert ProcessingLogEntry.objects.get(pk=other.pk).processed_pairs() == [
        (only_record, people[1]),
        (None, people[1]),
    ]
    assert ProcessingLogEntry.objects.get(pk=single.pk).processed_pairs() == []
    found = set(entries_about(people[0]).values_list("pk", flat=True))
    assert found == {listed.pk}
    assert set(entries_about(people[1]).values_list("pk", flat=True)) == {listed.pk, other.pk}
    assert set(entries_about(None, [records[2]]).values_list("pk", flat=True)) == {listed.pk}
    # A UUID named only as a record is found as the record, not as a person.
    assert not entries_about(only_record).exists()
    assert set(entries_about(None, [only_record]).values_list("pk", flat=True)) == {other.pk}

    back = migrate([BEFORE], [BEFORE])
    try:
        Object = back.get_model("processing_log", "ProcessedObject")
        rows = list(
            Object.objects.order_by("id").values_list(
                "entry_id", "record_uuid", "data_subject_uuid"
            )
        )
        assert rows == [
            *((listed.pk, r, p) for r, p in zip(records, people, strict=True)),
            (other.pk, only_record, people[1]),
            (other.pk, None, people[1]),
        ]
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            Object.objects.filter(entry_id=other.pk).delete()
    finally:
        migrate(latest(), latest())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index and check: PostgreSQL")
def test_the_lists_are_of_one_length_and_indexed():
    entry = ProcessingLogEntry.objects.create(
        actor_username="x",
        action="read",
        record_type="candidates.Candidate",
        processing_activity="reintegration",
        purpose="test",
        legal_basis="test",
    )
    two, three = [uuid.uuid4()] * 2, [uuid.uuid4()] * 3
    for records, subjects in ((two, three), (two[:1], two[:1])):
        with pytest.raises(IntegrityError, match="processed_objects_pairs"), transaction.atomic():
            ProcessedObjects.objects.create(
                entry=entry, record_uuids=records, data_subject_uuids=subjects
            )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'processed_objects_named'"
        )
        [(definition,)] = cursor.fetchall()
    assert "gin" in definition and "record_uuids || data_subject_uuids" in definition
