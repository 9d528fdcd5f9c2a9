"""Keep reporting_trajectorymonth exact with the triggers of 0003 (PostgreSQL only): every change
they add to a day of reporting_trajectoryday is added to its month too. Then the table is filled
from the days already there, with an index the region's reads use.
"""

from django.db import migrations

ADD_WITH_MONTH = """
    CREATE OR REPLACE FUNCTION trajectory_day_add(
        p_municipality bigint, p_day date, p_sector_group text, p_channel text,
        p_referred integer, p_change integer
    ) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
        p_month date := date_trunc('month', p_day)::date;
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
        INSERT INTO reporting_trajectorymonth AS m
            (municipality_id, month, sector_group, channel, referred, in_service_change)
        VALUES (p_municipality, p_month, p_sector_group, p_channel, p_referred, p_change)
        ON CONFLICT (municipality_id, month, sector_group, channel) DO UPDATE SET
            referred = m.referred + EXCLUDED.referred,
            in_service_change = m.in_service_change + EXCLUDED.in_service_change;
        DELETE FROM reporting_trajectorymonth
        WHERE municipality_id = p_municipality AND month = p_month
          AND sector_group = p_sector_group AND channel = p_channel
          AND referred = 0 AND in_service_change = 0;
    END;
    $$;
"""

DAY_ONLY = """
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
"""

FORWARD = [
    ADD_WITH_MONTH,
    """
    CREATE INDEX trajectory_month_by_month ON reporting_trajectorymonth (month)
    INCLUDE (municipality_id, sector_group, channel, referred, in_service_change);
    """,
    """
    CREATE INDEX trajectory_month_by_municipality ON reporting_trajectorymonth
    (municipality_id, month) INCLUDE (sector_group, channel, referred, in_service_change);
    """,
    """
    INSERT INTO reporting_trajectorymonth
        (municipality_id, month, sector_group, channel, referred, in_service_change)
    SELECT municipality_id, date_trunc('month', day)::date, sector_group, channel,
           SUM(referred), SUM(in_service_change)
    FROM reporting_trajectoryday
    GROUP BY 1, 2, 3, 4
    HAVING SUM(referred) <> 0 OR SUM(in_service_change) <> 0;
    """,
]

BACKWARD = [
    DAY_ONLY,
    "DROP INDEX IF EXISTS trajectory_month_by_month;",
    "DROP INDEX IF EXISTS trajectory_month_by_municipality;",
    "DELETE FROM reporting_trajectorymonth;",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("reporting", "0005_trajectory_month")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
