"""The one call through which every read, change and export of personal data is recorded."""

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from uuid import uuid4

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from werkbedrijf.utils.copy import copy_rows, copy_supported
from werkbedrijf.utils.prepared import prepared_cursor

from .fields import as_uuid
from .models import Action, ProcessedObjects, ProcessingLogEntry


@dataclass(frozen=True)
class Purpose:
    """A processing activity from the register, with its purpose and legal basis."""

    activity: str
    purpose: str
    legal_basis: str


# The processing activities of this system (register of art. 30 AVG, abbreviated).
STAFF_ADMINISTRATION = Purpose(
    "staff-administration",
    "Beheer van medewerkersaccounts en autorisaties",
    "AVG art. 6 lid 1 sub b en f; art. 32 AVG (beveiliging)",
)
DVO_ADMINISTRATION = Purpose(
    "dvo-administration",
    "Uitvoering en verantwoording van de dienstverleningsovereenkomst",
    "AVG art. 6 lid 1 sub e; MGR Rijk van Nijmegen; DVO art. 12.3",
)
REINTEGRATION = Purpose(
    "reintegration",
    "Ondersteuning bij arbeidsinschakeling",
    "Participatiewet art. 7 lid 1 sub a en art. 10; AVG art. 6 lid 1 sub e",
)
# The municipality's monthly delivery to CBS of its residents' re-integration facilities (SRG),
# for which WerkBedrijf supplies the data (DVO art. 12.4).
CBS_STATISTICS = Purpose(
    "cbs-statistics",
    "Levering van gegevens over re-integratievoorzieningen aan het CBS (SRG)",
    "AVG art. 6 lid 1 sub c; wettelijke statistiekverplichting van de gemeente; DVO art. 12.4",
)

# A chain partner asks whether a resident is in service and who their contact person is
# (council wish 2 of Nijmegen, March 2026: one contact person across the chain).
CHAIN_COOPERATION = Purpose(
    "chain-cooperation",
    "Eén aanspreekpunt voor de inwoner in de keten (Buurtteam, Zorg, Leerrecht)",
    "Participatiewet art. 7 lid 1 sub a en art. 10; AVG art. 6 lid 1 sub e",
)


# The channel a request came in through ("api"), set around a whole request so that services,
# which do not know how they were called, log the right channel.
_request_channel: ContextVar[str | None] = ContextVar("processing_channel", default=None)


@contextmanager
def processing_channel(channel: str) -> Iterator[None]:
    """Log every processing inside this block with ``channel``, whatever the callee passes."""
    token = _request_channel.set(channel)
    try:
        yield
    finally:
        _request_channel.reset(token)


# The entries of a ``written_together`` block not written yet: (entry, its values for
# ``_entry_sql``'s columns, the arrays of its processed objects or None).
_pending: ContextVar[list | None] = ContextVar("processing_log_pending", default=None)


@contextmanager
def written_together() -> Iterator[None]:
    """Write the entries of the reads logged inside this block in one statement at its end, on
    PostgreSQL: a page that reads several kinds of personal data (the candidate's page: the
    candidate, the work profile, the certificates obtained) commits its log once, not once per
    kind; outside a transaction every commit waits for the write-ahead log to reach the disk.
    Each entry is the same as written alone, its time the time of the read; the block's end
    writes them whether it ends normally or by an exception (what was read is logged). A block
    inside another joins it. Changes are still written at once, in their own transaction."""
    if _pending.get() is not None or connection.vendor != "postgresql":
        yield
        return
    pending: list = []
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
        if pending:
            _write_pending(pending)


