"""The summaries of 0003, 0006 and 0008 kept by statement-level triggers (PostgreSQL only).

The row-level triggers ran an upsert and a delete per trajectory (twice with a closing date) and
per step: a file of 20,000 referrals made 20,000 updates of the same summary row (that day, that
municipality, that channel) in one transaction, each one finding its row at the end of a growing
chain of row versions. The import took 158-247 s with them and 13 s without.

Here every statement on ``candidates_trajectory`` or ``candidates_journeystep`` fires one trigger
after it, which sees all the rows the statement changed (its transition tables, ``new_rows`` and
``old_rows``) and applies them at once: the changes grouped per summary row, one upsert per
summary table, then one delete of the rows whose counts reached 0. What is counted is unchanged
(see 0003 and 0008):

- a trajectory counts in the row of (its municipality, its referral date, its sector group, its
  channel): referred +1 and in service +1 unless it was closed on or before that day; when it was
  closed after that day, in service -1 in the row of its closing date; the month table the same
  per month;
- a journey step into at_work has a ``reporting_workstep`` row with its trajectory's
  municipality, sector group and the days since the referral.

An update compares each row's old and new version by id and acts only on the rows whose counted
columns changed; a row whose id changed counts as taken away and added. PostgreSQL allows
transition tables only on a trigger of one event and without a column list, hence three triggers
per table. Rows are upserted in key order, so concurrent statements lock summary rows in the same
order. Reversing restores the row-level triggers.
"""

import importlib

from django.db import migrations

TRAJECTORY_COLUMNS = ("municipality_id", "referred_on", "closed_on", "sector_group", "channel")
WORK_STEP_TRAJECTORY_COLUMNS = ("municipality_id", "sector_group", "referred_on")
STEP_COLUMNS = ("to_phase", "occurred_on", "trajectory_id")


def _distinct(old: str, new: str, columns) -> str:
    olds = ", ".join(f"{old}.{c}" for c in columns)
    news = ", ".join(f"{new}.{c}" for c in columns)
    return f"({olds}) IS DISTINCT FROM ({news})"


def _changed(rows: str, other: str, columns) -> str:
    """The rows of one transition table whose counted columns differ from the other's row of the
    same id, or that have no row of that id there."""
    return f"""
        SELECT r.* FROM {rows} r LEFT JOIN {other} x ON x.id = r.id
        WHERE x.id IS NULL OR {_distinct("x", "r", columns)}
    """


def _counts_of(rows: str, sign: str) -> str:
    """What the trajectories of ``rows`` add (sign 1) or take away (sign -1) per day."""
    return f"""
        SELECT municipality_id, referred_on AS day, sector_group, channel,
               {sign} AS referred,
               {sign} * (closed_on IS NULL OR closed_on > referred_on)::int AS change
        FROM {rows} WHERE municipality_id IS NOT NULL AND referred_on IS NOT NULL
        UNION ALL
        SELECT municipality_id, closed_on, sector_group, channel, 0, -1 * {sign}
        FROM {rows} WHERE municipality_id IS NOT NULL AND closed_on > referred_on
    """


