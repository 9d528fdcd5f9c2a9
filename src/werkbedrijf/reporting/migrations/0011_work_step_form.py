"""The employment form on ``reporting_workstep`` (PostgreSQL keeps it; elsewhere it stays "").

"Outflow to work" counts the steps into At work of a period by the employment form of the
trajectory's latest placement started on or before the step (by start, then id). It looked that
placement up per step; at national size 3.75 times DuckDB on the same rows. Here the step to work
carries the form, kept exact by the triggers:

- a step to work that is added (or changed, which 0009 treats as taken away and added) looks up
  its form when its row is written;
- every statement on ``candidates_placement`` (insert, update of its trajectory, start or form,
  delete) sets the form again of the steps to work of the trajectories it touched, where it
  differs.

The wage value joins the instruments' covering index (0004), as their three indicators now read
it in one query. A trajectory's steps to work then carry its municipality, sector group, days and form, and the
indicator reads one index range per period (and municipality). Reversing drops the placement
triggers and restores the step functions of 0009.
"""

import importlib

from django.db import migrations, models

LATEST_FORM = """COALESCE((
        SELECT p.form FROM candidates_placement p
        WHERE p.trajectory_id = {trajectory} AND p.start <= {day}
        ORDER BY p.start DESC, p.id DESC LIMIT 1
    ), '')"""

WORK_STEPS_OF_NEW = f"""
    INSERT INTO reporting_workstep
        (step_id, trajectory_id, municipality_id, sector_group, occurred_on, days, form)
    SELECT n.id, t.id, t.municipality_id, t.sector_group, n.occurred_on,
           n.occurred_on - t.referred_on,
           {LATEST_FORM.format(trajectory="n.trajectory_id", day="n.occurred_on")}
    FROM {{rows}} n JOIN candidates_trajectory t ON t.id = n.trajectory_id
    WHERE n.to_phase = 'at_work';
"""

# The forms of the steps to work of the trajectories in {trajectories} (a query of ids).
FORMS_AGAIN = f"""
    UPDATE reporting_workstep w
    SET form = f.form
    FROM (
        SELECT w2.step_id,
               {LATEST_FORM.format(trajectory="w2.trajectory_id", day="w2.occurred_on")} AS form
        FROM reporting_workstep w2
        WHERE w2.trajectory_id IN ({{trajectories}})
    ) f
    WHERE w.step_id = f.step_id AND w.form IS DISTINCT FROM f.form;
"""

# The forms of the steps already there (also used by bench/scale_population.py after it fills
# the steps to work again with 0008's statement).
FILL = f"""
    UPDATE reporting_workstep w
    SET form = {LATEST_FORM.format(trajectory="w.trajectory_id", day="w.occurred_on")};
"""

PLACEMENT_COLUMNS = ("trajectory_id", "start", "form")


def _changed_trajectories() -> str:
    olds = ", ".join(f"o.{c}" for c in PLACEMENT_COLUMNS)
    news = ", ".join(f"n.{c}" for c in PLACEMENT_COLUMNS)
    return f"""
        SELECT n.trajectory_id FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
        WHERE o.id IS NULL OR ({olds}) IS DISTINCT FROM ({news})
        UNION
        SELECT o.trajectory_id FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id
        WHERE n.id IS NULL OR ({olds}) IS DISTINCT FROM ({news})
    """


def _previous():
    return importlib.import_module("werkbedrijf.reporting.migrations.0009_statement_level_triggers")


def _step_functions(of_new: str) -> list[str]:
    m = _previous()
    return [
        m._function("work_steps_after_insert", of_new.format(rows="new_rows")),
        m._function(
            "work_steps_after_update",
            f"""
            DELETE FROM reporting_workstep
            WHERE step_id IN (
                SELECT id FROM ({m._changed("old_rows", "new_rows", m.STEP_COLUMNS)}) removed
                WHERE to_phase = 'at_work'
            );
            {of_new.format(rows=f"({m._changed('new_rows', 'old_rows', m.STEP_COLUMNS)})")}
            """,
        ),
    ]


def _forward() -> list[str]:
    m = _previous()
    return [
        *_step_functions(WORK_STEPS_OF_NEW),
        m._function(
            "work_step_forms_after_insert",
            FORMS_AGAIN.format(trajectories="SELECT trajectory_id FROM new_rows"),
        ),
        m._function(
            "work_step_forms_after_delete",
            FORMS_AGAIN.format(trajectories="SELECT trajectory_id FROM old_rows"),
        ),
        m._function(
            "work_step_forms_after_update",
            FORMS_AGAIN.format(trajectories=_changed_trajectories()),
        ),
        """
        CREATE TRIGGER work_step_forms_on_insert AFTER INSERT ON candidates_placement
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION work_step_forms_after_insert();
        """,
        """
        CREATE TRIGGER work_step_forms_on_update AFTER UPDATE ON candidates_placement
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION work_step_forms_after_update();
        """,
        """
        CREATE TRIGGER work_step_forms_on_delete AFTER DELETE ON candidates_placement
        REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION work_step_forms_after_delete();
        """,
        FILL,
        # One municipality's steps of a period are one range; the region's the index by day,
        # now with the form.
        """
        CREATE INDEX IF NOT EXISTS work_step_by_municipality ON reporting_workstep
        (municipality_id, occurred_on) INCLUDE (sector_group, trajectory_id, days, form);
        """,
        "DROP INDEX IF EXISTS work_step_by_day;",
        """
        CREATE INDEX work_step_by_day ON reporting_workstep (occurred_on)
        INCLUDE (municipality_id, sector_group, trajectory_id, days, form);
        """,
        # The instruments' three indicators are one read (count, amount, wage value): the wage
        # value (candidates 0013) joins the covering index of 0004, so the read stays index-only.
        "DROP INDEX IF EXISTS instrument_start_cover;",
        """
        CREATE INDEX instrument_start_cover ON candidates_instrument (start)
        INCLUDE (kind, amount, trajectory_id, wage_value);
        """,
    ]


def _backward() -> list[str]:
    m = _previous()
    return [
        "DROP TRIGGER IF EXISTS work_step_forms_on_insert ON candidates_placement;",
        "DROP TRIGGER IF EXISTS work_step_forms_on_update ON candidates_placement;",
        "DROP TRIGGER IF EXISTS work_step_forms_on_delete ON candidates_placement;",
        "DROP FUNCTION IF EXISTS work_step_forms_after_insert();",
        "DROP FUNCTION IF EXISTS work_step_forms_after_update();",
        "DROP FUNCTION IF EXISTS work_step_forms_after_delete();",
        *_step_functions(m.WORK_STEPS_OF_NEW),
        "DROP INDEX IF EXISTS instrument_start_cover;",
        """
        CREATE INDEX instrument_start_cover ON candidates_instrument (start)
        INCLUDE (kind, amount, trajectory_id);
        """,
        "DROP INDEX IF EXISTS work_step_by_municipality;",
        "DROP INDEX IF EXISTS work_step_by_day;",
        """
        CREATE INDEX work_step_by_day ON reporting_workstep (occurred_on)
        INCLUDE (municipality_id, sector_group, trajectory_id, days);
        """,
    ]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements():
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0014_caseload_consultant_indexes"),
        ("reporting", "0010_further_diagnosis_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="workstep",
            name="form",
            field=models.CharField(blank=True, db_default="", max_length=30),
        ),
        migrations.RunPython(_run(_forward), _run(_backward)),
    ]
