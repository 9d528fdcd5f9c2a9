"""Keep reporting_workstep exact with triggers (PostgreSQL only; elsewhere the days to work are
counted from the journey steps and their trajectories, see indicators.journey).

A journey step into at_work has one row: its trajectory, the trajectory's municipality and sector
group, its date and the days since the trajectory's referral. A step inserted, deleted or changed
(phase, date, trajectory) replaces its row; a trajectory whose municipality, sector group or
referral date changes updates the rows of its steps. Then the table is filled from the steps
already there, with the index the indicator reads.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION work_step_of_step() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            DELETE FROM reporting_workstep WHERE step_id = OLD.id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.to_phase = 'at_work' THEN
            INSERT INTO reporting_workstep
                (step_id, trajectory_id, municipality_id, sector_group, occurred_on, days)
            SELECT NEW.id, t.id, t.municipality_id, t.sector_group, NEW.occurred_on,
                   NEW.occurred_on - t.referred_on
            FROM candidates_trajectory t WHERE t.id = NEW.trajectory_id;
        END IF;
        RETURN NULL;
    END;
    $$;
    """,
    """
    CREATE TRIGGER work_step_on_step
    AFTER INSERT OR DELETE OR UPDATE OF to_phase, occurred_on, trajectory_id
    ON candidates_journeystep
    FOR EACH ROW EXECUTE FUNCTION work_step_of_step();
    """,
    """
    CREATE OR REPLACE FUNCTION work_step_of_trajectory() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.municipality_id IS NOT DISTINCT FROM OLD.municipality_id
           AND NEW.sector_group IS NOT DISTINCT FROM OLD.sector_group
           AND NEW.referred_on IS NOT DISTINCT FROM OLD.referred_on THEN
            RETURN NULL;
        END IF;
        UPDATE reporting_workstep
        SET municipality_id = NEW.municipality_id, sector_group = NEW.sector_group,
            days = occurred_on - NEW.referred_on
        WHERE trajectory_id = NEW.id;
        RETURN NULL;
    END;
    $$;
    """,
    """
    CREATE TRIGGER work_step_on_trajectory
    AFTER UPDATE OF municipality_id, sector_group, referred_on ON candidates_trajectory
    FOR EACH ROW EXECUTE FUNCTION work_step_of_trajectory();
    """,
    """
    INSERT INTO reporting_workstep
        (step_id, trajectory_id, municipality_id, sector_group, occurred_on, days)
    SELECT j.id, t.id, t.municipality_id, t.sector_group, j.occurred_on,
           j.occurred_on - t.referred_on
    FROM candidates_journeystep j JOIN candidates_trajectory t ON t.id = j.trajectory_id
    WHERE j.to_phase = 'at_work';
    """,
    """
    CREATE INDEX work_step_by_day ON reporting_workstep (occurred_on)
    INCLUDE (municipality_id, sector_group, trajectory_id, days);
    """,
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS work_step_on_trajectory ON candidates_trajectory;",
    "DROP TRIGGER IF EXISTS work_step_on_step ON candidates_journeystep;",
    "DROP FUNCTION IF EXISTS work_step_of_trajectory();",
    "DROP FUNCTION IF EXISTS work_step_of_step();",
    "DROP INDEX IF EXISTS work_step_by_day;",
    "DELETE FROM reporting_workstep;",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("reporting", "0007_work_step")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
