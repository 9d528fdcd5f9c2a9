"""Indexes for the caseload's searches on PostgreSQL (measured with bench/caseload.py).

Name prefix (``istartswith`` compiles to ``UPPER(col::text) LIKE UPPER('jan%')``): a btree on the
same expression with ``text_pattern_ops``, so it is used whatever the database's collation.
Part of a BSN (``contains``: ``LIKE '%1234%'``): a trigram GIN index, when the pg_trgm extension
can be created (it is a trusted extension since PostgreSQL 13; without the right, the migration
skips the index and the search stays a sequential scan).

Not declared in the models' Meta: these are PostgreSQL-only and the embedded SQLite database has
neither operator classes nor GIN. Nothing here changes the migration state.
"""

from django.db import DatabaseError, migrations, transaction

NAME_INDEXES = (
    ("cand_last_name_upper_like", "last_name"),
    ("cand_first_name_upper_like", "first_name"),
)
BSN_INDEX = "cand_bsn_trgm"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    for name, column in NAME_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON candidates_candidate "
            f"(UPPER({column}::text) text_pattern_ops)"
        )
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:  # no right to create extensions: leave the index out
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {BSN_INDEX} ON candidates_candidate "
        "USING gin (bsn gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in [n for n, _ in NAME_INDEXES] + [BSN_INDEX]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("candidates", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
