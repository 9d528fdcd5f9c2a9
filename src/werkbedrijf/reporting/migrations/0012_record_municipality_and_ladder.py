"""The indicators of one municipality without joining its trajectories (PostgreSQL only).

At national size every indicator over records under a trajectory cost 4 to 8 times as much for one
municipality as for the whole region: the municipality was reachable only through the trajectory,
so PostgreSQL hashed all of that municipality's trajectory ids for each query. Here:

- **The trajectory's municipality on the records** under it (journey steps, activities,
  placements, instruments, sanction signals; the column of candidates 0015). A row trigger before
  every insert, and every update of the record's trajectory or municipality, sets it from the
  trajectory; a statement trigger after an update of trajectories sets it again on the records of
  the trajectories whose municipality changed (a resident's move), after locking them for update.
  The row trigger reads the trajectory with a key-share lock (as the foreign key's check does), so
  a record written during a move either waits for the move and reads its outcome, or makes the
  move's statement trigger wait until the record is committed and then sets it. Filled once per
  table by rewriting it (``ALTER COLUMN ... TYPE bigint USING`` the trajectory's municipality):
  at region size 15 s for the 598,000 activities where ``UPDATE ... FROM`` took 94 s, as it
  writes a new version of every row into every index one by one and leaves the old ones behind,
  while the rewrite writes the table once and builds its indexes again by sorting; no trigger
  fires on it. Covering indexes on (municipality, date) serve the indicators.
- **The ladder per recording** (``reporting_ladderrecording``): each recording with its
  trajectory's municipality, the step recorded first, whether it is the first, and the date of the
  next recording (by date, then id). The latest recording on or before the end of a period is the
  one whose next is later or absent, so "rose at least one step" and "steps reached" read the
  recordings of the period that are not a trajectory's first, for any period. After every
  statement on the recordings the triggers write the rows of the trajectories it touched again,
  after locking those trajectories (a concurrent statement on the same trajectory waits and then
  reads what the first wrote); a move of a trajectory sets their municipality.

Reversing drops the triggers, the functions and the indexes and restores the index of 0004 it
replaced (the model state keeps the columns until candidates 0015 is reversed as well).
"""

import django.db.models.deletion
from django.db import migrations, models


RECORD_TABLES = (
    "candidates_journeystep",
    "candidates_activity",
    "candidates_placement",
    "candidates_instrument",
    "candidates_sanctionsignal",
)
# The trajectory's municipality of a record, for the fill only (dropped after it).
FILL_FUNCTION = """
    CREATE FUNCTION reporting_0012_municipality_of(trajectory bigint) RETURNS bigint
    LANGUAGE sql STABLE AS 'SELECT municipality_id FROM candidates_trajectory WHERE id = trajectory';
"""

INDEXES = {
    "instrument_by_municipality": (
        "candidates_instrument (municipality_id, start) "
        "INCLUDE (kind, amount, trajectory_id, wage_value)"
    ),
    "activity_by_municipality_start": (
        "candidates_activity (municipality_id, kind, start) INCLUDE (trajectory_id)"
    ),
    "activity_by_municipality_end": (
        'candidates_activity (municipality_id, kind, "end") INCLUDE (status, trajectory_id)'
    ),
    "step_further_diagnosis_by_municipality": (
        "candidates_journeystep (municipality_id, occurred_on) INCLUDE (to_phase, trajectory_id) "
        "WHERE from_phase = 'further_diagnosis'"
    ),
    "step_to_work_by_municipality": (
        "candidates_journeystep (municipality_id, occurred_on) INCLUDE (trajectory_id) "
        "WHERE to_phase = 'at_work'"
    ),
    "placement_by_municipality": (
        "candidates_placement (municipality_id, start) INCLUDE (form, actual_end, trajectory_id)"
    ),
    "signal_signalled_by_municipality": (
        "candidates_sanctionsignal (municipality_id, signalled_on) INCLUDE (trajectory_id)"
    ),
    "signal_decided_by_municipality": (
        "candidates_sanctionsignal (municipality_id, decided_on) INCLUDE (decision, trajectory_id)"
    ),
    # The latest recordings of a period: never a trajectory's first.
    "ladder_latest_by_municipality": (
        "reporting_ladderrecording (municipality_id, recorded_on) "
        "INCLUDE (step, first_step, next_recorded_on, trajectory_id) WHERE NOT is_first"
    ),
    "ladder_latest_by_day": (
        "reporting_ladderrecording (recorded_on) "
        "INCLUDE (municipality_id, step, first_step, next_recorded_on, trajectory_id) "
        "WHERE NOT is_first"
    ),
}
# The local choices' activities (0004), now with the municipality, so the read stays index-only.
CHARGED = "activity_charged_cover"
CHARGED_BEFORE = (
    "candidates_activity (charged_to_id, status, start) INCLUDE (units, trajectory_id) "
    "WHERE charged_to_id IS NOT NULL"
)
CHARGED_AFTER = (
    "candidates_activity (charged_to_id, status, start) "
    "INCLUDE (units, trajectory_id, municipality_id) WHERE charged_to_id IS NOT NULL"
)