def _apply_counts(sources: str, changes: str) -> str:
    """One statement: the changes grouped per day and per month, upserted in key order; the ids
    of the rows that reached 0 go into zero_days and zero_months. Then their delete."""
    return f"""
    WITH {sources}
    changes AS ({changes}),
    days AS (
        SELECT municipality_id, day, sector_group, channel,
               SUM(referred)::int AS referred, SUM(change)::int AS change
        FROM changes GROUP BY 1, 2, 3, 4
        HAVING SUM(referred) <> 0 OR SUM(change) <> 0
    ),
    months AS (
        SELECT municipality_id, date_trunc('month', day)::date AS month, sector_group, channel,
               SUM(referred)::int AS referred, SUM(change)::int AS change
        FROM days GROUP BY 1, 2, 3, 4
        HAVING SUM(referred) <> 0 OR SUM(change) <> 0
    ),
    day_rows AS (
        INSERT INTO reporting_trajectoryday AS d
            (municipality_id, day, sector_group, channel, referred, in_service_change)
        SELECT municipality_id, day, sector_group, channel, referred, change
        FROM days ORDER BY 1, 2, 3, 4
        ON CONFLICT (municipality_id, day, sector_group, channel) DO UPDATE SET
            referred = d.referred + EXCLUDED.referred,
            in_service_change = d.in_service_change + EXCLUDED.in_service_change
        RETURNING d.id, d.referred, d.in_service_change
    ),
    month_rows AS (
        INSERT INTO reporting_trajectorymonth AS m
            (municipality_id, month, sector_group, channel, referred, in_service_change)
        SELECT municipality_id, month, sector_group, channel, referred, change
        FROM months ORDER BY 1, 2, 3, 4
        ON CONFLICT (municipality_id, month, sector_group, channel) DO UPDATE SET
            referred = m.referred + EXCLUDED.referred,
            in_service_change = m.in_service_change + EXCLUDED.in_service_change
        RETURNING m.id, m.referred, m.in_service_change
    )
    SELECT (SELECT array_agg(id) FROM day_rows WHERE referred = 0 AND in_service_change = 0),
           (SELECT array_agg(id) FROM month_rows WHERE referred = 0 AND in_service_change = 0)
    INTO zero_days, zero_months;
    IF zero_days IS NOT NULL THEN
        DELETE FROM reporting_trajectoryday
        WHERE id = ANY (zero_days) AND referred = 0 AND in_service_change = 0;
    END IF;
    IF zero_months IS NOT NULL THEN
        DELETE FROM reporting_trajectorymonth
        WHERE id = ANY (zero_months) AND referred = 0 AND in_service_change = 0;
    END IF;
    """


def _function(name: str, body: str, declare: str = "") -> str:
    return f"""
    CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    {declare}
    BEGIN
        {body}
        RETURN NULL;
    END;
    $$;
    """


COUNTS_DECLARE = "DECLARE zero_days bigint[]; zero_months bigint[];"

WORK_STEPS_OF_NEW = """
    INSERT INTO reporting_workstep
        (step_id, trajectory_id, municipality_id, sector_group, occurred_on, days)
    SELECT n.id, t.id, t.municipality_id, t.sector_group, n.occurred_on,
           n.occurred_on - t.referred_on
    FROM {rows} n JOIN candidates_trajectory t ON t.id = n.trajectory_id
    WHERE n.to_phase = 'at_work';
"""

