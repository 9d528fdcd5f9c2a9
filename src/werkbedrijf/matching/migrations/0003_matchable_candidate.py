"""The matchable candidates (MatchableCandidate), kept exact by statement-level triggers
(PostgreSQL only; on SQLite the table stays empty and unread).

A row per trajectory in the main route without a placement that has not ended, whose candidate has
a work profile with hours and a travel distance. Every statement that inserts, changes or deletes
a work profile, a trajectory, a candidate or a placement fires a trigger that collects the
candidates it touched (from its transition tables) and rebuilds their rows:
``matching_matchable_refresh(candidate ids)`` locks those candidates (in id order, so concurrent
refreshes of the same person run one after the other and each sees the other's result), deletes
their rows and inserts them again from the sources. Only the changes that can matter fire a
rebuild: a trajectory in or out of the main route or moved to another candidate, a candidate's
postcode, refugee status or uuid, a placement's trajectory or end; any change of a work profile.

The value lists of the bit masks and the order of the Dutch levels are written here as they are
in models.DAY_BITS, SHIFT_BITS, DEMAND_BITS and policies.DUTCH_ORDER; a test holds them equal.
A later change of those lists needs a migration that replaces ``matching_matchable_rows``.
"""

import django.db.models.deletion
from django.db import migrations, models


DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
SHIFTS = ["day", "evening", "night"]
DEMANDS = [
    "heavy_lifting",
    "long_standing",
    "bending_kneeling",
    "walking",
    "outdoor",
    "noise",
    "work_pace",
]
DUTCH = ["A0", "A1", "A2", "B1", "B2", "C1", "C2", "native"]

COLUMNS = """trajectory_id, candidate_id, candidate_uuid, pc4, refugee, hours_per_week, max_travel_km,
    days, shifts, limitations, dutch_rank, experience_years, available_from, driving_licences,
    competences, occupation_wishes, sector_wishes"""


def _array(values) -> str:
    return "ARRAY[" + ", ".join(f"'{v}'" for v in values) + "]::text[]"


def rows(where: str) -> str:
    """The rows of the matchable trajectories (the columns of COLUMNS) that also meet ``where``."""
    return f"""
    SELECT t.id, c.id, c.uuid, substr(replace(c.postcode, ' ', ''), 1, 4), c.refugee,
           wp.hours_per_week, wp.max_travel_km,
           matching_bits(wp.days, {_array(DAYS)}),
           matching_bits(wp.shifts, {_array(SHIFTS)}),
           matching_bits(wp.limitations, {_array(DEMANDS)}),
           coalesce(array_position({_array(DUTCH)}, wp.dutch_level::text) - 1, -1),
           coalesce(wp.experience_years, 0), wp.available_from,
           matching_list(wp.driving_licences),
           coalesce((SELECT jsonb_agg(e -> 'code') FROM jsonb_array_elements(
                       matching_list(wp.competences)) e), '[]'::jsonb),
           matching_list(wp.occupation_wishes), matching_list(wp.sector_wishes)
    FROM candidates_trajectory t
    JOIN candidates_candidate c ON c.id = t.candidate_id
    JOIN matching_workprofile wp ON wp.candidate_id = c.id
    WHERE t.phase = 'main_route'
      AND wp.hours_per_week IS NOT NULL AND wp.max_travel_km IS NOT NULL
      AND NOT EXISTS (
          SELECT 1 FROM candidates_placement p WHERE p.trajectory_id = t.id AND p.actual_end IS NULL
      )
      AND {where}"""


HELPERS = f"""
CREATE OR REPLACE FUNCTION matching_bits(vals jsonb, names text[]) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(bit_or(1 << (array_position(names, e) - 1)), 0)
    FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(vals) = 'array' THEN vals
                                        ELSE '[]'::jsonb END) e
$$;
CREATE OR REPLACE FUNCTION matching_list(vals jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN jsonb_typeof(vals) = 'array' THEN vals ELSE '[]'::jsonb END
$$;
CREATE OR REPLACE FUNCTION matching_matchable_refresh(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    PERFORM 1 FROM candidates_candidate WHERE id = ANY (ids) ORDER BY id FOR UPDATE;
    DELETE FROM matching_matchablecandidate WHERE candidate_id = ANY (ids);
    INSERT INTO matching_matchablecandidate ({COLUMNS})
    {rows("c.id = ANY (ids)")};
END;
$$;
"""