RECORD_MUNICIPALITY = """
    CREATE OR REPLACE FUNCTION record_municipality_of_trajectory() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        SELECT municipality_id INTO NEW.municipality_id FROM candidates_trajectory
        WHERE id = NEW.trajectory_id FOR KEY SHARE;
        RETURN NEW;
    END;
    $$;
"""

# The ladder's rows of the trajectories in the array ``touched``, written again.
LADDER_AGAIN = """
    IF touched IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM candidates_trajectory WHERE id = ANY (touched) ORDER BY id FOR NO KEY UPDATE;
    DELETE FROM reporting_ladderrecording WHERE trajectory_id = ANY (touched);
    INSERT INTO reporting_ladderrecording (
        recording_id, trajectory_id, municipality_id, recorded_on, step, first_step, is_first,
        next_recorded_on
    )
    SELECT l.id, l.trajectory_id, t.municipality_id, l.recorded_on, l.step,
           first_value(l.step) OVER w, row_number() OVER w = 1, lead(l.recorded_on) OVER w
    FROM candidates_ladderstep l JOIN candidates_trajectory t ON t.id = l.trajectory_id
    WHERE l.trajectory_id = ANY (touched)
    WINDOW w AS (PARTITION BY l.trajectory_id ORDER BY l.recorded_on, l.id)
    ORDER BY l.id;
"""

LADDER_FILL = """
    INSERT INTO reporting_ladderrecording (
        recording_id, trajectory_id, municipality_id, recorded_on, step, first_step, is_first,
        next_recorded_on
    )
    SELECT l.id, l.trajectory_id, t.municipality_id, l.recorded_on, l.step,
           first_value(l.step) OVER w, row_number() OVER w = 1, lead(l.recorded_on) OVER w
    FROM candidates_ladderstep l JOIN candidates_trajectory t ON t.id = l.trajectory_id
    WINDOW w AS (PARTITION BY l.trajectory_id ORDER BY l.recorded_on, l.id);
"""

LADDER_COLUMNS = ("trajectory_id", "recorded_on", "step")


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


def _statement_trigger(name: str, event: str, table: str, tables: str) -> str:
    return f"""
    CREATE TRIGGER {name} AFTER {event} ON {table}
    REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {name.replace("_on_", "_after_")}();
    """


def _changed_ladder_trajectories() -> str:
    olds = ", ".join(f"o.{c}" for c in LADDER_COLUMNS)
    news = ", ".join(f"n.{c}" for c in LADDER_COLUMNS)
    return f"""
        SELECT array_agg(DISTINCT trajectory_id) INTO touched FROM (
            SELECT n.trajectory_id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE ({olds}) IS DISTINCT FROM ({news})
            UNION ALL
            SELECT o.trajectory_id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE ({olds}) IS DISTINCT FROM ({news})
        ) changed;
    """


def _records_moved() -> str:
    """After an update of trajectories: the municipality again on the records (and ladder rows)
    of those whose municipality changed."""
    updates = "".join(
        f"""
        UPDATE {table} r SET municipality_id = t.municipality_id
        FROM candidates_trajectory t
        WHERE t.id = r.trajectory_id AND r.trajectory_id = ANY (moved)
          AND r.municipality_id IS DISTINCT FROM t.municipality_id;
        """
        for table in (*RECORD_TABLES, "reporting_ladderrecording")
    )
    return f"""
        SELECT array_agg(n.id ORDER BY n.id) INTO moved
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.municipality_id IS DISTINCT FROM o.municipality_id;
        IF moved IS NULL THEN
            RETURN NULL;
        END IF;
        PERFORM 1 FROM candidates_trajectory WHERE id = ANY (moved) ORDER BY id FOR UPDATE;
        {updates}
    """