FORWARD = [
    # The row-level triggers and their functions go.
    "DROP TRIGGER IF EXISTS trajectory_day_on_trajectory ON candidates_trajectory;",
    "DROP TRIGGER IF EXISTS work_step_on_trajectory ON candidates_trajectory;",
    "DROP TRIGGER IF EXISTS work_step_on_step ON candidates_journeystep;",
    "DROP FUNCTION IF EXISTS trajectory_day_changed();",
    "DROP FUNCTION IF EXISTS trajectory_day_of(candidates_trajectory, integer);",
    "DROP FUNCTION IF EXISTS trajectory_day_add(bigint, date, text, text, integer, integer);",
    "DROP FUNCTION IF EXISTS work_step_of_trajectory();",
    "DROP FUNCTION IF EXISTS work_step_of_step();",
    # Trajectories.
    _function(
        "trajectory_summaries_after_insert",
        _apply_counts("", _counts_of("new_rows", "1")),
        COUNTS_DECLARE,
    ),
    _function(
        "trajectory_summaries_after_delete",
        _apply_counts("", _counts_of("old_rows", "(-1)")),
        COUNTS_DECLARE,
    ),
    _function(
        "trajectory_summaries_after_update",
        f"""
        IF EXISTS ({_changed("new_rows", "old_rows", TRAJECTORY_COLUMNS)})
           OR EXISTS ({_changed("old_rows", "new_rows", TRAJECTORY_COLUMNS)}) THEN
            {
            _apply_counts(
                f'''
                added AS ({_changed("new_rows", "old_rows", TRAJECTORY_COLUMNS)}),
                removed AS ({_changed("old_rows", "new_rows", TRAJECTORY_COLUMNS)}),
                ''',
                _counts_of("added", "1") + " UNION ALL " + _counts_of("removed", "(-1)"),
            )
        }
        END IF;
        UPDATE reporting_workstep w
        SET municipality_id = n.municipality_id, sector_group = n.sector_group,
            days = w.occurred_on - n.referred_on
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE w.trajectory_id = n.id AND {_distinct("o", "n", WORK_STEP_TRAJECTORY_COLUMNS)};
        """,
        COUNTS_DECLARE,
    ),
    """
    CREATE TRIGGER trajectory_summaries_on_insert AFTER INSERT ON candidates_trajectory
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION trajectory_summaries_after_insert();
    """,
    """
    CREATE TRIGGER trajectory_summaries_on_update AFTER UPDATE ON candidates_trajectory
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION trajectory_summaries_after_update();
    """,
    """
    CREATE TRIGGER trajectory_summaries_on_delete AFTER DELETE ON candidates_trajectory
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION trajectory_summaries_after_delete();
    """,
    # Journey steps.
    _function("work_steps_after_insert", WORK_STEPS_OF_NEW.format(rows="new_rows")),
    _function(
        "work_steps_after_delete",
        """
        DELETE FROM reporting_workstep
        WHERE step_id IN (SELECT id FROM old_rows WHERE to_phase = 'at_work');
        """,
    ),
    _function(
        "work_steps_after_update",
        f"""
        DELETE FROM reporting_workstep
        WHERE step_id IN (
            SELECT id FROM ({_changed("old_rows", "new_rows", STEP_COLUMNS)}) removed
            WHERE to_phase = 'at_work'
        );
        {
            WORK_STEPS_OF_NEW.format(
                rows=f"({_changed('new_rows', 'old_rows', STEP_COLUMNS)})"
            )
        }
        """,
    ),
    """
    CREATE TRIGGER work_steps_on_insert AFTER INSERT ON candidates_journeystep
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION work_steps_after_insert();
    """,
    """
    CREATE TRIGGER work_steps_on_update AFTER UPDATE ON candidates_journeystep
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION work_steps_after_update();
    """,
    """
    CREATE TRIGGER work_steps_on_delete AFTER DELETE ON candidates_journeystep
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION work_steps_after_delete();
    """,
]


def _row_level() -> list[str]:
    """The functions and triggers of 0003 (with the month of 0006) and 0008, as they were."""

    def statements(module):
        return importlib.import_module(f"werkbedrijf.reporting.migrations.{module}").FORWARD

    days, months, steps = (
        statements("0003_trajectory_day_triggers"),
        statements("0006_trajectory_month_triggers"),
        statements("0008_work_step_triggers"),
    )
    return [months[0], days[1], days[2], days[3], *steps[:4]]


BACKWARD_DROP = [
    "DROP TRIGGER IF EXISTS trajectory_summaries_on_insert ON candidates_trajectory;",
    "DROP TRIGGER IF EXISTS trajectory_summaries_on_update ON candidates_trajectory;",
    "DROP TRIGGER IF EXISTS trajectory_summaries_on_delete ON candidates_trajectory;",
    "DROP TRIGGER IF EXISTS work_steps_on_insert ON candidates_journeystep;",
    "DROP TRIGGER IF EXISTS work_steps_on_update ON candidates_journeystep;",
    "DROP TRIGGER IF EXISTS work_steps_on_delete ON candidates_journeystep;",
    "DROP FUNCTION IF EXISTS trajectory_summaries_after_insert();",
    "DROP FUNCTION IF EXISTS trajectory_summaries_after_update();",
    "DROP FUNCTION IF EXISTS trajectory_summaries_after_delete();",
    "DROP FUNCTION IF EXISTS work_steps_after_insert();",
    "DROP FUNCTION IF EXISTS work_steps_after_update();",
    "DROP FUNCTION IF EXISTS work_steps_after_delete();",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD_DROP + _row_level():
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0008_work_step_triggers")]

    operations = [migrations.RunPython(forward, backward)]