def log_processing(
    *,
    actor,
    action: str,
    record_type: str,
    records: Iterable = (),
    objects: Iterable[tuple] = (),
    purpose: Purpose,
    channel: str = "ui",
    detail: str = "",
    data_subject_uuid=None,
    trace_id: str = "",
) -> list[ProcessingLogEntry]:
    """Record that ``actor`` processed ``records`` (model instances with a ``uuid``) or
    ``objects`` (pairs of record uuid and data subject uuid, for reads that build no instances).

    A read of several records is one entry for the action with its ``ProcessedObjects``, naming
    every record (VNG Verwerkingenlogging: one Verwerkingsactie, several Verwerkte objecten); the entry names
    the person itself when they are all about the same one. A change of several records writes an
    entry per record. With no records (an export of a list, say) one entry is written for the
    whole action. Returns the entries written, except for a change of ``COPY_FROM`` records or
    more on PostgreSQL, written by COPY without building them (then an empty list).
    """
    base = _entry_values(
        actor=actor,
        action=action,
        record_type=record_type,
        purpose=purpose,
        channel=channel,
        detail=detail,
        trace_id=trace_id,
    )
    pairs = [
        (getattr(record, "uuid", None), data_subject_uuid or _subject_of(record))
        for record in records
    ] + [(record_uuid, data_subject_uuid or subject) for record_uuid, subject in objects]
    if action == Action.READ and len(pairs) > 1:
        subjects = {subject for _record, subject in pairs}
        entry = ProcessingLogEntry(
            data_subject_uuid=subjects.pop() if len(subjects) == 1 else None, **base
        )
        _write_with_objects(entry, pairs)
        return [entry]
    if len(pairs) >= COPY_FROM and copy_supported():
        # An entry per record of a bulk change (an import's referrals): COPY, no instances.
        columns = {k: v for k, v in base.items() if k != "actor"}
        columns["actor_id"] = actor.pk if getattr(actor, "pk", None) else None
        copy_rows(
            ProcessingLogEntry,
            [
                {"record_uuid": record_uuid, "data_subject_uuid": subject, **columns}
                for record_uuid, subject in pairs
            ],
        )
        return []
    entries = [
        ProcessingLogEntry(record_uuid=record_uuid, data_subject_uuid=subject, **base)
        for record_uuid, subject in pairs
    ] or [ProcessingLogEntry(data_subject_uuid=data_subject_uuid, **base)]
    if len(entries) == 1:
        # One entry (the read of one record, on every detail request): one INSERT, in the caller's
        # transaction if there is one (bulk_create would wrap even one row in its own BEGIN and
        # COMMIT); on PostgreSQL a statement prepared once per connection.
        if connection.vendor == "postgresql":
            _write_entry(entries[0])
        else:
            entries[0].save(force_insert=True)
        return entries
    return ProcessingLogEntry.objects.bulk_create(entries)


COPY_FROM = 100


def _entry_values(
    *, actor, action: str, record_type: str, purpose: Purpose, channel: str, detail: str, trace_id
) -> dict:
    """The values of an entry that do not depend on the records processed."""
    if action not in Action.values:
        raise ValueError(f"unknown action {action}")
    organisation = getattr(actor, "organisation", None)
    return dict(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_username=getattr(actor, "username", "") or "anonymous",
        organisation_name=organisation.name if organisation else "",
        organisation_uuid=organisation.uuid if organisation else None,
        roles=",".join(sorted(getattr(actor, "role_set", ()) or ())),
        action=action,
        record_type=record_type,
        processing_activity=purpose.activity,
        purpose=purpose.purpose,
        legal_basis=purpose.legal_basis,
        channel=_request_channel.get() or channel,
        detail=detail[:300],
        trace_id=trace_id,
    )


def read_logged_in_statement(
    shown: str,
    *,
    actor,
    record_type: str,
    purpose: Purpose,
    channel: str = "ui",
    detail: str = "",
) -> tuple[str, list]:
    """Common table expressions that write, inside the statement that reads a list, what
    ``log_processing`` writes for a read of ``objects`` [(s, s) for every row of the relation
    ``shown``, whose column ``subject`` is a data subject's UUID]: nothing for no row; for one,
    an entry naming it; for more, one entry with a processed object per row, naming the person
    when all rows are about the same one. PostgreSQL only; returns the SQL to put after WITH and
    the other expressions (it names ``shown`` and defines ``log_entry`` and ``log_objects``)
    and its parameters.

    One statement instead of a read and then an INSERT (a round trip, and a transaction of its
    own): the entry is written with the rows it names or, when the statement fails, neither; a
    failed write fails the read."""
    values = _entry_values(
        actor=actor,
        action=Action.READ,
        record_type=record_type,
        purpose=purpose,
        channel=channel,
        detail=detail,
        trace_id="",
    )
    # What the fields' pre_save and get_db_prep_save give on PostgreSQL (a UUID, an aware
    # datetime and text are sent as they are), without a model instance: a fifth of the list's
    # own Python time went to building and preparing one.
    actor = values.pop("actor")
    values["actor_id"] = actor.pk if actor is not None else None
    values["uuid"] = uuid4()
    values["occurred_at"] = timezone.now()
    return _list_read_sql(shown), [values[name] for name in _list_read_params()]


