"""The persons and records of a logged action that processed several (a list read), append-only
in the database like the entries themselves (see 0002)."""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "processing_log_processedobject"

POSTGRESQL_FORWARD = [
    f"""
    CREATE TRIGGER processing_log_object_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION processing_log_refuse_change();
    """,
]
POSTGRESQL_BACKWARD = [f"DROP TRIGGER IF EXISTS processing_log_object_append_only ON {TABLE};"]

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER processing_log_object_no_update BEFORE UPDATE ON {TABLE}
    BEGIN
        SELECT RAISE(ABORT, 'processing log entries are append-only: UPDATE refused');
    END;
    """,
    f"""
    CREATE TRIGGER processing_log_object_no_delete BEFORE DELETE ON {TABLE}
    WHEN NOT EXISTS (SELECT 1 FROM processing_log_retention_permit)
    BEGIN
        SELECT RAISE(ABORT, 'processing log entries are append-only: DELETE refused');
    END;
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS processing_log_object_no_update;",
    "DROP TRIGGER IF EXISTS processing_log_object_no_delete;",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('processing_log', '0002_append_only_trigger'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProcessedObject',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('record_uuid', models.UUIDField(blank=True, db_index=True, null=True, verbose_name='record')),
                ('data_subject_uuid', models.UUIDField(blank=True, db_index=True, null=True)),
                ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='processed_objects', to='processing_log.processinglogentry')),
            ],
            options={
                'verbose_name': 'processed object',
                'verbose_name_plural': 'processed objects',
            },
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