def _forward() -> list[str]:
    statements = [FILL_FUNCTION]
    statements += [
        f"""
        ALTER TABLE {table} ALTER COLUMN municipality_id TYPE bigint
        USING reporting_0012_municipality_of(trajectory_id);
        """
        for table in RECORD_TABLES
    ]
    statements.append("DROP FUNCTION reporting_0012_municipality_of(bigint);")
    statements.append(RECORD_MUNICIPALITY)
    statements += [
        f"""
        CREATE TRIGGER record_municipality
        BEFORE INSERT OR UPDATE OF trajectory_id, municipality_id ON {table}
        FOR EACH ROW EXECUTE FUNCTION record_municipality_of_trajectory();
        """
        for table in RECORD_TABLES
    ]
    statements += [
        LADDER_FILL,
        _function(
            "ladder_recordings_after_insert",
            "SELECT array_agg(DISTINCT trajectory_id) INTO touched FROM new_rows;" + LADDER_AGAIN,
            "DECLARE touched bigint[];",
        ),
        _function(
            "ladder_recordings_after_delete",
            "SELECT array_agg(DISTINCT trajectory_id) INTO touched FROM old_rows;" + LADDER_AGAIN,
            "DECLARE touched bigint[];",
        ),
        _function(
            "ladder_recordings_after_update",
            _changed_ladder_trajectories() + LADDER_AGAIN,
            "DECLARE touched bigint[];",
        ),
        _statement_trigger(
            "ladder_recordings_on_insert",
            "INSERT",
            "candidates_ladderstep",
            "NEW TABLE AS new_rows",
        ),
        _statement_trigger(
            "ladder_recordings_on_update",
            "UPDATE",
            "candidates_ladderstep",
            "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        ),
        _statement_trigger(
            "ladder_recordings_on_delete",
            "DELETE",
            "candidates_ladderstep",
            "OLD TABLE AS old_rows",
        ),
        _function("records_moved_after_update", _records_moved(), "DECLARE moved bigint[];"),
        _statement_trigger(
            "records_moved_on_update",
            "UPDATE",
            "candidates_trajectory",
            "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        ),
    ]
    statements += [f"CREATE INDEX IF NOT EXISTS {n} ON {t};" for n, t in INDEXES.items()]
    statements += [f"DROP INDEX IF EXISTS {CHARGED};", f"CREATE INDEX {CHARGED} ON {CHARGED_AFTER};"]
    return statements


def _backward() -> list[str]:
    statements = [f"DROP TRIGGER IF EXISTS record_municipality ON {t};" for t in RECORD_TABLES]
    statements += [
        "DROP TRIGGER IF EXISTS ladder_recordings_on_insert ON candidates_ladderstep;",
        "DROP TRIGGER IF EXISTS ladder_recordings_on_update ON candidates_ladderstep;",
        "DROP TRIGGER IF EXISTS ladder_recordings_on_delete ON candidates_ladderstep;",
        "DROP TRIGGER IF EXISTS records_moved_on_update ON candidates_trajectory;",
        "DROP FUNCTION IF EXISTS record_municipality_of_trajectory();",
        "DROP FUNCTION IF EXISTS ladder_recordings_after_insert();",
        "DROP FUNCTION IF EXISTS ladder_recordings_after_update();",
        "DROP FUNCTION IF EXISTS ladder_recordings_after_delete();",
        "DROP FUNCTION IF EXISTS records_moved_after_update();",
    ]
    statements += [f"DROP INDEX IF EXISTS {name};" for name in INDEXES]
    statements += [f"DROP INDEX IF EXISTS {CHARGED};", f"CREATE INDEX {CHARGED} ON {CHARGED_BEFORE};"]
    return statements


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements():
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('candidates', '0015_record_municipality'),
        ('organisations', '0001_initial'),
        ('reporting', '0011_work_step_form'),
    ]

    operations = [
        migrations.CreateModel(
            name='LadderRecording',
            fields=[
                ('recording', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='candidates.ladderstep')),
                ('recorded_on', models.DateField()),
                ('step', models.PositiveSmallIntegerField()),
                ('first_step', models.PositiveSmallIntegerField()),
                ('is_first', models.BooleanField()),
                ('next_recorded_on', models.DateField(null=True)),
                ('municipality', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation')),
                ('trajectory', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='candidates.trajectory')),
            ],
            options={
                'verbose_name': 'recording on the participatieladder',
                'verbose_name_plural': 'recordings on the participatieladder',
            },
        ),
        migrations.RunPython(_run(_forward), _run(_backward)),
    ]
