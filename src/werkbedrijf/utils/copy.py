"""Writing many rows of a model at once with PostgreSQL's COPY: no model instance, no INSERT with
tens of thousands of parameters to compile and bind.

For the bulk paths only (the referral import, its processing-log entries). The rows skip the
model's ``save`` and its signals, exactly as ``bulk_create`` does; the database's constraints still
hold, and a refused row fails the whole COPY, raising Django's ``IntegrityError`` like an INSERT.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.models import Model
from django.utils import timezone


def copy_supported() -> bool:
    return connection.vendor == "postgresql"


def reserve_ids(model: type[Model], count: int) -> list[int]:
    """``count`` new primary keys of ``model`` from its sequence, so that rows written by COPY can
    be referred to by the rows that follow."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_rows(model: type[Model], rows: Sequence[dict]) -> None:
    """Write ``rows`` (field attname → value) into ``model``'s table with one COPY. A field a row
    does not give gets the model's default: a callable default (``uuid4``) is called per row,
    ``auto_now``/``auto_now_add`` is the time of the call, anything else is prepared once. The
    primary key is written only when the rows give it (see ``reserve_ids``)."""
    if not rows:
        return
    given = set().union(*(row.keys() for row in rows))
    now = timezone.now()
    per_row, constants = [], []
    for f in model._meta.concrete_fields:
        if f.primary_key and f.attname not in given:
            continue
        varies = f.has_default() and callable(f.default) and f.get_internal_type() != "JSONField"
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            default = lambda now=now: now  # noqa: E731
        elif varies:
            default = f.default
        else:
            prepared = f.get_db_prep_save(f.get_default(), connection)
            default = lambda prepared=prepared: prepared  # noqa: E731
        if f.attname in given or varies:
            per_row.append((f, default))
        else:
            constants.append((f, default()))
    json_fields = {f.attname for f, _d in per_row if f.get_internal_type() == "JSONField"}
    names = [f.column for f, _d in per_row] + [f.column for f, _c in constants]
    columns = ", ".join(connection.ops.quote_name(name) for name in names)
    constant_values = tuple(value for _f, value in constants)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(sql) as copy,
    ):
        for row in rows:
            values = []
            for f, default in per_row:
                if f.attname not in row:
                    values.append(default())
                elif f.attname in json_fields:
                    values.append(f.get_db_prep_save(row[f.attname], connection))
                else:
                    values.append(row[f.attname])
            copy.write_row((*values, *constant_values))
