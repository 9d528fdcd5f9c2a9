"""Keep reporting_trajectoryday exact with triggers (PostgreSQL only; elsewhere the indicators
count the trajectories themselves, see indicators.journey).

A trajectory counts in the row of (its municipality, its referral date, its sector group, its
channel): referred +1, and in_service_change +1 unless it was closed on or before the day it was
referred; when it was closed after that day, in_service_change -1 in the row of its closing date.
An insert adds the trajectory, a delete takes it away, a change of one of those columns takes the
old values away and adds the new. A row whose counts both reach 0 is deleted. Then the covering
indexes the indicators read, and the table filled from the trajectories already there.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION trajectory_day_add(
        p_municipality bigint, p_day date, p_sector_group text, p_channel text,
        p_referred integer, p_change integer
    ) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO reporting_trajectoryday AS d
            (municipality_id, day, sector_group, channel, referred, in_service_change)
        VALUES (p_municipality, p_day, p_sector_group, p_channel, p_referred, p_change)
        ON CONFLICT (municipality_id, day, sector_group, channel) DO UPDATE SET
            referred = d.referred + EXCLUDED.referred,
            in_service_change = d.in_service_change + EXCLUDED.in_service_change;
        DELETE FROM reporting_trajectoryday
        WHERE municipality_id = p_municipality AND day = p_day AND sector_group = p_sector_group
          AND channel = p_channel AND referred = 0 AND in_service_change = 0;
    END;
    $$;
    """,
    """
    CREATE OR REPLACE FUNCTION trajectory_day_of(t candidates_trajectory, p_sign integer)
    RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
        running boolean := t.closed_on IS NULL OR t.closed_on > t.referred_on;
    BEGIN
        IF t.municipality_id IS NULL OR t.referred_on IS NULL THEN
            RETURN;
        END IF;
        PERFORM trajectory_day_add(
            t.municipality_id, t.referred_on, t.sector_group, t.channel,
            p_sign, p_sign * running::int
        );
        IF t.closed_on IS NOT NULL AND t.closed_on > t.referred_on THEN
            PERFORM trajectory_day_add(
                t.municipality_id, t.closed_on, t.sector_group, t.channel, 0, -p_sign
            );
        END IF;
    END;
    $$;
    """,
    """
    CREATE OR REPLACE FUNCTION trajectory_day_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE'
           AND NEW.municipality_id IS NOT DISTINCT FROM OLD.municipality_id
           AND NEW.referred_on IS NOT DISTINCT FROM OLD.referred_on
           AND NEW.closed_on IS NOT DISTINCT FROM OLD.closed_on
           AND NEW.sector_group IS NOT DISTINCT FROM OLD.sector_group
           AND NEW.channel IS NOT DISTINCT FROM OLD.channel THEN
            RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            PERFORM trajectory_day_of(OLD, -1);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            PERFORM trajectory_day_of(NEW, 1);
        END IF;
        RETURN NULL;
    END;
    $$;
    """,
    """
    CREATE TRIGGER trajectory_day_on_trajectory
    AFTER INSERT OR DELETE OR UPDATE OF municipality_id, referred_on, closed_on, sector_group, channel
    ON candidates_trajectory
    FOR EACH ROW EXECUTE FUNCTION trajectory_day_changed();
    """,
    # What the indicators read, without visiting the table: the region by day, a municipality by
    # its own days.
    """
    CREATE INDEX trajectory_day_by_day ON reporting_trajectoryday (day)
    INCLUDE (municipality_id, sector_group, channel, referred, in_service_change);
    """,
    """
    CREATE INDEX trajectory_day_by_municipality ON reporting_trajectoryday (municipality_id, day)
    INCLUDE (sector_group, channel, referred, in_service_change);
    """,
    """
    INSERT INTO reporting_trajectoryday
        (municipality_id, day, sector_group, channel, referred, in_service_change)
    SELECT municipality_id, day, sector_group, channel, SUM(referred), SUM(change)
    FROM (
        SELECT municipality_id, referred_on AS day, sector_group, channel, 1 AS referred,
               (closed_on IS NULL OR closed_on > referred_on)::int AS change
        FROM candidates_trajectory
        WHERE municipality_id IS NOT NULL AND referred_on IS NOT NULL
        UNION ALL
        SELECT municipality_id, closed_on, sector_group, channel, 0, -1
        FROM candidates_trajectory
        WHERE municipality_id IS NOT NULL AND closed_on > referred_on
    ) changes
    GROUP BY 1, 2, 3, 4
    HAVING SUM(referred) <> 0 OR SUM(change) <> 0;
    """,
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS trajectory_day_on_trajectory ON candidates_trajectory;",
    "DROP FUNCTION IF EXISTS trajectory_day_changed();",
    "DROP FUNCTION IF EXISTS trajectory_day_of(candidates_trajectory, integer);",
    "DROP FUNCTION IF EXISTS trajectory_day_add(bigint, date, text, text, integer, integer);",
    "DROP INDEX IF EXISTS trajectory_day_by_municipality;",
    "DROP INDEX IF EXISTS trajectory_day_by_day;",
    "DELETE FROM reporting_trajectoryday;",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_trajectory_day"),
        ("candidates", "0011_activity_quarter_triggers"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
