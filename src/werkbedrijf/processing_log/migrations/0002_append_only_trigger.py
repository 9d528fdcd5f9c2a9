"""The processing log is append-only in the database itself, not only in the ORM.

PostgreSQL: a trigger refuses every UPDATE and DELETE, except a DELETE inside a transaction that
declared itself the retention job (``SET LOCAL werkbedrijf.retention_job = 'on'``, see
retention.services). SQLite (the demo): triggers that refuse UPDATE always and DELETE unless the
retention job holds a row in ``processing_log_retention_permit`` during its transaction.
TRUNCATE is not covered: it needs table ownership, which the application's database role should
not have in production.
"""

from django.db import migrations

TABLE = "processing_log_processinglogentry"

POSTGRESQL_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION processing_log_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE'
           AND coalesce(current_setting('werkbedrijf.retention_job', true), '') = 'on' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'processing log entries are append-only: % refused', TG_OP
            USING ERRCODE = 'restrict_violation';
    END;
    $$;
    """,
    f"""
    CREATE TRIGGER processing_log_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION processing_log_refuse_change();
    """,
]
POSTGRESQL_BACKWARD = [
    f"DROP TRIGGER IF EXISTS processing_log_append_only ON {TABLE};",
    "DROP FUNCTION IF EXISTS processing_log_refuse_change();",
]

SQLITE_FORWARD = [
    "CREATE TABLE IF NOT EXISTS processing_log_retention_permit (id INTEGER PRIMARY KEY);",
    f"""
    CREATE TRIGGER processing_log_no_update BEFORE UPDATE ON {TABLE}
    BEGIN
        SELECT RAISE(ABORT, 'processing log entries are append-only: UPDATE refused');
    END;
    """,
    f"""
    CREATE TRIGGER processing_log_no_delete BEFORE DELETE ON {TABLE}
    WHEN NOT EXISTS (SELECT 1 FROM processing_log_retention_permit)
    BEGIN
        SELECT RAISE(ABORT, 'processing log entries are append-only: DELETE refused');
    END;
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS processing_log_no_update;",
    "DROP TRIGGER IF EXISTS processing_log_no_delete;",
    "DROP TABLE IF EXISTS processing_log_retention_permit;",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("processing_log", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