@cache
def _list_read_sql(shown: str) -> str:
    """The SQL of ``read_logged_in_statement`` (made once: it depends on the models alone)."""
    fields, names = _list_read_fields(), []
    for field in fields:
        if field.attname in _BY_THE_ROWS:
            names.append(_BY_THE_ROWS[field.attname])
        else:
            names.append(f"CAST(%s AS {_cast_type(field)})")
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    quoted = connection.ops.quote_name(shown)
    # Column names and types from the model, the relation's name quoted; every value a parameter.
    return (
        f"log_entry AS (INSERT INTO {ProcessingLogEntry._meta.db_table} ({columns}) "  # noqa: S608
        f"SELECT {', '.join(names)} FROM {quoted} s HAVING count(*) > 0 RETURNING id), "
        f"log_objects AS (INSERT INTO {ProcessedObjects._meta.db_table} "
        "(entry_id, record_uuids, data_subject_uuids) "
        "SELECT e.id, array_agg(s.subject), array_agg(s.subject) "
        f"FROM log_entry e, {quoted} s GROUP BY e.id HAVING count(*) > 1)"
    )


# log_processing's rules for a read's entry: the record when it is one, the person when there is
# one (aggregates over the relation of the rows shown; PostgreSQL has no min() of a UUID).
_BY_THE_ROWS = {
    "record_uuid": "CASE WHEN count(*) = 1 THEN (array_agg(s.subject))[1] END",
    "data_subject_uuid": "CASE WHEN count(DISTINCT s.subject) = 1 THEN (array_agg(s.subject))[1] END",
}


@cache
def _list_read_params() -> list[str]:
    """The attnames of the parameters of ``_list_read_sql``, in order."""
    return [f.attname for f in _list_read_fields() if f.attname not in _BY_THE_ROWS]


@cache
def _list_read_fields() -> list:
    return [f for f in ProcessingLogEntry._meta.concrete_fields if not f.primary_key]


def _cast_type(field) -> str:
    """The type a parameter of ``field`` is read as: text for a string (CAST to varchar(n) would
    cut a longer value off, where the INSERT refuses it, as an INSERT of VALUES does)."""
    if field.get_internal_type() == "CharField":
        return "text"
    return field.db_type(connection)


def _write_with_objects(entry: ProcessingLogEntry, pairs: list[tuple]) -> None:
    """The entry and its processed objects; on PostgreSQL in one statement, without a model
    instance per object."""
    if connection.vendor != "postgresql":
        entry.save()
        ProcessedObjects.objects.create(
            entry=entry,
            record_uuids=[as_uuid(r) for r, _s in pairs],
            data_subject_uuids=[as_uuid(s) for _r, s in pairs],
        )
        return
    records = _uuid_array([r for r, _s in pairs])
    subjects = records if all(r == s for r, s in pairs) else _uuid_array([s for _r, s in pairs])
    _write_entry(entry, [records, subjects])


def _write_entry(entry: ProcessingLogEntry, objects: list | None = None) -> None:
    """Write ``entry`` (PostgreSQL), with the processed objects of ``objects`` (the arrays of
    record and subject UUIDs) when given."""
    sql, fields = _entry_sql(with_objects=objects is not None)
    values = [f.get_db_prep_save(f.pre_save(entry, add=True), connection) for f in fields]
    pending = _pending.get()
    if pending is not None and entry.action == Action.READ:
        pending.append((entry, values, objects))  # written at the end of written_together
        return
    with prepared_cursor() as cursor:
        cursor.execute(sql, [*values, *(objects or ())])
        _written(entry, cursor.fetchone()[0])


