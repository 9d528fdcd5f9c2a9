"""Keep candidates_activityquarter exact with triggers (PostgreSQL only; elsewhere the report
aggregate is computed from the activities, see selectors.activity_quarters).

Every activity counts in the row of (year, quarter of its start, its trajectory's municipality,
its trajectory's person): +1 when it is inserted, -1 when deleted, -1 then +1 when its trajectory,
start, status or units change; a trajectory that changes municipality or person moves its
activities; a changed date of birth recounts "under 27". A row whose activities reach 0 is
deleted. Then the table is filled from the activities already there.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION activity_quarter_add(
        p_municipality bigint, p_candidate bigint, p_date_of_birth date,
        p_start date, p_status text, p_units numeric, p_sign integer
    ) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        IF p_municipality IS NULL OR p_candidate IS NULL OR p_start IS NULL THEN
            RETURN;
        END IF;
        INSERT INTO candidates_activityquarter AS q
            (municipality_id, year, quarter, candidate_id, activities, completed, units, under_27)
        VALUES (
            p_municipality, EXTRACT(YEAR FROM p_start), EXTRACT(QUARTER FROM p_start), p_candidate,
            p_sign, p_sign * (p_status = 'completed')::int, p_sign * p_units,
            p_sign * (p_date_of_birth > p_start - INTERVAL '27 years')::int
        )
        ON CONFLICT (year, quarter, municipality_id, candidate_id) DO UPDATE SET
            activities = q.activities + EXCLUDED.activities,
            completed = q.completed + EXCLUDED.completed,
            units = q.units + EXCLUDED.units,
            under_27 = q.under_27 + EXCLUDED.under_27;
        DELETE FROM candidates_activityquarter
        WHERE year = EXTRACT(YEAR FROM p_start) AND quarter = EXTRACT(QUARTER FROM p_start)
          AND municipality_id = p_municipality AND candidate_id = p_candidate AND activities = 0;
    END;
    $$;
    """,
    """
    CREATE OR REPLACE FUNCTION activity_quarter_of_activity(a candidates_activity, p_sign integer)
    RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
        t record;
    BEGIN
        SELECT tr.municipality_id, tr.candidate_id, c.date_of_birth INTO t
        FROM candidates_trajectory tr JOIN candidates_candidate c ON c.id = tr.candidate_id
        WHERE tr.id = a.trajectory_id;
        IF FOUND THEN
            PERFORM activity_quarter_add(
                t.municipality_id, t.candidate_id, t.date_of_birth,
                a.start, a.status, a.units, p_sign
            );
        END IF;
    END;
    $$;
    """,
    """
    CREATE OR REPLACE FUNCTION activity_quarter_activity_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            PERFORM activity_quarter_of_activity(OLD, -1);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            PERFORM activity_quarter_of_activity(NEW, 1);
        END IF;
        RETURN NULL;
    END;
    $$;
    """,
    """
    CREATE TRIGGER activity_quarter_on_activity
    AFTER INSERT OR DELETE OR UPDATE OF trajectory_id, start, status, units
    ON candidates_activity
    FOR EACH ROW EXECUTE FUNCTION activity_quarter_activity_changed();
    """,
    """
    CREATE OR REPLACE FUNCTION activity_quarter_trajectory_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        a record;
        old_birth date;
        new_birth date;
    BEGIN
        IF NEW.municipality_id IS NOT DISTINCT FROM OLD.municipality_id
           AND NEW.candidate_id IS NOT DISTINCT FROM OLD.candidate_id THEN
            RETURN NULL;
        END IF;
        SELECT date_of_birth INTO old_birth FROM candidates_candidate WHERE id = OLD.candidate_id;
        SELECT date_of_birth INTO new_birth FROM candidates_candidate WHERE id = NEW.candidate_id;
        FOR a IN SELECT start, status, units FROM candidates_activity WHERE trajectory_id = NEW.id
        LOOP
            PERFORM activity_quarter_add(
                OLD.municipality_id, OLD.candidate_id, old_birth, a.start, a.status, a.units, -1
            );
            PERFORM activity_quarter_add(
                NEW.municipality_id, NEW.candidate_id, new_birth, a.start, a.status, a.units, 1
            );
        END LOOP;
        RETURN NULL;
    END;
    $$;
    """,
    """
    CREATE TRIGGER activity_quarter_on_trajectory
    AFTER UPDATE OF municipality_id, candidate_id ON candidates_trajectory
    FOR EACH ROW EXECUTE FUNCTION activity_quarter_trajectory_changed();
    """,
    """
    CREATE OR REPLACE FUNCTION activity_quarter_candidate_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        a record;
    BEGIN
        IF NEW.date_of_birth IS NOT DISTINCT FROM OLD.date_of_birth THEN
            RETURN NULL;
        END IF;
        FOR a IN
            SELECT t.municipality_id, act.start, act.status, act.units
            FROM candidates_activity act
            JOIN candidates_trajectory t ON t.id = act.trajectory_id
            WHERE t.candidate_id = NEW.id
        LOOP
            PERFORM activity_quarter_add(
                a.municipality_id, NEW.id, OLD.date_of_birth, a.start, a.status, a.units, -1
            );
            PERFORM activity_quarter_add(
                a.municipality_id, NEW.id, NEW.date_of_birth, a.start, a.status, a.units, 1
            );
        END LOOP;
        RETURN NULL;
    END;
    $$;
    """,
    """
    CREATE TRIGGER activity_quarter_on_candidate
    AFTER UPDATE OF date_of_birth ON candidates_candidate
    FOR EACH ROW EXECUTE FUNCTION activity_quarter_candidate_changed();
    """,
    """
    INSERT INTO candidates_activityquarter
        (municipality_id, year, quarter, candidate_id, activities, completed, units, under_27)
    SELECT t.municipality_id, EXTRACT(YEAR FROM a.start), EXTRACT(QUARTER FROM a.start),
           t.candidate_id, COUNT(*), COUNT(*) FILTER (WHERE a.status = 'completed'),
           SUM(a.units), COUNT(*) FILTER (WHERE c.date_of_birth > a.start - INTERVAL '27 years')
    FROM candidates_activity a
    JOIN candidates_trajectory t ON t.id = a.trajectory_id
    JOIN candidates_candidate c ON c.id = t.candidate_id
    GROUP BY 1, 2, 3, 4;
    """,
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS activity_quarter_on_candidate ON candidates_candidate;",
    "DROP TRIGGER IF EXISTS activity_quarter_on_trajectory ON candidates_trajectory;",
    "DROP TRIGGER IF EXISTS activity_quarter_on_activity ON candidates_activity;",
    "DROP FUNCTION IF EXISTS activity_quarter_candidate_changed();",
    "DROP FUNCTION IF EXISTS activity_quarter_trajectory_changed();",
    "DROP FUNCTION IF EXISTS activity_quarter_activity_changed();",
    "DROP FUNCTION IF EXISTS activity_quarter_of_activity(candidates_activity, integer);",
    "DROP FUNCTION IF EXISTS activity_quarter_add(bigint, bigint, date, date, text, numeric, integer);",
    "DELETE FROM candidates_activityquarter;",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("candidates", "0010_activity_quarter")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
