"""Indexes for the placement form's employer picker (selectors.employer_search), measured on
PostgreSQL with bench/employer_search.py.

A btree on (name, id), declared in the model: the picker and the employers list order by it with a
LIMIT, so a common search walks the index and stops after the first page. A trigram GIN index on
``UPPER(name)`` (``icontains`` compiles to ``UPPER(name::text) LIKE UPPER('%part%')``): a rare part
of a name of three characters or more is found without reading the table. PostgreSQL-only and
skipped when pg_trgm cannot be created, as in 0002. A KvK prefix (``startswith``) is served by the
``varchar_pattern_ops`` index Django already creates for the unique kvk_number.
"""

from django.db import DatabaseError, migrations, models, transaction

NAME_TRGM_INDEX = "cand_employer_name_trgm"


def create_trigram_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:  # no right to create extensions: leave the index out
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME_TRGM_INDEX} ON candidates_employer "
        "USING gin (UPPER(name::text) gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME_TRGM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("candidates", "0002_search_indexes")]

    operations = [
        migrations.AddIndex(
            model_name="employer",
            index=models.Index(fields=["name", "id"], name="cand_employer_name_id"),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index, elidable=False),
    ]