def _written(entry: ProcessingLogEntry, pk: int) -> None:
    entry.pk = pk
    entry._state.adding = False
    entry._state.db = connection.alias


# More entries than this in one written_together block are written a statement each.
_TOGETHER_AT_MOST = 8


def _write_pending(pending: list) -> None:
    """The entries held by ``written_together``: in one statement (one commit), made once per
    sequence of shapes (with or without processed objects) and prepared once per connection."""
    if len(pending) == 1 or len(pending) > _TOGETHER_AT_MOST:
        for entry, values, objects in pending:
            sql, _fields = _entry_sql(with_objects=objects is not None)
            with prepared_cursor() as cursor:
                cursor.execute(sql, [*values, *(objects or ())])
                _written(entry, cursor.fetchone()[0])
        return
    sql = _together_sql(tuple(objects is not None for _entry, _values, objects in pending))
    params: list = []
    for _entry, values, objects in pending:
        params += [*values, *(objects or ())]
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        ids = cursor.fetchone()
    for (entry, _values, _objects), pk in zip(pending, ids, strict=True):
        _written(entry, pk)


@cache
def _together_sql(shapes: tuple[bool, ...]) -> str:
    """One statement writing an entry per element of ``shapes`` (True: with its processed
    objects), each as ``_entry_sql`` writes it, returning their ids in order. PostgreSQL runs
    every data-modifying part of a WITH once, whether the query reads it or not."""
    insert, _fields = _entry_sql(with_objects=False)
    parts, ids = [], []
    # Only numbers and the statement above go into the text; every value is a parameter.
    for i, with_objects in enumerate(shapes):
        parts.append(f"e{i} AS ({insert})")
        if with_objects:
            parts.append(
                f"o{i} AS (INSERT INTO {_OBJECTS} "  # noqa: S608
                "(entry_id, record_uuids, data_subject_uuids) "
                f"SELECT e{i}.id, %s::uuid[], %s::uuid[] FROM e{i})"
            )
        ids.append(f"(SELECT id FROM e{i})")  # noqa: S608
    return f"WITH {', '.join(parts)} SELECT {', '.join(ids)}"


_OBJECTS = ProcessedObjects._meta.db_table


