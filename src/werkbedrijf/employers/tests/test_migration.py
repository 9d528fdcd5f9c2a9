"""Moving Employer from the candidates app to its own keeps every row: a database taken back to
before the move, given employers and a placement, and migrated forward again, has the same ids and
uuids, the placement still points at its employer, and the content type is the same row.

Slow-ish: it migrates the test database back and forth (marker ``migration``)."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from werkbedrijf.utils.migrating import latest, migrate

pytestmark = [pytest.mark.migration, pytest.mark.django_db(transaction=True)]

LAST_BEFORE_THE_MOVE = ("candidates", "0003_employer_search_indexes")


def constraint_names(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, table))


def test_the_move_of_employers_keeps_their_rows_ids_and_placements():
    old = migrate([("employers", None), LAST_BEFORE_THE_MOVE], [LAST_BEFORE_THE_MOVE])
    try:
        ContentType = old.get_model("contenttypes", "ContentType")
        OldEmployer = old.get_model("candidates", "Employer")
        region = old.get_model("organisations", "Region").objects.create(name="Migratie")
        municipality = old.get_model("organisations", "Organisation").objects.create(
            region=region, name="Gemeente Migratie", kind="municipality", cbs_code="GM9999"
        )
        candidate = old.get_model("candidates", "Candidate").objects.create(
            bsn="999990019",
            first_name="Ådne",
            last_name="Çelik",
            date_of_birth=date(1990, 5, 1),
            municipality=municipality,
        )
        trajectory = old.get_model("candidates", "Trajectory").objects.create(
            candidate=candidate,
            municipality=municipality,
            referred_on=date(2026, 1, 5),
            channel="screen",
            phase="main_route",
            phase_since=date(2026, 1, 5),
        )
        employers = [
            OldEmployer.objects.create(
                name=name, kvk_number=kvk, sector_group="cleaning", contact_name="Els Wit"
            )
            for name, kvk in (("Schoon BV", "12345678"), ("Groen & Co", "87654321"))
        ]
        placement = old.get_model("candidates", "Placement").objects.create(
            trajectory=trajectory,
            employer=employers[1],
            form="regular",
            start=date(2026, 2, 1),
            hours_per_week=Decimal("24.0"),
        )
        content_type, _ = ContentType.objects.get_or_create(
            app_label="candidates", model="employer"
        )
        before = {e.pk: (e.uuid, e.name, e.kvk_number) for e in employers}
        indexes = constraint_names("candidates_employer")
    finally:
        new = migrate(latest(), latest())

    Employer = new.get_model("employers", "Employer")
    after = {e.pk: (e.uuid, e.name, e.kvk_number) for e in Employer.objects.all()}
    assert after == before
    moved = new.get_model("candidates", "Placement").objects.get(pk=placement.pk)
    assert moved.employer_id == employers[1].pk
    assert moved.employer.uuid == employers[1].uuid
    assert new.get_model("contenttypes", "ContentType").objects.get(
        pk=content_type.pk
    ).app_label == ("employers")
    # Every index and constraint kept (the trigram index too, if any); later migrations of the
    # employers app add only those of the size class and the account manager.
    names = constraint_names("employers_employer")
    assert indexes <= names
    assert all("size_class" in n or "account_manager" in n for n in names - indexes)
    # The identity of the renamed table goes on where it was: a new employer gets a new id.
    added = Employer.objects.create(name="Nieuw BV", kvk_number="11223344", sector_group="cleaning")
    assert added.pk not in before and isinstance(added.uuid, uuid.UUID)
