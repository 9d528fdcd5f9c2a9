"""An index for the indicator "further diagnoses completed" (PostgreSQL only, as in 0004).

The indicator selects the journey steps out of further diagnosis in a period
(``from_phase = 'further_diagnosis'``, by ``occurred_on``) with their next phase and trajectory.
No index served that: PostgreSQL scanned every journey step, about 70 ms per query at region size
(393,000 steps) and growing with all steps ever recorded (6.5 million at national size). This
partial index holds only the steps out of further diagnosis, with the columns the indicator reads,
so the read is index-only and grows with the steps of the period.
"""

from django.db import migrations

NAME = "step_from_further_diagnosis"
TARGET = (
    "candidates_journeystep (occurred_on) INCLUDE (to_phase, trajectory_id) "
    "WHERE from_phase = 'further_diagnosis'"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON {TARGET}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("reporting", "0009_statement_level_triggers")]

    operations = [migrations.RunPython(create, drop)]
