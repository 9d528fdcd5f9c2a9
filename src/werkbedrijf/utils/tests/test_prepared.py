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


def _made_both_ways(model, pk):
    """The instance of ``model`` with ``pk`` from ModelColumns, and as the ORM makes it."""
    columns = prepared.ModelColumns.of(model)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns.select('t')} FROM {model._meta.db_table} t WHERE t.id = %s",  # noqa: S608
            [pk],
        )
        row = cursor.fetchone()
    return columns, columns.instance(row), model.objects.get(pk=pk)


def _state(instance) -> tuple:
    values = {k: v for k, v in vars(instance).items() if k != "_state"}
    return type(instance), list(values.items()), instance._state.adding, instance._state.db  # noqa: SLF001


def test_an_instance_from_model_columns_is_what_the_orm_makes(consultant):
    from django.db.models.signals import post_init

    from werkbedrijf.accounts.models import ApiToken, User
    from werkbedrijf.accounts.services import issue_api_token
    from werkbedrijf.organisations.models import Organisation

    token, _raw = issue_api_token(user=consultant, name="script")
    made_from = (
        (User, consultant.pk),
        (ApiToken, token.pk),
        (Organisation, consultant.organisation_id),
    )
    for model, pk in made_from:
        columns, made, orm = _made_both_ways(model, pk)
        assert columns.plain  # stored without Model.__init__
        assert _state(made) == _state(orm)

    # A receiver of post_init (connected after the columns were made) still hears of each.
    heard = []

    def receiver(sender, instance, **kwargs):
        heard.append(instance)

    post_init.connect(receiver, sender=User)
    try:
        columns, made, orm = _made_both_ways(User, consultant.pk)
    finally:
        post_init.disconnect(receiver, sender=User)
    assert heard == [made, orm] and _state(made) == _state(orm)


def test_a_model_whose_fields_do_more_than_store_a_value_is_made_by_the_orm():
    from django.apps import apps

    # A file field's descriptor wraps the value it is given (FieldFile) when it is set.
    with_files = {
        m
        for m in apps.get_models()
        if any(f.get_internal_type() == "FileField" for f in m._meta.concrete_fields)
    }
    assert with_files
    assert {m for m in apps.get_models() if not prepared.ModelColumns.of(m).plain} == with_files
