"""The cursor of the hottest reads: prepared statements, and psycopg's conversion of a statement
kept also for one longer than psycopg keeps (the caseload's page)."""

from unittest import mock

import pytest
from django.db import connection
from psycopg import _queries

from werkbedrijf.utils import prepared

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="psycopg's cursor")
def test_a_long_statement_is_converted_once_and_answers_for_each_run_its_own_values():
    padding = " ".join(f"{i} AS c{i}," for i in range(600))  # longer than psycopg's 4096 bytes
    sql = f"SELECT {padding} %s::int + %s::int AS total, %s::text AS word"
    assert len(sql) > _queries.MAX_CACHED_STATEMENT_LENGTH
    prepared._CONVERTED.clear()  # noqa: SLF001
    with mock.patch.object(
        _queries, "_query2pg_nocache", wraps=_queries._query2pg_nocache
    ) as convert:
        answers = []
        for values in ([1, 2, "één"], [40, 2, "%s"], [0, 0, ""]):
            with prepared.prepared_cursor() as cursor:
                cursor.execute(sql, values)
                answers.append(cursor.fetchone()[-2:])
    assert answers == [(3, "één"), (42, "%s"), (0, "")]
    assert convert.call_count == 1
    with prepared.prepared_cursor() as cursor:  # a statement without parameters as before
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
