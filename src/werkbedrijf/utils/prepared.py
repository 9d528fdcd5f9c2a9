"""Statements of the hottest reads, prepared once per database connection: PostgreSQL parses and
plans them on their first run on a connection and reuses the plan afterwards.

Django binds parameters on the client and never prepares (its default, kept for every other
query, so that the ORM's SQL needs no server-side types). A ``prepared_cursor`` binds on the
server instead and asks psycopg to prepare at once; that needs ``prepare_threshold`` set in the
database's OPTIONS (settings: ``conf.base``). Where it is None (a transaction pooler that cannot
keep prepared statements) or on SQLite, the statements run unprepared, with the same results.

For SQL made once per process, or of a few forms (the caseload's page: one per combination of
filters): every distinct text is a prepared statement of its own, psycopg keeps the 100 last
used per connection, drops them all after a rollback, and they go with the connection.
PostgreSQL plans a prepared statement anew for its first five runs and then keeps a generic
plan only when that is estimated no dearer than the plans made for the values.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init
from psycopg import _queries


@contextmanager
def prepared_cursor() -> Iterator:
    """A cursor like ``connection.cursor()`` (Django's wrapper: the same errors) whose
    statements are prepared on PostgreSQL. While queries are logged (DEBUG, or a test counting
    them) it is Django's own cursor, so that the log shows each statement with its values as
    for any other query.

    The connection is looked up once: every attribute of ``django.db.connection`` is a look-up
    in a thread-critical asgiref Local, which raises and catches an exception each time (five
    of them here were a thirtieth of a list request's instructions)."""
    db = connections[DEFAULT_DB_ALIAS]
    if db.vendor != "postgresql" or db.queries_logged:
        with db.cursor() as cursor:
            yield cursor
        return
    db.ensure_connection()
    with db.make_cursor(_PreparingCursor(db.connection)) as cursor:
        yield cursor


class _ConvertedOnce(_queries.PostgresQuery):
    """psycopg's conversion of a statement (its %s placeholders to $1, $2, ...), kept for the
    statements of these cursors as psycopg keeps it for short ones: it converts a statement
    longer than 4096 bytes anew on every run (a regular expression over all of it), and the
    caseload's page is about 7,000 (0.11 ms a request, a twentieth of the list's worker CPU).
    The statements here are few, made once and run per request, as for psycopg's own cache."""

    def convert(self, query, vars) -> None:
        if vars is None or type(query) is not str:
            return super().convert(query, vars)
        key = (query, self._tx.encoding)
        converted = _CONVERTED.get(key)
        if converted is None:
            converted = _queries._query2pg_nocache(query.encode(self._tx.encoding), key[1])
            if len(_CONVERTED) >= _CONVERTED_MAX:
                _CONVERTED.clear()
            _CONVERTED[key] = converted
        self.query, self._want_formats, self._order, self._parts = converted
        self.dump(vars)
        return None


_CONVERTED: dict[tuple[str, str], tuple] = {}  # per process, by statement and encoding
_CONVERTED_MAX = 256  # statements kept; all are dropped when there are more


class _PreparingCursor(psycopg.Cursor):
    """psycopg's server-binding cursor, preparing every statement on its first run."""

    _query_cls = _ConvertedOnce

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True, binary=binary)


@dataclass(frozen=True)
class ModelColumns:
    """All concrete columns of a model in a statement made once, and the instance made from
    them as the ORM makes it (each field's database converters, then ``from_db``)."""

    model: type[Model]
    attnames: tuple[str, ...]
    columns: tuple[str, ...]
    converters: tuple  # (position, column, converter) for the fields that have any
    plain: bool = False  # whether ``Model.__init__`` would only store each value (``_plain``)

    @classmethod
    def of(cls, model: type[Model]) -> ModelColumns:
        fields = list(model._meta.concrete_fields)
        converters = []
        for i, field in enumerate(fields):
            col = field.get_col(model._meta.db_table)
            for convert in connection.ops.get_db_converters(col) + field.get_db_converters(
                connection
            ):
                converters.append((i, col, convert))
        return cls(
            model,
            tuple(f.attname for f in fields),
            tuple(connection.ops.quote_name(f.column) for f in fields),
            tuple(converters),
            _plain(model),
        )

    def select(self, alias: str) -> str:
        """The columns for a SELECT list, from the table ``alias``."""
        return ", ".join(f"{alias}.{column}" for column in self.columns)

    def instance(self, row, start: int = 0) -> Model:
        """The instance from ``row[start:]`` (the columns of ``select``, in order): what
        ``from_db`` makes. For a ``plain`` model without receivers of pre_init or post_init
        (checked per call: one may connect later) its values are stored as ``Model.__init__``
        stores them, without the call (the token's look-up makes three per API request: 2 % of a
        list request's instructions)."""
        values = list(row[start : start + len(self.columns)])
        if self.converters:
            db = connections[DEFAULT_DB_ALIAS]
            for i, col, convert in self.converters:
                values[i] = convert(values[i], col, db)
        model = self.model
        if not self.plain or pre_init.has_listeners(model) or post_init.has_listeners(model):
            return model.from_db(DEFAULT_DB_ALIAS, self.attnames, values)
        new = model.__new__(model)
        new._state = state = ModelState()  # noqa: SLF001 (as Model.__init__ and from_db)
        state.adding, state.db = False, DEFAULT_DB_ALIAS
        new.__dict__.update(zip(self.attnames, values, strict=True))
        return new


def _plain(model: type[Model]) -> bool:
    """Whether ``Model.__init__`` with a value for every concrete field only stores each under
    its attname: no ``__init__`` of the model's own, no ``__init__`` of a base class after
    Model's (it calls ``super().__init__()``), and on each attname the ORM's own descriptor,
    which reads the value from the instance's ``__dict__`` (a foreign key's also drops a cached
    object, which a new instance has none of)."""
    mro = model.__mro__
    after = mro[mro.index(Model) + 1 :]
    if any("__init__" in vars(base) for base in mro[: mro.index(Model)]):
        return False
    if any(base.__init__ is not object.__init__ for base in after):
        return False
    return all(
        type(getattr(model, field.attname, None))
        in (DeferredAttribute, ForeignKeyDeferredAttribute)
        for field in model._meta.concrete_fields
    )
