"""The processed objects of a list read as one row with two lists (records, persons) instead of a
row per person: a page of 50 persons wrote 50 rows, each with four index entries and a foreign-key
check at commit.

On PostgreSQL the lists are ``uuid[]`` with one GIN index over both (an access request finds every
list naming a person) and a check that they are of one length, at least two; on SQLite they are
JSON text. The rows of 0003 are copied over in their order; the new table is append-only like the
entries (the trigger function of 0002; on SQLite its own triggers). Reversible: the lists are
unnested again into a row per object.
"""

import json
import uuid

import django.db.models.deletion
from django.db import migrations, models

import werkbedrijf.processing_log.fields

OLD = "processing_log_processedobject"
NEW = "processing_log_processedobjects"

POSTGRESQL_FORWARD = [
    f"""
    INSERT INTO {NEW} (entry_id, record_uuids, data_subject_uuids)
    SELECT entry_id, array_agg(record_uuid ORDER BY id), array_agg(data_subject_uuid ORDER BY id)
    FROM {OLD} GROUP BY entry_id;
    """,
    f"""
    ALTER TABLE {NEW} ADD CONSTRAINT processed_objects_pairs CHECK (
        cardinality(record_uuids) = cardinality(data_subject_uuids)
        AND cardinality(record_uuids) >= 2
    );
    """,
    # GIN's fast update (its default): an insert appends its keys to the index's pending list,
    # which VACUUM (or the insert that fills it past gin_pending_list_limit) merges in sorted
    # order. Inserting each of a page's 50 keys into its own leaf page wrote up to 57 KiB of WAL
    # per list read (a full page image for each leaf first touched after a checkpoint), against
    # 4 KiB this way; the CPU was the same (bench/README.md, "Eighth session").
    f"""
    CREATE INDEX processed_objects_named ON {NEW}
    USING gin ((record_uuids || data_subject_uuids));
    """,
    f"""
    CREATE TRIGGER processing_log_objects_append_only
    BEFORE UPDATE OR DELETE ON {NEW}
    FOR EACH ROW EXECUTE FUNCTION processing_log_refuse_change();
    """,
]
POSTGRESQL_BACKWARD = [
    f"DROP TRIGGER IF EXISTS processing_log_objects_append_only ON {NEW};",
    f"""
    INSERT INTO {OLD} (entry_id, record_uuid, data_subject_uuid)
    SELECT o.entry_id, t.r, t.s
    FROM {NEW} o, unnest(o.record_uuids, o.data_subject_uuids) WITH ORDINALITY AS t(r, s, n)
    ORDER BY o.entry_id, t.n;
    """,
    f"""
    CREATE TRIGGER processing_log_object_append_only
    BEFORE UPDATE OR DELETE ON {OLD}
    FOR EACH ROW EXECUTE FUNCTION processing_log_refuse_change();
    """,
]

SQLITE_TRIGGERS = [
    f"""
    CREATE TRIGGER processing_log_objects_no_update BEFORE UPDATE ON {NEW}
    BEGIN
        SELECT RAISE(ABORT, 'processing log entries are append-only: UPDATE refused');
    END;
    """,
    f"""
    CREATE TRIGGER processing_log_objects_no_delete BEFORE DELETE ON {NEW}
    WHEN NOT EXISTS (SELECT 1 FROM processing_log_retention_permit)
    BEGIN
        SELECT RAISE(ABORT, 'processing log entries are append-only: DELETE refused');
    END;
    """,
]
SQLITE_OLD_TRIGGERS = [
    f"""
    CREATE TRIGGER processing_log_object_no_update BEFORE UPDATE ON {OLD}
    BEGIN
        SELECT RAISE(ABORT, 'processing log entries are append-only: UPDATE refused');
    END;
    """,
    f"""
    CREATE TRIGGER processing_log_object_no_delete BEFORE DELETE ON {OLD}
    WHEN NOT EXISTS (SELECT 1 FROM processing_log_retention_permit)
    BEGIN
        SELECT RAISE(ABORT, 'processing log entries are append-only: DELETE refused');
    END;
    """,
]


def _sqlite_uuid(value) -> str | None:
    """A UUID as SQLite's UUIDField stores it (32 hex digits) in the list's form (with dashes)."""
    return None if value is None else str(uuid.UUID(value))


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for statement in POSTGRESQL_FORWARD:
            schema_editor.execute(statement, params=None)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT entry_id, record_uuid, data_subject_uuid FROM {OLD} ORDER BY entry_id, id"  # noqa: S608
        )
        lists: dict[int, tuple[list, list]] = {}
        for entry_id, record, subject in cursor.fetchall():
            records, subjects = lists.setdefault(entry_id, ([], []))
            records.append(_sqlite_uuid(record))
            subjects.append(_sqlite_uuid(subject))
        cursor.executemany(
            f"INSERT INTO {NEW} (entry_id, record_uuids, data_subject_uuids) VALUES (%s, %s, %s)",  # noqa: S608
            [(e, json.dumps(r), json.dumps(s)) for e, (r, s) in lists.items()],
        )
    for statement in SQLITE_TRIGGERS:
        schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for statement in POSTGRESQL_BACKWARD:
            schema_editor.execute(statement, params=None)
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS processing_log_objects_no_update;", params=None)
    schema_editor.execute("DROP TRIGGER IF EXISTS processing_log_objects_no_delete;", params=None)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT entry_id, record_uuids, data_subject_uuids FROM {NEW}")  # noqa: S608
        rows = [
            (entry_id, *(None if v is None else uuid.UUID(v).hex for v in pair))
            for entry_id, records, subjects in cursor.fetchall()
            for pair in zip(json.loads(records), json.loads(subjects), strict=True)
        ]
        cursor.executemany(
            f"INSERT INTO {OLD} (entry_id, record_uuid, data_subject_uuid) VALUES (%s, %s, %s)",  # noqa: S608
            rows,
        )
    for statement in SQLITE_OLD_TRIGGERS:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("processing_log", "0003_processed_objects"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProcessedObjects",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="processed_objects",
                        serialize=False,
                        to="processing_log.processinglogentry",
                    ),
                ),
                (
                    "record_uuids",
                    werkbedrijf.processing_log.fields.UUIDListField(verbose_name="records"),
                ),
                (
                    "data_subject_uuids",
                    werkbedrijf.processing_log.fields.UUIDListField(verbose_name="persons"),
                ),
            ],
            options={
                "verbose_name": "processed objects",
                "verbose_name_plural": "processed objects",
            },
        ),
        migrations.RunPython(forward, backward),
        # The old table goes with its rows and its triggers (dropping a table fires no DELETE
        # trigger); backward recreates it empty, then `backward` above fills it.
        migrations.DeleteModel(name="ProcessedObject"),
    ]
