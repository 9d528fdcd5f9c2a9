"""Covering indexes for the indicators on PostgreSQL (measured with bench/indicators.py).

Each indicator selects the records of a period by a date and needs only a few more columns (the
trajectory, a kind, an amount): with those columns in the index (``INCLUDE``) PostgreSQL answers
from the index alone and does not visit the table for every row. The trajectory's own index on
``(id) INCLUDE (municipality_id, sector_group, referred_on)`` lets the join from a record to its
trajectory's municipality read the index alone too.

Not declared in the models' Meta: SQLite has no covering indexes (Django warns about them there).
Nothing here changes the migration state.
"""

from django.db import migrations

INDEXES = {
    "traj_id_cover": "candidates_trajectory (id) INCLUDE (municipality_id, sector_group, referred_on)",
    "traj_returned_closed": (
        "candidates_trajectory (closed_on) INCLUDE (municipality_id, sector_group, return_reason) "
        "WHERE phase = 'returned'"
    ),
    "traj_self_referred": (
        "candidates_trajectory (referred_on) "
        "INCLUDE (municipality_id, sector_group, phase, candidate_id) WHERE channel = 'self'"
    ),
    "step_phase_day_cover": "candidates_journeystep (to_phase, occurred_on) INCLUDE (trajectory_id)",
    "placement_latest": "candidates_placement (trajectory_id, start DESC, id DESC) INCLUDE (form)",
    "placement_start_cover": (
        "candidates_placement (start) INCLUDE (form, actual_end, trajectory_id)"
    ),
    "instrument_start_cover": "candidates_instrument (start) INCLUDE (kind, amount, trajectory_id)",
    "instrument_kind_start": "candidates_instrument (kind, start) INCLUDE (trajectory_id)",
    "activity_kind_start_cover": "candidates_activity (kind, start) INCLUDE (trajectory_id)",
    "activity_charged_cover": (
        "candidates_activity (charged_to_id, status, start) INCLUDE (units, trajectory_id) "
        "WHERE charged_to_id IS NOT NULL"
    ),
    "activity_kind_end_cover": 'candidates_activity (kind, "end") INCLUDE (status, trajectory_id)',
    "signal_signalled_cover": "candidates_sanctionsignal (signalled_on) INCLUDE (trajectory_id)",
    "signal_decided_cover": (
        "candidates_sanctionsignal (decided_on) INCLUDE (decision, trajectory_id)"
    ),
    "ladder_recorded_cover": "candidates_ladderstep (recorded_on) INCLUDE (trajectory_id)",
    "ladder_trajectory_cover": (
        "candidates_ladderstep (trajectory_id, recorded_on, id) INCLUDE (step)"
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, target in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("reporting", "0003_trajectory_day_triggers")]

    operations = [migrations.RunPython(create, drop)]
