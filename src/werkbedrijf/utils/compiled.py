"""Querysets of a fixed shape whose SQL the ORM compiles once per process.

The candidate's page reads a dozen lists of one trajectory or candidate on every request (steps,
notes, activities with their service, ...). Compiling such a query (its select_related columns,
joins and order) cost the ORM more CPU than running it: about a third of the page's CPU time went
to ``SQLCompiler.as_sql`` (bench/README.md). ``compiled_list`` compiles each shape once, with
stand-ins for the instances the query is about, and puts their keys in on every run; everything
else (the rows into instances, select_related, the instance the list was read from set on each
row) is the ORM's own.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet

_STAND_IN = -(2**62)  # the stand-in keys: no row has them, and no other parameter is one
_COMPILED: dict[tuple, tuple] = {}


def compiled_list(key: str, build: Callable[..., QuerySet], *instances: Model) -> list:
    """``list(build(*instances))``, the SQL compiled once per process for ``key``.

    ``build`` must give a query of the same shape for every instance (the same filters, joins
    and order; only which instances differ), and may use an instance only through its primary
    key (a related manager, ``filter(x=instance)``): it is compiled once with unsaved instances
    of the same models whose keys are stand-ins, and the statement must name each of them."""
    queryset = build(*instances)
    db = queryset.db
    connection = connections[db]
    entry = _COMPILED.get((key, db, connection.vendor))
    if entry is None:
        entry = _COMPILED[(key, db, connection.vendor)] = _compile(build, instances, db)
    compiler, sql, params, slots = entry
    values = list(params)
    for position, which in slots:
        values[position] = instances[which].pk
    return _run(queryset, compiler, (sql, tuple(values)), connection)


def _run(queryset: QuerySet, compiler, statement: tuple, connection) -> list:
    """``list(queryset)`` by a copy of ``compiler`` (compiled before) running ``statement``."""
    run = copy.copy(compiler)
    run.connection = connection  # this thread's
    run.as_sql = lambda *args, **kwargs: statement
    queryset.query.get_compiler = lambda *args, **kwargs: run
    return list(queryset)


_BY_KEY: dict[tuple, tuple | None] = {}
_BY_KEY_MAX = 1024  # statements kept; all are dropped when there are more
_MISSING = object()


def compiled_by_key(key: tuple, queryset: QuerySet) -> list:
    """``list(queryset)``, its SQL compiled once per process for ``key`` and reused as it is.

    ``key`` must name everything the statement and its parameters depend on (the user's scope
    as ``policy.candidate_scope_key``, a date, a limit); the database is added here. For lists
    whose SQL differs between users only by their scope: the Inkomen screen's signals, returns
    and talks compiled their three statements on every request, about a third of its CPU."""
    db = queryset.db
    connection = connections[db]
    full = (key, db, connection.vendor, connection.settings_dict["NAME"])
    entry = _BY_KEY.get(full, _MISSING)
    if entry is _MISSING:
        compiler = queryset.query.get_compiler(db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # the ORM runs no query for it either
            entry = None
        else:
            entry = (compiler, sql, tuple(params))
        if len(_BY_KEY) >= _BY_KEY_MAX:
            _BY_KEY.clear()
        _BY_KEY[full] = entry
    if entry is None:
        return []
    compiler, sql, params = entry
    return _run(queryset, compiler, (sql, params), connection)


def _compile(build, instances, db) -> tuple:
    stand_ins = [type(instance)(pk=_STAND_IN - i) for i, instance in enumerate(instances)]
    keys = [instance.pk for instance in stand_ins]
    compiler = build(*stand_ins).query.get_compiler(db)
    sql, params = compiler.as_sql()
    slots = tuple(
        (position, keys.index(value))
        for position, value in enumerate(params)
        if type(value) is int and value in keys
    )
    if {which for _, which in slots} != set(range(len(instances))):
        raise ValueError("compiled_list: the statement does not name every instance by its key")
    return compiler, sql, tuple(params), slots
