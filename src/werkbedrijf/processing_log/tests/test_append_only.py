"""The processing log is append-only in the database: neither the ORM nor raw SQL changes it."""

import pytest
from django.db import IntegrityError, connection, transaction

from werkbedrijf.processing_log.models import Action, AppendOnlyError, ProcessingLogEntry
from werkbedrijf.processing_log.services import (
    STAFF_ADMINISTRATION,
    log_processing,
    retention_deletion,
)

TABLE = ProcessingLogEntry._meta.db_table


@pytest.fixture
def entry(policy_adviser_nijmegen, functional_admin):
    [entry] = log_processing(
        actor=functional_admin,
        action=Action.READ,
        record_type="staff account",
        records=[policy_adviser_nijmegen],
        purpose=STAFF_ADMINISTRATION,
    )
    return ProcessingLogEntry.objects.get(pk=entry.pk)


def _refused(statement, *params):
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, params)


def test_an_entry_cannot_be_saved_again(entry):
    entry.purpose = "iets anders"
    with pytest.raises(AppendOnlyError):
        entry.save()


def test_an_entry_cannot_be_deleted_through_the_model(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_the_database_refuses_an_update_through_the_orm(entry):
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        ProcessingLogEntry.objects.filter(pk=entry.pk).update(purpose="iets anders")
    entry.refresh_from_db()
    assert entry.purpose == STAFF_ADMINISTRATION.purpose


def test_the_database_refuses_a_delete_through_the_orm(entry):
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        ProcessingLogEntry.objects.filter(pk=entry.pk).delete()
    assert ProcessingLogEntry.objects.filter(pk=entry.pk).exists()


def test_the_database_refuses_an_update_in_raw_sql(entry):
    _refused(f"UPDATE {TABLE} SET actor_username = %s WHERE id = %s", "iemand", entry.pk)  # noqa: S608
    entry.refresh_from_db()
    assert entry.actor_username == entry.actor.username


def test_the_database_refuses_a_delete_in_raw_sql(entry):
    _refused(f"DELETE FROM {TABLE} WHERE id = %s", entry.pk)  # noqa: S608
    assert ProcessingLogEntry.objects.filter(pk=entry.pk).exists()


def test_new_entries_can_still_be_added(entry, functional_admin):
    log_processing(
        actor=functional_admin,
        action=Action.EXPORT,
        record_type="staff account",
        purpose=STAFF_ADMINISTRATION,
    )
    assert ProcessingLogEntry.objects.count() == 2


def test_only_the_retention_job_may_delete(entry):
    with retention_deletion(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk])  # noqa: S608
    assert not ProcessingLogEntry.objects.filter(pk=entry.pk).exists()


def test_the_retention_permission_ends_with_its_block(entry):
    with retention_deletion():
        pass
    _refused(f"DELETE FROM {TABLE} WHERE id = %s", entry.pk)  # noqa: S608


def test_the_retention_job_may_not_update(entry):
    with pytest.raises(IntegrityError, match="append-only"), retention_deletion():
        ProcessingLogEntry.objects.filter(pk=entry.pk).update(purpose="x")