@cache
def _entry_sql(*, with_objects: bool) -> tuple[str, list]:
    """The statement writing an entry, and its processed objects when ``with_objects``
    (PostgreSQL); made once and prepared once per connection."""
    fields = [f for f in ProcessingLogEntry._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Column names from the model, every value a parameter.
    insert = (
        f"INSERT INTO processing_log_processinglogentry ({columns}) "  # noqa: S608
        f"VALUES ({placeholders}) RETURNING id"
    )
    if not with_objects:
        return insert, fields
    sql = (
        f"WITH e AS ({insert}), "  # noqa: S608 (the statement above)
        f"o AS (INSERT INTO {_OBJECTS} (entry_id, record_uuids, data_subject_uuids) "
        "SELECT e.id, %s::uuid[], %s::uuid[] FROM e) "
        "SELECT id FROM e"
    )
    return sql, fields


def _uuid_array(values) -> str:
    """A list of UUIDs (or None) as one PostgreSQL array literal: one parameter to send instead
    of a value each. Every element is checked to be a UUID (or NULL), so nothing else gets in;
    text already in the canonical form (a page's UUIDs as PostgreSQL writes them) by a pattern,
    an eighth of the time parsing and writing it again took."""
    return (
        "{"
        + ",".join(
            "NULL"
            if v is None
            else v
            if type(v) is str and _CANONICAL_UUID.fullmatch(v)
            else str(as_uuid(v))
            for v in values
        )
        + "}"
    )


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def entries_about(subject_uuid, record_uuids=()):
    """Every entry about the person ``subject_uuid`` or about one of ``record_uuids``: those that
    name it themselves and those that name it among the processed objects of a list read. Indexed
    look-ups, no join over the whole log."""
    record_uuids = [as_uuid(r) for r in record_uuids]
    about = Q(record_uuid__in=record_uuids) | Q(id__in=_lists_naming(subject_uuid, record_uuids))
    if subject_uuid is not None:
        about |= Q(data_subject_uuid=subject_uuid)
    return ProcessingLogEntry.objects.filter(about)


def _lists_naming(subject_uuid, record_uuids: list) -> list[int]:
    """The entries whose processed objects name the person ``subject_uuid`` as a person, or one
    of ``record_uuids`` as a record."""
    subject = as_uuid(subject_uuid)
    subjects = [subject] if subject is not None else []
    if not subjects and not record_uuids:
        return []
    table = connection.ops.quote_name(_OBJECTS)
    exact: list[str] = []
    if connection.vendor == "postgresql":
        # The GIN index over both lists (migration 0004) finds the rows naming any of them; the
        # test after it keeps a record and a person apart (`@>` of an empty array would hold for
        # every row: a list left empty is not tested).
        if subjects:
            exact.append("data_subject_uuids @> %s::uuid[]")
        if record_uuids:
            exact.append("record_uuids && %s::uuid[]")
        sql = (
            f"SELECT entry_id FROM {table} "  # noqa: S608 (the model's table, fixed text)
            f"WHERE (record_uuids || data_subject_uuids) && %s::uuid[] AND ({' OR '.join(exact)})"
        )
        params = [_uuid_array([*subjects, *record_uuids])]
        params += [_uuid_array(x) for x in (subjects, record_uuids) if x]
    else:
        # The embedded SQLite keeps each list as JSON text (fields.UUIDListField): no index.
        if subjects:
            exact.append("EXISTS (SELECT 1 FROM json_each(data_subject_uuids) WHERE value = %s)")
        if record_uuids:
            marks = ", ".join(["%s"] * len(record_uuids))
            exact.append(
                f"EXISTS (SELECT 1 FROM json_each(record_uuids) WHERE value IN ({marks}))"  # noqa: S608
            )
        sql = f"SELECT entry_id FROM {table} WHERE {' OR '.join(exact)}"  # noqa: S608
        params = [str(u) for u in (*subjects, *record_uuids)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _subject_of(record):
    subject = getattr(record, "data_subject_uuid", None)
    return subject() if callable(subject) else subject


@contextmanager
def retention_deletion() -> Iterator[None]:
    """Let the retention job delete expired entries inside this block; the database refuses any
    other UPDATE or DELETE of the log (migration 0002_append_only_trigger). The permission is
    part of the block's transaction: an error inside rolls it back with everything else."""
    vendor = connection.vendor
    with transaction.atomic(), connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SET LOCAL werkbedrijf.retention_job = 'on'")
        elif vendor == "sqlite":
            cursor.execute("INSERT INTO processing_log_retention_permit (id) VALUES (1)")
        yield
        if vendor == "postgresql":
            cursor.execute("SET LOCAL werkbedrijf.retention_job = 'off'")
        elif vendor == "sqlite":
            cursor.execute("DELETE FROM processing_log_retention_permit")


# Answering a data subject's request (AVG art. 15): the search for the person and the export.
ACCESS_REQUEST = Purpose(
    "access-request",
    "Afhandeling verzoek van betrokkene (AVG art. 15)",
    "AVG art. 15 en art. 6 lid 1 sub c",
)


# Employers' contact persons: their name, phone and e-mail are personal data of that person.
EMPLOYER_SERVICES = Purpose(
    "employer-services",
    "Werkgeversdienstverlening: contact met werkgevers voor de plaatsing van kandidaten",
    "AVG art. 6 lid 1 sub e; Participatiewet art. 7 lid 1 sub a",
)


# Reading the processing log itself: who processed whose data is personal data too.
LOG_REVIEW = Purpose(
    "processing-log-review",
    "Toezicht op de verwerking van persoonsgegevens (inzien van het logboek)",
    "AVG art. 5 lid 2 (verantwoordingsplicht) en art. 32 (beveiliging)",
)
