"""A read of several records is one entry naming every record and person (VNG Verwerkingenlogging:
one action, several processed objects); it is append-only, found by the access request and
removed with its entry by the retention job."""

import json
from dataclasses import replace
from datetime import date, timedelta
from unittest import mock
from uuid import UUID, uuid4

import pytest
from django.db import DataError, IntegrityError, connection, transaction
from django.utils import timezone

from werkbedrijf.candidates import selectors
from werkbedrijf.candidates import services as candidate_services
from werkbedrijf.candidates.models import Trajectory
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.processing_log.models import Action, ProcessedObjects, ProcessingLogEntry
from werkbedrijf.processing_log.services import REINTEGRATION, entries_about, log_processing
from werkbedrijf.retention.services import run_retention
from werkbedrijf.utils.bsn import valid_bsns

pytestmark = pytest.mark.django_db

OBJECTS = ProcessedObjects._meta.db_table


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
    assert stored.processed_pairs() == [(c.uuid, c.uuid) for c in three]
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
    assert not ProcessedObjects.objects.exists()


def test_the_caseload_page_is_one_entry_naming_every_person_shown(consultant, many_referred):
    page = selectors.caseload(consultant, selectors.Filters(), page_size=5)
    [entry] = ProcessingLogEntry.objects.filter(actor=consultant)
    assert entry.detail == "list"
    assert [s for _r, s in entry.processed_pairs()] == [row.candidate.uuid for row in page.rows]
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
        f"UPDATE {OBJECTS} SET data_subject_uuids = record_uuids WHERE entry_id = %s",  # noqa: S608
        f"DELETE FROM {OBJECTS} WHERE entry_id = %s",  # noqa: S608
    ):
        with (
            pytest.raises(IntegrityError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.pk])
    assert len(ProcessedObjects.objects.get(entry_id=entry.pk).pairs()) == 3


def test_the_retention_job_removes_an_expired_list_entry_with_its_objects(consultant, three):
    long_ago = timezone.now() - timedelta(days=8 * 366)
    with mock.patch("django.utils.timezone.now", return_value=long_ago):
        [old] = _read(consultant, three)
    [recent] = _read(consultant, three)
    run_retention(dry_run=False, today=timezone.localdate())
    assert not ProcessingLogEntry.objects.filter(pk=old.pk).exists()
    assert not ProcessedObjects.objects.filter(entry_id=old.pk).exists()
    assert len(ProcessedObjects.objects.get(entry_id=recent.pk).pairs()) == 3


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
    assert [str(r) for r, _s in ProcessingLogEntry.objects.get(pk=entry.pk).processed_pairs()] == [
        upper.lower(),
        "a1b2c3d4-0000-4000-8000-00000000000e",
    ]
    with pytest.raises(ValueError):
        log_processing(
            actor=consultant,
            action=Action.READ,
            record_type="candidates.Candidate",
            objects=[("x}'", "x"), (upper, upper)],
            purpose=REINTEGRATION,
        )


# --- the caseload's page writes its entry in its own statement (selectors.caseload_json) ----------


def _written(entry_ids) -> list:
    """The entries as written, but for what differs per entry (key, UUID, time), with their
    processed objects."""
    entries = []
    for entry in ProcessingLogEntry.objects.filter(pk__in=entry_ids).order_by("pk"):
        values = {
            f.attname: getattr(entry, f.attname)
            for f in ProcessingLogEntry._meta.concrete_fields
            if f.attname not in ("id", "uuid", "occurred_at")
        }
        entries.append((values, sorted(entry.processed_pairs())))
    return entries


def _page_and_entries(actor, filters, page_size, *, separately):
    """caseload_json's page and the entries it wrote: in its statement, or (``separately``) as
    the page read first and then log_processing (its path for a name prefix read in parallel)."""
    before = set(ProcessingLogEntry.objects.values_list("pk", flat=True))
    with mock.patch.object(selectors, "_parallel_page", return_value=separately):
        page = selectors.caseload_json(actor, filters, page_size=page_size, channel="api")
    after = set(ProcessingLogEntry.objects.values_list("pk", flat=True))
    return page, _written(after - before)


