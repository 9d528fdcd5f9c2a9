"""The matchable vacancies (MatchableVacancy), kept exact by statement-level triggers (PostgreSQL
only; on SQLite the table stays empty and unread).

A row per open vacancy that offers an employment form. Every statement that inserts, changes or
deletes a vacancy, or changes an occupation's code, fires a trigger that collects the vacancies
it touched (from its transition tables) and rebuilds their rows:
``matching_openvacancy_refresh(vacancy ids)`` locks those vacancies (in id order, as
matching_matchable_refresh does with candidates), deletes their rows and inserts them again from
the sources. A change of a vacancy rebuilds only when a column the row reads changed.

The bit masks and the ranks use the value lists of migration 0003 (a test holds them equal to
the models'); the employment forms only for a statushouder are written here as they are in
candidates.policies.REFUGEE_ONLY_FORMS (a test holds them equal too).
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models


_0003 = importlib.import_module("werkbedrijf.matching.migrations.0003_matchable_candidate")
DAYS, SHIFTS, DEMANDS, DUTCH = _0003.DAYS, _0003.SHIFTS, _0003.DEMANDS, _0003.DUTCH
REFUGEE_ONLY = ["language_internship", "orientation"]
_array = _0003._array

COLUMNS = """vacancy_id, pc4, hours_per_week, exact, days, shifts, demands, dutch_rank,
    driving_licence, certificates, refugee_only, start_date, occupation, sector_group,
    competences_must, competences_nice, must_count, nice_count"""

# The columns of a vacancy a row reads: a change of any other (the version, the places) rebuilds
# nothing.
READ = (
    "status",
    "postcode",
    "occupation_id",
    "sector_group",
    "hours_per_week",
    "days",
    "shifts",
    "start_date",
    "employment_forms",
    "driving_licence",
    "certificates",
    "dutch_level",
    "physical_demands",
    "competences_must",
    "competences_nice",
)


def _read(alias: str) -> str:
    return "(" + ", ".join(f"{alias}.{c}" for c in READ) + ")"


def rows(where: str) -> str:
    """The rows of the open vacancies (the columns of COLUMNS) that also meet ``where``."""
    return f"""
    SELECT v.id, substr(replace(v.postcode, ' ', ''), 1, 4), v.hours_per_week,
           matching_known(v.days, {_array(DAYS)}) AND matching_known(v.shifts, {_array(SHIFTS)})
               AND matching_known(v.physical_demands, {_array(DEMANDS)}),
           matching_bits(v.days, {_array(DAYS)}),
           matching_bits(v.shifts, {_array(SHIFTS)}),
           matching_bits(v.physical_demands, {_array(DEMANDS)}),
           CASE WHEN v.dutch_level = '' THEN -1
                ELSE coalesce(array_position({_array(DUTCH)}, v.dutch_level::text) - 1, 127) END,
           v.driving_licence, matching_list(v.certificates),
           matching_list(v.employment_forms) <@ to_jsonb({_array(REFUGEE_ONLY)}),
           v.start_date, o.code, v.sector_group,
           matching_codes(v.competences_must), matching_codes(v.competences_nice),
           jsonb_array_length(matching_codes(v.competences_must)),
           jsonb_array_length(matching_codes(v.competences_nice))
    FROM matching_vacancy v
    JOIN matching_occupation o ON o.id = v.occupation_id
    WHERE v.status = 'open' AND jsonb_array_length(matching_list(v.employment_forms)) > 0
      AND {where}"""


HELPERS = f"""
CREATE OR REPLACE FUNCTION matching_known(vals jsonb, names text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements(matching_list(vals)) e
        WHERE jsonb_typeof(e) <> 'string' OR NOT (e #>> '{{}}' = ANY (names))
    )
$$;
CREATE OR REPLACE FUNCTION matching_codes(vals jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(jsonb_agg(DISTINCT e), '[]'::jsonb)
    FROM jsonb_array_elements_text(matching_list(vals)) e
$$;
CREATE OR REPLACE FUNCTION matching_openvacancy_refresh(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    PERFORM 1 FROM matching_vacancy WHERE id IN (SELECT unnest(ids)) ORDER BY id FOR UPDATE;
    DELETE FROM matching_matchablevacancy WHERE vacancy_id IN (SELECT unnest(ids));
    INSERT INTO matching_matchablevacancy ({COLUMNS})
    {rows("v.id IN (SELECT unnest(ids))")};
END;
$$;
"""

# Per table and event: the vacancies whose rows a statement may change (n: the new rows, o: the
# old ones).
TOUCHED = {
    ("matching_vacancy", "INSERT"): "SELECT id FROM n WHERE status = 'open'",
    ("matching_vacancy", "UPDATE"): f"""
        SELECT n.id FROM n JOIN o ON o.id = n.id
        WHERE {_read("n")} IS DISTINCT FROM {_read("o")}""",
    ("matching_vacancy", "DELETE"): "SELECT id FROM o WHERE status = 'open'",
    ("matching_occupation", "UPDATE"): """
        SELECT v.id FROM n JOIN o ON o.id = n.id
        JOIN matching_vacancy v ON v.occupation_id = n.id
        WHERE n.code IS DISTINCT FROM o.code AND v.status = 'open'""",
}


def _name(table: str, event: str) -> str:
    return f"openvacancy_on_{table}_{event.lower()}"


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
        PERFORM matching_openvacancy_refresh(ARRAY(SELECT DISTINCT x FROM ({touched}) s(x)
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
    f"INSERT INTO matching_matchablevacancy ({COLUMNS}) {rows('true')};",
    "ANALYZE matching_matchablevacancy;",
]

BACKWARD = [
    *(
        f"DROP TRIGGER IF EXISTS {_name(t, e)} ON {t}; DROP FUNCTION IF EXISTS {_name(t, e)}();"
        for t, e in TOUCHED
    ),
    "DROP FUNCTION IF EXISTS matching_openvacancy_refresh(bigint[]);",
    "DROP FUNCTION IF EXISTS matching_known(jsonb, text[]);",
    "DROP FUNCTION IF EXISTS matching_codes(jsonb);",
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
        ('matching', '0003_matchable_candidate'),
    ]

    operations = [
        migrations.CreateModel(
            name='MatchableVacancy',
            fields=[
                ('vacancy', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='matching.vacancy')),
                ('pc4', models.CharField(max_length=4)),
                ('hours_per_week', models.PositiveSmallIntegerField()),
                ('exact', models.BooleanField()),
                ('days', models.PositiveSmallIntegerField()),
                ('shifts', models.PositiveSmallIntegerField()),
                ('demands', models.PositiveSmallIntegerField()),
                ('dutch_rank', models.SmallIntegerField()),
                ('driving_licence', models.CharField(max_length=2)),
                ('certificates', models.JSONField(default=list)),
                ('refugee_only', models.BooleanField()),
                ('start_date', models.DateField()),
                ('occupation', models.CharField(max_length=100)),
                ('sector_group', models.CharField(max_length=30)),
                ('competences_must', models.JSONField(default=list)),
                ('competences_nice', models.JSONField(default=list)),
                ('must_count', models.PositiveSmallIntegerField()),
                ('nice_count', models.PositiveSmallIntegerField()),
            ],
            options={
                'indexes': [models.Index(condition=models.Q(('exact', False)), fields=['vacancy'], name='matchable_vacancy_inexact')],
            },
        ),
        migrations.RunPython(forward, backward),
    ]