# Per table and event: the candidates whose rows a statement may change, from its transition
# tables (n: the new rows, o: the old ones).
TOUCHED = {
    ("matching_workprofile", "INSERT"): "SELECT candidate_id FROM n",
    ("matching_workprofile", "UPDATE"): "SELECT candidate_id FROM n UNION SELECT candidate_id FROM o",
    ("matching_workprofile", "DELETE"): "SELECT candidate_id FROM o",
    # A candidate inserted after their trajectory (the foreign keys are deferred): rare, asked
    # cheaply so that an import of many new candidates rebuilds nothing.
    ("candidates_candidate", "INSERT"): """
        SELECT n.id FROM n WHERE EXISTS (
            SELECT 1 FROM candidates_trajectory t
            WHERE t.candidate_id = n.id AND t.phase = 'main_route'
        )""",
    ("candidates_candidate", "UPDATE"): """
        SELECT n.id FROM n JOIN o ON o.id = n.id
        WHERE (n.postcode, n.refugee, n.uuid) IS DISTINCT FROM (o.postcode, o.refugee, o.uuid)""",
    ("candidates_candidate", "DELETE"): "SELECT id FROM o",
    ("candidates_trajectory", "INSERT"): "SELECT candidate_id FROM n WHERE phase = 'main_route'",
    ("candidates_trajectory", "UPDATE"): """
        SELECT x.candidate_id FROM n JOIN o ON o.id = n.id,
             LATERAL (VALUES (n.candidate_id), (o.candidate_id)) x(candidate_id)
        WHERE (n.phase, n.candidate_id) IS DISTINCT FROM (o.phase, o.candidate_id)
          AND 'main_route' IN (n.phase, o.phase)""",
    ("candidates_trajectory", "DELETE"): "SELECT candidate_id FROM o WHERE phase = 'main_route'",
    ("candidates_placement", "INSERT"): """
        SELECT t.candidate_id FROM n JOIN candidates_trajectory t ON t.id = n.trajectory_id""",
    ("candidates_placement", "UPDATE"): """
        SELECT t.candidate_id FROM n JOIN o ON o.id = n.id,
             LATERAL (VALUES (n.trajectory_id), (o.trajectory_id)) x(trajectory_id)
             JOIN candidates_trajectory t ON t.id = x.trajectory_id
        WHERE (n.trajectory_id, n.actual_end) IS DISTINCT FROM (o.trajectory_id, o.actual_end)""",
    ("candidates_placement", "DELETE"): """
        SELECT t.candidate_id FROM o JOIN candidates_trajectory t ON t.id = o.trajectory_id""",
}


def _name(table: str, event: str) -> str:
    return f"matchable_on_{table}_{event.lower()}"


def _trigger(table: str, event: str, touched: str) -> str:
    name = _name(table, event)
    tables = {
        "INSERT": "NEW TABLE AS n",
        "UPDATE": "OLD TABLE AS o NEW TABLE AS n",
        "DELETE": "OLD TABLE AS o",
    }[event]
    return f"""
    CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM matching_matchable_refresh(ARRAY(SELECT DISTINCT x FROM ({touched}) s(x)
                                                 WHERE x IS NOT NULL));
        RETURN NULL;
    END;
    $$;
    CREATE TRIGGER {name} AFTER {event} ON {table}
    REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {name}();
    """


FORWARD = [
    HELPERS,
    *(_trigger(table, event, touched) for (table, event), touched in TOUCHED.items()),
    f"INSERT INTO matching_matchablecandidate ({COLUMNS}) {rows('true')};",
    "ANALYZE matching_matchablecandidate;",
]

BACKWARD = [
    *(
        f"DROP TRIGGER IF EXISTS {_name(t, e)} ON {t}; DROP FUNCTION IF EXISTS {_name(t, e)}();"
        for t, e in TOUCHED
    ),
    "DROP FUNCTION IF EXISTS matching_matchable_refresh(bigint[]);",
    "DROP FUNCTION IF EXISTS matching_bits(jsonb, text[]);",
    "DROP FUNCTION IF EXISTS matching_list(jsonb);",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('candidates', '0014_caseload_consultant_indexes'),
        ('matching', '0002_obtained_certificate'),
    ]

    operations = [
        migrations.CreateModel(
            name='MatchableCandidate',
            fields=[
                ('trajectory', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='candidates.trajectory')),
                ('candidate_uuid', models.UUIDField()),
                ('pc4', models.CharField(max_length=4)),
                ('refugee', models.BooleanField()),
                ('hours_per_week', models.PositiveSmallIntegerField()),
                ('max_travel_km', models.PositiveSmallIntegerField()),
                ('days', models.PositiveSmallIntegerField()),
                ('shifts', models.PositiveSmallIntegerField()),
                ('limitations', models.PositiveSmallIntegerField()),
                ('dutch_rank', models.SmallIntegerField()),
                ('experience_years', models.PositiveSmallIntegerField()),
                ('available_from', models.DateField(null=True)),
                ('driving_licences', models.JSONField(default=list)),
                ('competences', models.JSONField(default=list)),
                ('occupation_wishes', models.JSONField(default=list)),
                ('sector_wishes', models.JSONField(default=list)),
                ('candidate', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='candidates.candidate')),
            ],
            options={
                'indexes': [models.Index(fields=['pc4', 'max_travel_km'], name='matching_ma_pc4_b2b17b_idx')],
            },
        ),
        migrations.RunPython(forward, backward),
    ]