@pytest.mark.parametrize(
    ("filters", "page_size", "shown"),
    [
        (selectors.Filters(phase="outflow"), 5, 0),  # nobody shown: no entry
        (selectors.Filters(), 1, 1),  # one: an entry naming the person, no processed objects
        (selectors.Filters(), 5, 5),  # several: one entry with an object per person
        (selectors.Filters(active_only=False), 2, 2),  # two trajectories of one person
        (selectors.Filters(active_only=False), 100, 9),  # the last page
    ],
)
def test_the_caseload_page_logged_in_its_statement_writes_what_log_processing_writes(
    consultant, many_referred, filters, page_size, shown
):
    first = many_referred[0]  # Achternaam000, first in the caseload's order
    closed = Trajectory.objects.get(pk=first.pk)
    closed.pk, closed.uuid, closed.phase, closed.closed_on = None, uuid4(), "outflow", date.today()
    closed.save()
    one, one_entries = _page_and_entries(consultant, filters, page_size, separately=False)
    two, two_entries = _page_and_entries(consultant, filters, page_size, separately=True)
    assert one == two and len(json.loads(one.items)) == shown
    assert one_entries == two_entries and len(one_entries) == (1 if shown else 0)
    if shown == 1:
        assert one_entries[0][0]["record_uuid"] == first.candidate.uuid
        assert one_entries[0][0]["data_subject_uuid"] == first.candidate.uuid
    if filters.active_only is False and page_size == 2:  # the same person twice
        assert one_entries[0][0]["data_subject_uuid"] == first.candidate.uuid
        assert len(one_entries[0][1]) == 2
    if shown > 1:
        rows = json.loads(one.items)
        assert one_entries[0][0]["channel"] == "api" and one_entries[0][0]["detail"] == "list"
        assert sorted(s for _r, s in one_entries[0][1]) == sorted(
            UUID(row["candidate"]["uuid"]) for row in rows
        )


def test_a_caseload_page_whose_entry_cannot_be_written_is_not_answered(consultant, many_referred):
    logged = ProcessingLogEntry.objects.count(), ProcessedObjects.objects.count()
    consultant.username = "x" * 151  # longer than the log's column: the entry's INSERT fails
    with pytest.raises(DataError), transaction.atomic():
        selectors.caseload_json(consultant, selectors.Filters(), page_size=5)
    assert (ProcessingLogEntry.objects.count(), ProcessedObjects.objects.count()) == logged


def test_a_caseload_page_that_fails_writes_no_entry(consultant, many_referred, monkeypatch):
    made = selectors._caseload_json_sql()
    # Every row's JSON divides by zero as PostgreSQL makes it, after the page's ids are chosen.
    failing = ' || 1 / (r."id" - r."id") AS item'
    failing = replace(made, before=made.before.replace(" AS item", failing))
    assert failing.before != made.before
    monkeypatch.setattr(selectors, "_caseload_json_sql", lambda: failing)
    logged = ProcessingLogEntry.objects.count(), ProcessedObjects.objects.count()
    with pytest.raises(DataError), transaction.atomic():
        selectors.caseload_json(consultant, selectors.Filters(), page_size=5)
    assert (ProcessingLogEntry.objects.count(), ProcessedObjects.objects.count()) == logged


def test_the_admin_finds_a_list_read_by_a_person_it_showed(
    client_for, functional_admin, consultant, three
):
    [listed] = _read(consultant, three)
    [without] = _read(consultant, three[1:])
    changelist = "/beheer/processing_log/processinglogentry/"
    page = client_for(functional_admin).get(changelist, {"q": str(three[0].uuid)})
    assert page.status_code == 200
    assert f"{changelist}{listed.pk}/change/" in page.text
    assert f"{changelist}{without.pk}/change/" not in page.text
    page = client_for(functional_admin).get(changelist, {"q": "not-a-uuid"})
    assert page.status_code == 200 and f"{changelist}{listed.pk}/change/" not in page.text
