"""Reading candidates: always scoped by access.policy, lists paged by keyset (no COUNT(*)), every
read of personal data written to the processing log."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from django.core.exceptions import EmptyResultSet, ObjectDoesNotExist, ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import FilteredRelation, Model, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat, Left, NullIf, Right, Trim, Upper
from django.db.models.lookups import Exact
from django.http import Http404
from django.utils import timezone

from werkbedrijf.access import policy
from werkbedrijf.accounts.models import User
from werkbedrijf.agreements.models import AgreementStatus, LocalChoice
from werkbedrijf.employers import selectors as employer_selectors
from werkbedrijf.employers.policies import MARKET_UNIT_KINDS, market_units_delivered
from werkbedrijf.organisations.models import Organisation
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import (
    REINTEGRATION,
    log_processing,
    read_logged_in_statement,
)
from werkbedrijf.utils.bsn import bsn_digits
from werkbedrijf.utils.compiled import compiled_by_key, compiled_list
from werkbedrijf.utils.paging import Page
from werkbedrijf.utils.prepared import ModelColumns, prepared_cursor

from . import policies
from .models import (
    CLOSED_PHASES,
    OPEN_ACTIVITY_STATUSES,
    ActivityStatus,
    Candidate,
    CandidateMove,
    ContactAssignment,
    DigitalAssessment,
    FocusGroup,
    JourneyStep,
    Phase,
    Trajectory,
)

if TYPE_CHECKING:
    from werkbedrijf.agreements.selectors import InForce

PAGE_SIZE = 50

M = TypeVar("M", bound=Model)


def candidate_scope(user):
    return policy.candidate_scope(user, Candidate.objects.all())


def trajectory_scope(user):
    return policy.candidate_scope(user, Trajectory.objects.all())


def _read_one(user, scope: QuerySet[M], uuid, channel: str) -> M:
    """The record with ``uuid`` within ``scope`` (404 when it is not there or not the user's to
    see); the reading is logged."""
    try:
        record = scope.get(uuid=uuid)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    log_processing(
        actor=user,
        action=Action.READ,
        record_type=record._meta.label,
        records=[record],
        purpose=REINTEGRATION,
        channel=channel,
    )
    return record


def get_candidate(user, uuid, *, channel: str = "ui") -> Candidate:
    """The candidate with its municipality (404 when not there or not the user's to see:
    ``access.policy.can_view_candidate``); the reading is logged. On PostgreSQL by a statement
    made once per process and prepared once per connection, as ``candidate_detail``: the ORM
    built and compiled the query of the candidate's some fifty columns on every request, more
    than half the read's CPU time."""
    if connection.vendor != "postgresql":
        return _read_one(user, candidate_scope(user).select_related("municipality"), uuid, channel)
    try:
        key = uuid if isinstance(uuid, UUID) else UUID(str(uuid))
    except ValueError as exc:
        raise Http404 from exc
    candidate, (has_moves,) = _read_prepared(user, _candidate_sql(), key, channel)
    # Whether the candidate ever moved: the candidate's page reads the moves only then.
    candidate.has_moves = has_moves  # type: ignore[attr-defined]
    return candidate


def _read_prepared(
    user, statement: tuple[str, ModelColumns, ModelColumns], uuid, channel: str
) -> tuple[Candidate, tuple]:
    """The candidate with ``uuid`` (and its municipality) by a prepared ``statement`` of
    ``_candidate_sql``'s form, 404 when the user may not see them (access.policy), the read
    logged; and the statement's further columns."""
    sql, candidate_columns, municipality_columns = statement
    with prepared_cursor() as cursor:
        cursor.execute(sql, [uuid])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    candidate = cast(Candidate, candidate_columns.instance(row))
    if not policy.can_view_candidate(user, candidate):
        raise Http404
    start = len(candidate_columns.columns)
    candidate.municipality = cast(Organisation, municipality_columns.instance(row, start))
    log_processing(
        actor=user,
        action=Action.READ,
        record_type=Candidate._meta.label,
        records=[candidate],
        purpose=REINTEGRATION,
        channel=channel,
    )
    return candidate, tuple(row[start + len(municipality_columns.columns) :])


@cache
def _candidate_sql() -> tuple[str, ModelColumns, ModelColumns]:
    """``get_candidate``'s statement (PostgreSQL), and the columns of the candidate and its
    municipality; the last column says whether the candidate has any move."""
    candidate, municipality = ModelColumns.of(Candidate), ModelColumns.of(Organisation)
    # Table and column names from the models; the UUID is the one parameter.
    sql = (
        f"SELECT {candidate.select('c')}, {municipality.select('m')}, "  # noqa: S608
        f"EXISTS (SELECT 1 FROM {CandidateMove._meta.db_table} mv WHERE mv.candidate_id = c.id) "
        f"FROM {Candidate._meta.db_table} c "
        f"JOIN {Organisation._meta.db_table} m ON m.id = c.municipality_id WHERE c.uuid = %s"
    )
    return sql, candidate, municipality


def candidate_detail(user, uuid, *, channel: str = "ui") -> Candidate:
    """``get_candidate`` with everything the API's detail shows, in one statement made once per
    process and prepared once per connection: the candidate, its municipality, and as JSON its
    contact history (with each contact person, their organisation and who recorded it), its
    trajectories (with their municipality) and its digital assessments, as ``detail_rows``.
    Whether the user may see the candidate is ``access.policy.can_view_candidate`` (404 when
    not); the reading is logged. There were seven queries, each built and compiled by the ORM
    on every request: most of the CPU time of the read. Elsewhere than on PostgreSQL it is
    ``get_candidate`` (the serializer reads the lists itself)."""
    if connection.vendor != "postgresql":
        return get_candidate(user, uuid, channel=channel)
    candidate, lists = _read_prepared(user, _candidate_detail_sql(), uuid, channel)
    # Read by the detail serializer.
    candidate.detail_rows = {  # type: ignore[attr-defined]
        name: json.loads(value) if isinstance(value, str) else value
        for name, value in zip(("contacts", "trajectories", "assessments"), lists, strict=True)
    }
    return candidate


@cache
def _candidate_detail_sql() -> tuple[str, ModelColumns, ModelColumns]:
    """The detail's statement (PostgreSQL), and the columns of the candidate and municipality."""
    candidate, municipality = ModelColumns.of(Candidate), ModelColumns.of(Organisation)
    tables = {
        "candidate": Candidate._meta.db_table,
        "organisation": Organisation._meta.db_table,
        "user": User._meta.db_table,
        "contact": ContactAssignment._meta.db_table,
        "trajectory": Trajectory._meta.db_table,
        "assessment": DigitalAssessment._meta.db_table,
    }
    # Each list in the order the ORM read it: contacts by their Meta ordering (since, id),
    # trajectories newest referral first, assessments by completion.
    contacts = """(SELECT COALESCE(json_agg(json_build_object(
            'uuid', a.uuid, 'since', a.since, 'until', a.until, 'handover_note', a.handover_note,
            'contact_uuid', u.uuid, 'contact_first_name', u.first_name,
            'contact_last_name', u.last_name, 'contact_username', u.username,
            'organisation_uuid', o.uuid, 'organisation_name', o.name,
            'recorded_by_uuid', r.uuid, 'recorded_by_first_name', r.first_name,
            'recorded_by_last_name', r.last_name, 'recorded_by_username', r.username
        ) ORDER BY a.since, a.id), '[]')
        FROM {contact} a JOIN {user} u ON u.id = a.contact_id
        LEFT JOIN {organisation} o ON o.id = u.organisation_id
        LEFT JOIN {user} r ON r.id = a.recorded_by_id
        WHERE a.candidate_id = c.id)"""
    trajectories = """(SELECT COALESCE(json_agg(json_build_object(
            'uuid', t.uuid, 'municipality_uuid', tm.uuid, 'municipality_name', tm.name,
            'phase', t.phase, 'phase_since', t.phase_since, 'referred_on', t.referred_on,
            'closed_on', t.closed_on
        ) ORDER BY t.referred_on DESC, t.id DESC), '[]')
        FROM {trajectory} t JOIN {organisation} tm ON tm.id = t.municipality_id
        WHERE t.candidate_id = c.id)"""
    assessments = """(SELECT COALESCE(json_agg(json_build_object(
            'uuid', d.uuid, 'language', d.language, 'completed_on', d.completed_on,
            'education', d.education, 'work_experience', d.work_experience,
            'dutch_level', d.dutch_level, 'english_level', d.english_level,
            'competences', d.competences, 'health', d.health
        ) ORDER BY d.completed_on, d.id), '[]')
        FROM {assessment} d WHERE d.candidate_id = c.id)"""
    # Table and column names from the models; the UUID is the one parameter.
    sql = (
        f"SELECT {candidate.select('c')}, {municipality.select('m')}, "  # noqa: S608
        f"{contacts}, {trajectories}, {assessments} "
        "FROM {candidate} c JOIN {organisation} m ON m.id = c.municipality_id "
        "WHERE c.uuid = %s"
    ).format(**tables)
    return sql, candidate, municipality


def get_trajectory(user, uuid, *, channel: str = "ui") -> Trajectory:
    scope = trajectory_scope(user).select_related("candidate", "municipality")
    return _read_one(user, scope, uuid, channel)


def trajectorys_candidate(user, uuid, *, channel: str = "ui") -> UUID:
    """The UUID of the candidate of the trajectory ``uuid`` (404 when it is not there or not the
    user's to see), for the trajectory's address that leads to its candidate's page. Logged as
    ``get_trajectory`` logs the read; the two UUIDs are all that is read."""
    try:
        found = trajectory_scope(user).filter(uuid=uuid).values_list("uuid", "candidate__uuid")[:1]
        row = next(iter(found), None)
    except (ValueError, TypeError, ValidationError) as exc:
        raise Http404 from exc
    if row is None:
        raise Http404
    log_processing(
        actor=user,
        action=Action.READ,
        record_type=Trajectory._meta.label,
        objects=[row],
        purpose=REINTEGRATION,
        channel=channel,
    )
    return row[1]


def current_trajectory(candidate: Candidate) -> Trajectory | None:
    return candidate.trajectories.order_by("-referred_on", "-id").first()


def current_contact(candidate: Candidate) -> ContactAssignment | None:
    return (
        ContactAssignment.objects.filter(candidate=candidate, until__isnull=True)
        .select_related("contact__organisation")
        .first()
    )


def focus_groups_of(candidate: Candidate, on: date | None = None) -> list[str]:
    return policies.focus_groups(
        policies.PersonFacts(
            candidate.date_of_birth,
            candidate.refugee,
            candidate.job_agreement_register,
            candidate.functional_limitations,
            candidate.benefit_start_date,
        ),
        on or timezone.localdate(),
    )


@dataclass
class TrajectoryRecords:
    """Everything recorded under a trajectory, each kind read once, in the order the candidate's
    page lists it: the page and its timeline share these reads."""

    steps: list
    notes: list
    activities: list  # by start
    placements: list  # by start
    instruments: list  # by start
    signals: list  # newest first
    talks: list  # by planned date
    diagnoses: list

    @property
    def open_talks(self) -> list:
        return [talk for talk in self.talks if talk.held_on is None]


def trajectory_records(trajectory: Trajectory) -> TrajectoryRecords:
    """The records of ``trajectory`` with the people and services they name (one query per kind
    it has, however many records; each query's SQL compiled once per process). Which kinds it
    has any of is asked first, in one statement: many trajectories have no notes, signals,
    talks or diagnoses yet, and an empty list cost a query of its own."""
    present = _kinds_present(trajectory)

    def read(kind: str) -> list:
        if kind not in present:
            return []
        return compiled_list(f"trajectory_records.{kind}", _RECORD_QUERIES[kind], trajectory)

    return TrajectoryRecords(**{kind: read(kind) for kind in _RECORD_QUERIES})


# The kinds of records asked for first (every trajectory has its steps, from the referral on).
_PROBED = ("notes", "activities", "placements", "instruments", "signals", "talks", "diagnoses")


def _kinds_present(trajectory: Trajectory) -> set[str]:
    """The kinds of records ``trajectory`` has any of (and its steps)."""
    with prepared_cursor() as cursor:
        cursor.execute(_kinds_present_sql(), [trajectory.pk] * len(_PROBED))
        row = cursor.fetchone()
    return {kind for kind, present in zip(_PROBED, row, strict=True) if present} | {"steps"}


@cache
def _kinds_present_sql() -> str:
    """One EXISTS per kind of ``_PROBED``, each on the index of the record's trajectory."""
    quote = connection.ops.quote_name
    tests = []
    # Table and column names from the models; the trajectory's key is the one parameter.
    for kind in _PROBED:
        relation = getattr(Trajectory, kind)
        table, column = relation.rel.related_model._meta.db_table, relation.field.column
        tests.append(f"EXISTS (SELECT 1 FROM {quote(table)} WHERE {quote(column)} = %s)")  # noqa: S608
    return "SELECT " + ", ".join(tests)


_RECORD_QUERIES = {
    "steps": lambda t: t.steps.select_related("recorded_by"),
    "notes": lambda t: t.notes.select_related("author"),
    "activities": lambda t: t.activities.select_related("charged_to__service").order_by(
        "start", "id"
    ),
    "placements": lambda t: t.placements.select_related("employer").order_by("start", "id"),
    "instruments": lambda t: t.instruments.order_by("start", "id"),
    "signals": lambda t: t.signals.select_related("signalled_by", "decided_by").order_by(
        "-signalled_on", "-id"
    ),
    "talks": lambda t: t.talks.select_related(
        "income_participant", "werkbedrijf_participant"
    ).order_by("planned_on", "id"),
    "diagnoses": lambda t: t.diagnoses.all(),
}


def timeline(trajectory: Trajectory, records: TrajectoryRecords | None = None) -> list[dict]:
    """Everything that happened, in date order, for a newcomer to read. ``records``: the
    trajectory's records when the caller has read them already."""
    records = records or trajectory_records(trajectory)
    events = []
    for step in records.steps:
        events.append({"date": step.occurred_on, "kind": "step", "object": step})
    for note in records.notes:
        events.append({"date": note.written_on, "kind": "note", "object": note})
    for activity in records.activities:
        events.append({"date": activity.start, "kind": "activity", "object": activity})
    for placement in records.placements:
        events.append({"date": placement.start, "kind": "placement", "object": placement})
    for instrument in records.instruments:
        events.append({"date": instrument.start, "kind": "instrument", "object": instrument})
    for signal in records.signals:
        events.append({"date": signal.signalled_on, "kind": "signal", "object": signal})
    for talk in records.talks:
        events.append({"date": talk.planned_on, "kind": "talk", "object": talk})
    for diagnosis in records.diagnoses:
        events.append({"date": diagnosis.start, "kind": "diagnosis", "object": diagnosis})
    # Within a day the steps come first, in the order taken (they set the scene for the rest),
    # then the other records by kind, each kind in the order recorded.
    return sorted(events, key=lambda e: (e["date"], e["kind"] != "step", e["kind"], e["object"].pk))


# --- lists --------------------------------------------------------------------------------------


@dataclass
class Filters:
    name: str = ""
    bsn_part: str = ""
    phase: str = ""
    focus_group: str = ""
    consultant: int | None = None
    municipality: int | None = None
    active_only: bool = True
    referred_since: date | None = None


def _years_before(today: date, n: int) -> date:
    """The date ``n`` years before ``today`` (28 February for 29 February): a person born after
    it is younger than ``n`` on ``today`` (policies.age_on)."""
    try:
        return today.replace(year=today.year - n)
    except ValueError:  # 29 February
        return today.replace(year=today.year - n, day=28)


def _focus_group_q(group: str, today: date) -> Q:
    def years_ago(n):
        return _years_before(today, n)

    if group == FocusGroup.UNDER_27:
        return Q(candidate__date_of_birth__gt=years_ago(27))
    if group == FocusGroup.OVER_55:
        return Q(candidate__date_of_birth__lte=years_ago(56))
    if group == FocusGroup.REFUGEE:
        return Q(candidate__refugee=True)
    if group == FocusGroup.WORK_LIMITATION:
        return Q(candidate__job_agreement_register=True) | ~Q(candidate__functional_limitations="")
    if group == FocusGroup.NEW_IN_ASSISTANCE:
        return Q(
            candidate__benefit_start_date__gte=today
            - timedelta(days=policies.NEW_IN_ASSISTANCE_MONTHS * 31),
            candidate__benefit_start_date__lte=today,
        )
    return Q()


def full_name(path: str):
    """A user's full name in a query (``path`` leads to the user), their username when they have
    none: people are shown by name."""
    name = Trim(Concat(f"{path}__first_name", Value(" "), f"{path}__last_name"))
    return Coalesce(NullIf(name, Value("")), f"{path}__username")


def consultant_q(consultant_id: int, *, active_only: bool = False) -> Q:
    """Trajectories of a consultant: their business consultant or their candidate's current
    contact person (the caseload's consultant filter).

    A UNION of the two, each from its own index (the trajectory's business consultant; the
    contact person's current assignments, then their candidates' trajectories), so PostgreSQL
    starts from the consultant's thousand or so trajectories. Written as an OR it estimated a
    hundred times too many rows and joined and sorted all candidates instead (bench/).
    ``active_only``: only active trajectories, in each branch, so that each branch is an
    index-only read of the partial indexes of migration 0014 instead of every trajectory the
    consultant ever had."""
    trajectories = Trajectory.objects.all()
    if active_only:
        trajectories = trajectories.exclude(phase__in=CLOSED_PHASES)
    own = trajectories.filter(business_consultant_id=consultant_id).values("id")
    assigned = trajectories.filter(
        candidate__contacts__contact_id=consultant_id, candidate__contacts__until__isnull=True
    ).values("id")
    return Q(id__in=own.union(assigned))


def caseload_queryset(
    user, filters: Filters, today: date | None = None, *, base: QuerySet | None = None
) -> QuerySet[Trajectory]:
    """The trajectories the caseload lists for ``filters``, unordered and unpaged: the one query
    behind the list and behind every count that links to it (the start page's). ``base``: the
    trajectories to narrow (default all), e.g. with the columns of a list already chosen."""
    today = today or timezone.localdate()
    qs = policy.candidate_scope(user, Trajectory.objects.all() if base is None else base)
    # An active phase implies an active trajectory: the planner, taking the two conditions for
    # independent, estimated a sixth of the rows and read every active trajectory.
    if filters.active_only and not (filters.phase and filters.phase not in CLOSED_PHASES):
        qs = qs.exclude(phase__in=CLOSED_PHASES)
    if filters.name:
        qs = qs.filter(
            Q(candidate__last_name__istartswith=filters.name)
            | Q(candidate__first_name__istartswith=filters.name)
        )
    if filters.bsn_part:
        digits = bsn_digits(filters.bsn_part)
        if digits:
            qs = qs.filter(candidate__bsn__contains=digits)
    if filters.phase:
        qs = qs.filter(phase=filters.phase)
    if filters.focus_group:
        qs = qs.filter(_focus_group_q(filters.focus_group, today))
    if filters.consultant:
        qs = qs.filter(consultant_q(filters.consultant, active_only=filters.active_only))
    if filters.municipality:
        qs = qs.filter(municipality_id=filters.municipality)
    if filters.referred_since:
        qs = qs.filter(referred_on__gte=filters.referred_since)
    return qs


def with_people(qs: QuerySet[Trajectory]) -> QuerySet[Trajectory]:
    """The caseload's rows with their candidate, municipality, business consultant and the
    current contact person's username and name, for a list or an export."""
    current = ContactAssignment.objects.filter(candidate=OuterRef("candidate"), until__isnull=True)
    return qs.select_related("candidate", "municipality", "business_consultant").annotate(
        contact_username=Subquery(current.values("contact__username")[:1]),
        contact_name=Subquery(current.values(name=full_name("contact"))[:1]),
    )


def caseload_count(user, filters: Filters) -> int:
    """How many trajectories the caseload with ``filters`` holds (a number, no person)."""
    return caseload_queryset(user, filters).count()


EXPORT_MAX_ROWS = 10_000  # the most rows an export of the caseload holds


def caseload_export(user, filters: Filters) -> list[Trajectory]:
    """The caseload with ``filters`` for an export, by last name (at most EXPORT_MAX_ROWS);
    logged as an export of each candidate in it."""
    rows = list(
        with_people(caseload_queryset(user, filters)).order_by(*CASELOAD_ORDER)[:EXPORT_MAX_ROWS]
    )
    # Logged also when empty: the export itself is on record.
    log_processing(
        actor=user,
        action=Action.EXPORT,
        record_type="candidates.Candidate",
        records=[r.candidate for r in rows],
        purpose=REINTEGRATION,
        detail="caseload",
    )
    return rows


# The caseload's order: by last name, then by candidate and trajectory. The candidate's key
# before the trajectory's lets PostgreSQL walk the candidates' (last_name, id) index in order and
# probe each for its trajectory, stopping after a page: ordered by last name and the
# trajectory's key, it had to read every candidate of a last name before it could return the
# first page (all 12,500 namesakes of a common name at national size).
CASELOAD_ORDER = ("candidate__last_name", "candidate_id", "id")


def caseload_keyset(last_name: str, candidate_id: int, trajectory_id: int) -> str:
    """The keyset of a caseload row, "<last_name>|<candidate id>|<trajectory id>"."""
    return f"{last_name}|{candidate_id}|{trajectory_id}"


def _split_caseload_keyset(cursor: str) -> tuple[str, int, int]:
    """A caseload keyset as its parts; a malformed one starts from the top."""
    try:
        last_name, candidate_id, trajectory_id = cursor.rsplit("|", 2)
        return last_name, int(candidate_id), int(trajectory_id)
    except ValueError:
        return "", 0, 0


def _page_query(
    user, filters: Filters, cursor: str | None, base: QuerySet | None = None
) -> QuerySet[Any, Any]:
    """The caseload's trajectories under ``filters`` after ``cursor``, in page order."""
    qs = caseload_queryset(user, filters, base=base)
    if cursor:
        last_name, candidate_id, trajectory_id = _split_caseload_keyset(cursor)
        same_name = Q(candidate__last_name=last_name)
        qs = qs.filter(
            # The range condition alone is what an index can start from; the rest is the row
            # comparison (last_name, candidate, trajectory) > the cursor's, spelled out.
            Q(candidate__last_name__gte=last_name)
            & (
                Q(candidate__last_name__gt=last_name)
                | (same_name & Q(candidate_id__gt=candidate_id))
                | (same_name & Q(candidate_id=candidate_id, id__gt=trajectory_id))
            )
        )
    # With a name prefix, order by an expression no index provides (it sorts exactly as the last
    # name does): otherwise PostgreSQL walks the last-name index in order hoping to meet matches
    # early, and a common prefix such as 'Jan' lies mid-alphabet (260 ms at 250,000 candidates;
    # 48 ms when it uses the name indexes of migration 0002 and sorts the matches; bench/).
    if filters.name:
        return qs.order_by(Concat("candidate__last_name", Value("")), *CASELOAD_ORDER[1:])
    return qs.order_by(*CASELOAD_ORDER)


# Characters that are not the lower case of their upper case but upper-case to one character
# (dotless i, long s, final sigma, ...): a name written with one matches a prefix in upper case
# as its plain letter does. Every such character of Unicode; test_caseload_name_ranges checks it.
_ODD_CASE_FORMS = (
    "\xb5\u0131\u017f\u01c5\u01c8\u01cb\u01f2\u0345\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0"
    "\u03f1\u03f5\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e9b\u1fbe"
)
_MAX_NAME_RANGES = 16  # the most ranges of the last-name index a name prefix is read as


def _upper(char: str) -> str:
    """A character in upper case as UPPER() makes it: one character for one (a character whose
    upper case is longer, such as ß, stays itself)."""
    upper = char.upper()
    return upper if len(upper) == 1 else char


def _case_forms(char: str) -> list[str]:
    """Every character whose upper case is ``char``'s, sorted."""
    upper = _upper(char)
    candidates = {char, upper, upper.lower(), *_ODD_CASE_FORMS}
    return sorted(c for c in candidates if len(c) == 1 and _upper(c) == upper)


def _after(prefix: str) -> str | None:
    """The least string greater than every string that starts with ``prefix``, in code point
    order (None: there is none)."""
    while prefix:
        code = ord(prefix[-1]) + 1
        if code == 0xD800:  # no surrogates in a string PostgreSQL holds
            code = 0xE000
        if code <= 0x10FFFF:
            return prefix[:-1] + chr(code)
        prefix = prefix[:-1]
    return None


def caseload_name_ranges(name: str) -> list[tuple[str, str | None]]:
    """The ranges [low, high) of last names in code point order that hold every last name
    starting with ``name`` in any case: one per case form of the prefix's first letters (as many
    letters as keep the ranges at most _MAX_NAME_RANGES), in order. Empty for an empty name."""
    variants = [""]
    for char in name:
        forms = _case_forms(char)
        if len(variants) * len(forms) > _MAX_NAME_RANGES:
            break
        variants = [v + f for v in variants for f in forms]
    if variants == [""]:
        return []
    return [(v, _after(v)) for v in sorted(variants)]


def _code_point_order() -> bool:
    """Whether the database sorts text by code point (the C collation; glibc's C.UTF-8 too), so
    that the names starting with a string are one range of the last-name index."""
    if connection.vendor != "postgresql":
        return False
    settings = connection.settings_dict
    database = (settings["HOST"], settings["PORT"], settings["NAME"])
    if database not in _CODE_POINT_ORDER:  # a database's collation is fixed when it is created
        with connection.cursor() as db:
            db.execute(
                "SELECT datlocprovider = 'c' AND datcollate IN ('C', 'POSIX', 'C.UTF-8', "
                "'C.utf8') FROM pg_database WHERE datname = current_database()"
            )
            _CODE_POINT_ORDER[database] = bool(db.fetchone()[0])
    return _CODE_POINT_ORDER[database]


_CODE_POINT_ORDER: dict[tuple, bool] = {}  # per database, for the life of the process


_PAGE_KEY = ("candidate__last_name", "candidate_id", "id")
_LOW, _HIGH = "\x00low bound\x00", "\x00high bound\x00"  # markers of a range's bounds


def _page_ids(
    user, filters: Filters, cursor: str | None, limit: int, *, today: date | None = None
) -> tuple[str, tuple] | None:
    """The SQL (and its parameters) of the ids of the caseload's next ``limit`` trajectories
    under ``filters`` after ``cursor``, in page order; None when the user's scope is empty.

    A name prefix on PostgreSQL under a code-point order: one branch per range of last names
    that ``caseload_name_ranges`` gives (each walks the candidates' (last_name, id) index in
    page order through its range and stops after ``limit`` rows, as the first page does) and
    one of the first-name matches whose last name does not match (sorted), each ordered and
    limited, then merged in order and limited again. The branches are disjoint, so this is
    the same rows in the same order as the OR of the two prefixes, which sorted every
    candidate matching either (25,000-39,000 at national size; bench/README.md). Under another
    collation, or on SQLite, the OR.

    Compiling the query with the ORM was a fifth of the list's CPU time, and two thirds of a
    name search's: the SQL is made once per form of the request (``_page_ids_key``) with
    stand-ins for the cursor's values and the name's (its pattern, initial and ranges), which
    are put in on every request. ``today``: the caller's, when it has read it already."""
    key = _page_ids_key(user, filters, cursor, limit, today)
    if key is None:
        return _page_ids_built(user, filters, cursor, limit)
    entry = _PAGE_IDS_MADE.get(key, _NOT_MADE)
    if entry is _NOT_MADE:
        entry = _page_ids_made(user, filters, cursor, limit)
        if entry is _NOT_MADE:  # a form whose SQL does not name the cursor's values plainly
            return _page_ids_built(user, filters, cursor, limit)
        if len(_PAGE_IDS_MADE) >= _PAGE_IDS_MAX:
            _PAGE_IDS_MADE.clear()
        _PAGE_IDS_MADE[key] = entry
    if entry is None:
        return None
    sql, params, slots = cast(_PageIds, entry)
    if not slots:
        return sql, params
    values = list(params)
    parts = _split_caseload_keyset(cursor) if cursor else ()
    ranges = caseload_name_ranges(filters.name) if filters.name else []
    for position, kind, which in slots:
        if kind == _CURSOR:
            values[position] = parts[which]
        elif kind == _PATTERN:  # the name as the ORM writes it into a LIKE pattern
            like = connection.ops.prep_for_like_query(filters.name)
            values[position] = params[position].replace(_NAME_STAND_IN, like)
        elif kind == _INITIAL:
            values[position] = filters.name[0]
        else:  # a range's low (0) or high (1) bound
            values[position] = ranges[which // 2][which % 2]
    return sql, tuple(values)


def _page_ids_built(
    user, filters: Filters, cursor: str | None, limit: int, names: _NameStandIns | None = None
):
    try:
        return _page_ids_sql(user, filters, cursor, limit, names)
    except EmptyResultSet:
        return None


def _page_ids_key(
    user, filters: Filters, cursor: str | None, limit: int, today: date | None = None
) -> tuple | None:
    """Everything the SQL of ``_page_ids`` and its parameters depend on but the cursor's values:
    the database, the user's scope (policy.candidate_scope_key), the filters, today (the focus
    groups' bounds), whether there is a cursor, the page's size. None for a search by name or
    BSN, which is not kept (no person's number is held in the process). A name prefix read as
    ranges is kept by its form (for each range whether it holds only matches), not by the name:
    the SQL holds stand-ins for it."""
    if filters.bsn_part:
        return None
    name_form: tuple | None = None
    if filters.name:
        ranges = caseload_name_ranges(filters.name)
        if not ranges or not _code_point_order() or any(high is None for _, high in ranges):
            return None
        name_form = tuple(_exact_range(filters.name, low) for low, _high in ranges)
    db = connections[DEFAULT_DB_ALIAS]  # once: each attribute of `connection` is a look-up
    key = (
        db.vendor,
        db.settings_dict["NAME"],
        policy.candidate_scope_key(user),
        tuple(item for item in vars(filters).items() if item[0] != "name"),
        name_form,
        timezone.localdate() if today is None else today,
        bool(cursor),
        limit,
    )
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _page_ids_made(user, filters: Filters, cursor: str | None, limit: int):
    """The SQL and parameters of ``_page_ids`` for a cursor and a name of stand-in values, and
    where each of their values goes: (position in the parameters, kind, which). _NOT_MADE when
    the parameters do not hold each of them plainly (then the SQL is made per request)."""
    stand_in = caseload_keyset(*_CURSOR_STAND_INS) if cursor else None
    names = None
    if filters.name:
        ranges = caseload_name_ranges(filters.name)
        names = _NameStandIns(
            exact=tuple(_exact_range(filters.name, low) for low, _high in ranges),
            bounds=tuple(
                f"\x00name range {i // 2} {('low', 'high')[i % 2]}\x00"
                for i in range(2 * len(ranges))
            ),
        )
    made = _page_ids_built(user, filters, stand_in, limit, names)
    if made is None:
        return None
    sql, params = _closed_phases_inlined(*made)
    slots: list[tuple[int, int, int]] = []
    for position, value in enumerate(params):
        if type(value) not in (str, int):
            continue
        if value in _CURSOR_STAND_INS:
            slots.append((position, _CURSOR, _CURSOR_STAND_INS.index(value)))
        elif names is not None and value in names.bounds:
            slots.append((position, _BOUND, names.bounds.index(value)))
        elif names is not None and value == _INITIAL_STAND_IN:
            slots.append((position, _INITIAL, 0))
        elif names is not None and isinstance(value, str) and _NAME_STAND_IN in value:
            slots.append((position, _PATTERN, 0))
    kinds = [(kind, which) for _position, kind, which in slots]
    if cursor and {which for kind, which in kinds if kind == _CURSOR} != {0, 1, 2}:
        return _NOT_MADE
    if names is not None and (
        {which for kind, which in kinds if kind == _BOUND} != set(range(len(names.bounds)))
        or (_INITIAL, 0) not in kinds
        or (_PATTERN, 0) not in kinds
        or _NAME_STAND_IN in sql
    ):
        return _NOT_MADE
    return sql, params, tuple(slots)


@dataclass(frozen=True)
class _NameStandIns:
    """A name prefix's form for ``_page_ids_sql``: for each of its ranges whether it holds only
    matches, and stand-ins for the ranges' bounds (low, high, low, high, ...)."""

    exact: tuple[bool, ...]
    bounds: tuple[str, ...]


def _closed_phases_inlined(sql: str, params: tuple) -> tuple[str, tuple]:
    """``sql`` with the closed phases written in where they were parameters. The page's statement
    is prepared, and after five runs PostgreSQL keeps a plan made for any parameters: one in
    which the active trajectories' partial indexes (phase not a closed one) cannot be used, as
    the parameters might not be the closed phases. The generic plan read each trajectory of the
    candidates walked past from the table instead of from traj_active_by_candidate alone
    (EXPLAIN EXECUTE at region size: the ids' part 0.8 ms against 0.2)."""
    parts, values, position = [], [], 0
    for part in _PLACEHOLDERS.split(sql):
        if part == "%s":
            value = params[position]
            position += 1
            if isinstance(value, str) and value in _CLOSED_PHASE_VALUES:
                parts.append(f"'{value!s}'")
                continue
            values.append(value)
        parts.append(part)
    return "".join(parts), tuple(values)


_PLACEHOLDERS = re.compile(r"(%%|%s)")
# The values of the closed phases (model constants, letters only: safe to write in SQL).
_CLOSED_PHASE_VALUES = frozenset(str(phase.value) for phase in CLOSED_PHASES)
assert all(value.isalpha() for value in _CLOSED_PHASE_VALUES)  # noqa: S101


# The stand-ins for a cursor's last name, candidate and trajectory, and for a name prefix and its
# initial: no request has them.
_CURSOR_STAND_INS = ("\x00cursor's last name\x00", -2_000_000_001, -2_000_000_002)
_NAME_STAND_IN = "\x00name prefix\x00"
_INITIAL_STAND_IN = "\x00name initial\x00"
_CURSOR, _PATTERN, _INITIAL, _BOUND = range(4)  # the kinds of value a slot takes
_PageIds = tuple[str, tuple, tuple[tuple[int, int, int], ...]]  # SQL, parameters, slots
_PAGE_IDS_MADE: dict[tuple, _PageIds | None] = {}  # per process, by _page_ids_key
_PAGE_IDS_MAX = 1024  # forms kept; all are dropped when there are more
_NOT_MADE = object()


def _exact_range(name: str, low: str) -> bool:
    """Whether the range of ``name``'s case form starting at ``low`` holds only matches: an
    ASCII form of a whole ASCII prefix."""
    return name.isascii() and low.isascii() and len(low) == len(name)


def _page_ids_sql(
    user, filters: Filters, cursor: str | None, limit: int, names: _NameStandIns | None = None
) -> tuple[str, tuple]:
    """``_page_ids``'s SQL made with the ORM; with ``names``, for the stand-ins of a name prefix
    of that form instead of ``filters.name``."""
    ranges = caseload_name_ranges(filters.name) if filters.name else []
    if not ranges or not _code_point_order():
        ids = _page_query(user, filters, cursor).values("id")[:limit]
        ids_sql, ids_params = ids.query.sql_with_params()
        return ids_sql, tuple(ids_params)
    name, initial = filters.name, filters.name[0]
    exact = [_exact_range(name, low) for low, _high in ranges]
    if names is not None:
        name, initial, exact = _NAME_STAND_IN, _INITIAL_STAND_IN, list(names.exact)
        bounds = iter(names.bounds)
        ranges = [(low, next(bounds)) for low in bounds]
    unnamed = replace(filters, name="")
    last_name = Q(candidate__last_name__istartswith=name)

    def branch(condition: Q) -> tuple[str, list]:
        ordered = (
            _page_query(user, unnamed, cursor)
            .filter(condition)
            .values(*_PAGE_KEY)
            .order_by(*CASELOAD_ORDER)[:limit]
        )
        sql, params = ordered.query.sql_with_params()
        return f"({sql})", list(params)

    # A range of an ASCII form of a whole ASCII prefix holds only matches: no filter, so that
    # PostgreSQL, which takes the range and the prefix for independent conditions, does not
    # expect a handful of rows and sort them all (the filter stays on the other ranges: the first
    # letters of a longer prefix, forms such as the dotless ı that upper-case by the ctype).
    # The ranges' branches differ only in their bounds: made once, the bounds put in per range.
    bounded = Q(candidate__last_name__gte=_LOW, candidate__last_name__lt=_HIGH)
    made = {True: branch(bounded), False: branch(bounded & last_name)}
    parts: list[str] = []
    values: list = []
    for (low, high), only_matches in zip(ranges, exact, strict=True):
        if high is None:  # the last code point's range has no end
            sql, params = branch(Q(candidate__last_name__gte=low) & last_name)
        else:
            sql, params = made[only_matches][0], list(made[only_matches][1])
            params[params.index(_LOW)], params[params.index(_HIGH)] = low, high
        parts.append(sql)
        values.extend(params)
    # The first-name matches walk the range of their initial in the candidates' (initial,
    # last_name, id) index, in page order, and stop after a page, where the prefix's own index
    # would give every match to sort (about 30,000 for 'Jo' at national size). The initial is
    # upper-cased by PostgreSQL, as the prefix is, so the range holds every match.
    sql, params = branch(
        Q(candidate__first_name__istartswith=name)
        & ~last_name
        & Q(Exact(Upper(Left("candidate__first_name", 1)), Upper(Value(initial))))
    )
    parts.append(sql)
    values.extend(params)
    # The branches' own SQL and a number: no value of the request is in the text.
    union = " UNION ALL ".join(parts)
    sql = (
        f'SELECT "page"."id" FROM ({union}) AS "page" ("last_name", "candidate_id", "id") '  # noqa: S608
        f'ORDER BY "page"."last_name", "page"."candidate_id", "page"."id" LIMIT {int(limit)}'
    )
    return sql, tuple(values)


@contextmanager
def _serial_page_plan(parallel: bool = False) -> Iterator[None]:
    """No parallel workers for the page's query of ``caseload_values`` (PostgreSQL; unless
    ``parallel``: a name prefix read as the OR of the two prefixes, see ``_page_ids``).
    ``caseload_json`` needs it only for a name prefix (the page's cost below): its statement
    writes the log entry, and PostgreSQL never plans a statement that writes in parallel.

    A page walks the candidates' last-name index in order and stops after a page. In parallel
    workers each worker walks its own part of the index ahead of the merge: for a case
    manager's phase filter (one candidate in eighty matches) three workers probed 39,000
    candidates where one process probes 3,000 (EXPLAIN ANALYZE at national size: 173 ms against
    15; bench/README.md). A name prefix sorts all its matches and is faster in parallel, so it
    keeps its workers.

    In the same statement, random_page_cost is set to what fits a database held in memory
    (1.1, where the server's default 4 prices a spinning disk). A municipality's name prefix
    reads its ranges of the last-name index and looks each candidate's active trajectory up
    by candidate; at 4 PostgreSQL prices each look-up as two reads from disk and takes every
    active trajectory of the municipality instead, to join and sort (7,000 at region size,
    10-17 ms against 2-4; bench/README.md). The page's plan is made under these settings, as
    each of its statements (prepared once per connection) only runs under them.

    ``set_config(..., true)`` lasts until the end of the transaction: in a transaction of the
    caller's, the previous values are put back after the page."""
    if parallel or connection.vendor != "postgresql":
        yield
        return
    nested = connection.in_atomic_block
    with transaction.atomic(savepoint=False), connection.cursor() as db:
        db.execute(
            "SELECT current_setting(%s), current_setting(%s), set_config(%s, '0', true), "
            "set_config(%s, %s, true)",
            [_PARALLEL, _PAGE_COST, _PARALLEL, _PAGE_COST, _PAGE_COST_IN_MEMORY],
        )
        previous_parallel, previous_cost = db.fetchone()[:2]
        yield
        if nested:
            db.execute(
                "SELECT set_config(%s, %s, true), set_config(%s, %s, true)",
                [_PARALLEL, previous_parallel, _PAGE_COST, previous_cost],
            )


_PARALLEL = "max_parallel_workers_per_gather"
_PAGE_COST, _PAGE_COST_IN_MEMORY = "random_page_cost", "1.1"


def _parallel_page(filters: Filters) -> bool:
    """Whether the page's query keeps its parallel workers: a name prefix read as the OR."""
    return bool(filters.name) and not (caseload_name_ranges(filters.name) and _code_point_order())


def _log_caseload_page(user, candidate_uuids: list, channel: str) -> None:
    """One entry for the page, naming every person shown (processing_log.ProcessedObjects)."""
    if candidate_uuids:
        log_processing(
            actor=user,
            action=Action.READ,
            record_type="candidates.Candidate",
            objects=[(uuid, uuid) for uuid in candidate_uuids],
            purpose=REINTEGRATION,
            channel=channel,
            detail="list",
        )


def caseload(
    user,
    filters: Filters,
    cursor: str | None = None,
    page_size: int = PAGE_SIZE,
    *,
    channel: str = "ui",
) -> Page:
    """Trajectories with their candidate and contact person, ordered by last name, paged by a
    keyset cursor (``caseload_keyset``). A fixed number of queries per page, however many rows."""
    ids = _page_ids(user, filters, cursor, page_size + 1)
    if ids is None:
        return Page([], None)
    page = Trajectory.objects.filter(id__in=RawSQL(*ids))  # noqa: S611
    rows = list(with_people(page).order_by(*CASELOAD_ORDER))
    next_cursor = None
    if len(rows) > page_size:
        rows = rows[:page_size]
        last = rows[-1]
        next_cursor = caseload_keyset(last.candidate.last_name, last.candidate_id, last.id)
    _log_caseload_page(user, [r.candidate.uuid for r in rows], channel)
    return Page(rows, next_cursor)


# The columns a caseload row shows (the API's CaseloadRowSerializer), nothing more.
CASELOAD_COLUMNS = (
    "id",
    "uuid",
    "phase",
    "phase_since",
    "referred_on",
    "closed_on",
    "municipality__uuid",
    "municipality__name",
    "candidate__uuid",
    "candidate__first_name",
    "candidate__name_prefix",
    "candidate__last_name",
    "candidate__date_of_birth",
    "candidate__refugee",
    "candidate__job_agreement_register",
    "candidate__functional_limitations",
    "candidate__benefit_start_date",
    "business_consultant__uuid",
    "business_consultant__first_name",
    "business_consultant__last_name",
    "business_consultant__username",
)


def caseload_values(
    user,
    filters: Filters,
    cursor: str | None = None,
    page_size: int = PAGE_SIZE,
    *,
    channel: str = "ui",
    extra: tuple[str, ...] = (),
) -> Page:
    """``caseload`` as plain dicts of only the columns a row shows (CASELOAD_COLUMNS, the last
    four digits of the BSN as ``bsn_tail``, ``contact_username`` and ``contact_name``): no model
    instances, the full BSN never leaves the database. Same order, cursor and logging.
    ``extra``: more columns of the trajectory a screen shows (the return reason).

    One statement: the page's trajectories are chosen by their ids alone (the scope, filters,
    order and cursor of ``_page_query``: PostgreSQL walks the candidates' last-name index and
    the active trajectories' index, touching no other table), and only those rows are joined to
    their columns (a deferred join; joining every candidate walked past made the page twice as
    dear). The columns' part of the SQL is made once per process (``_caseload_rows_sql``); only
    the ids' part is built per request, and the statement is prepared once per connection for
    each form of it."""
    ids = _page_ids(user, filters, cursor, page_size + 1)
    if ids is None:
        return Page([], None)
    ids_sql, ids_params = ids
    statement = _caseload_rows_sql(extra)
    with _serial_page_plan(_parallel_page(filters)), prepared_cursor() as db:
        db.execute(
            statement.before + ids_sql + statement.after,
            [*statement.params_before, *ids_params, *statement.params_after],
        )
        rows = db.fetchall()
    rows = [dict(zip(statement.names, row, strict=True)) for row in rows]
    for name, converters, expression in statement.converters:  # none on PostgreSQL
        for row in rows:
            for convert in converters:
                row[name] = convert(row[name], expression, connection)
    next_cursor = None
    if len(rows) > page_size:
        rows = rows[:page_size]
        last = rows[-1]
        next_cursor = caseload_keyset(
            last["candidate__last_name"], last["candidate_id"], last["id"]
        )
    for row in rows:
        first = row.pop("current_contact__contact__first_name")
        last_name = row.pop("current_contact__contact__last_name")
        username = row["contact_username"] = row.pop("current_contact__contact__username")
        # full_name's rule in Python: the name (TRIM strips spaces), else the username.
        name = f"{first} {last_name}".strip(" ") if username is not None else None
        row["contact_name"] = name or username
    _log_caseload_page(user, [r["candidate__uuid"] for r in rows], channel)
    return Page(rows, next_cursor)


def caseload_json(
    user,
    filters: Filters,
    cursor: str | None = None,
    page_size: int = PAGE_SIZE,
    *,
    channel: str = "ui",
) -> JsonPage | None:
    """The page of ``caseload_values`` as the JSON array the API answers for it (what
    ``CaseloadRowSerializer`` gives, byte for byte as DRF renders it), built by PostgreSQL; None
    on another database (the caller represents ``caseload_values``). Same rows, order and log
    entry. Python neither builds the rows nor serialises them again: that was a third of the
    list's CPU time. test_the_caseload_json_is_what_the_serializer_answers holds the two equal.

    The page's statement writes its processing-log entry too (``read_logged_in_statement``),
    but for a name prefix that keeps its parallel workers (``_parallel_page``), logged after the
    page as ``caseload_values`` does; test_the_caseload_page_logged_in_its_statement_writes_what_
    log_processing_writes holds the two entries equal."""
    if connection.vendor != "postgresql":
        return None
    today = timezone.localdate()
    ids = _page_ids(user, filters, cursor, page_size + 1, today=today)
    if ids is None:
        return JsonPage("[]", None)
    ids_sql, ids_params = ids
    rows, json_sql = _caseload_rows_sql(), _caseload_json_sql()
    days = policies.NEW_IN_ASSISTANCE_MONTHS * 31
    page_sql = json_sql.before + rows.before + ids_sql + rows.after + json_sql.after
    params = [
        _years_before(today, 27),
        _years_before(today, 56),
        json_sql.whitespace,
        today,
        today - timedelta(days=days),
        json_sql.whitespace,
        *rows.params_before,
        *ids_params,
        *rows.params_after,
    ]
    parallel = _parallel_page(filters)
    if parallel:
        # A name prefix read as the OR keeps its parallel workers, which a statement that
        # writes never has: the page, then its entry.
        sql = f"SELECT item, trajectory, subject::text FROM ({page_sql}) AS page ORDER BY position"  # noqa: S608
    else:
        # The page and its log entry in one statement: a round trip and a transaction fewer, and
        # the entry is written with the page or not at all. A statement with a data-modifying
        # WITH is never planned in parallel (PostgreSQL's "When Can Parallel Query Be Used?"),
        # so without a name prefix no _serial_page_plan either (its own three round trips).
        log_sql, log_params = read_logged_in_statement(
            "shown",
            actor=user,
            record_type="candidates.Candidate",
            purpose=REINTEGRATION,
            channel=channel,
            detail="list",
        )
        # Fixed text and the statements made once: no value in the SQL.
        sql = (
            f"WITH page AS ({page_sql}), "  # noqa: S608
            "shown AS (SELECT subject FROM page WHERE position <= %s), "
            f"{log_sql} SELECT item, trajectory, subject::text FROM page ORDER BY position"
        )
        params += [page_size, *log_params]
    # A name prefix's page is still planned under _serial_page_plan's random_page_cost (see
    # there); the other pages' plans walk the last-name index under the server's setting too.
    with _serial_page_plan(parallel or not filters.name), prepared_cursor() as db:
        db.execute(sql, params)
        found = db.fetchall()
    page = found[:page_size]
    if parallel:
        _log_caseload_page(user, [candidate for _item, _uuid, candidate in page], channel)
    last = page[-1][1] if len(found) > page_size else None
    return JsonPage("[" + ",".join(item for item, _uuid, _candidate in page) + "]", last)


@dataclass(frozen=True)
class JsonPage:
    """A caseload page as JSON text, and the UUID of its last trajectory when a page follows."""

    items: str
    last_uuid: str | None


@dataclass(frozen=True)
class _JsonStatement:
    before: str
    after: str
    whitespace: str  # every character Python's str.strip() strips


@cache
def _caseload_json_sql() -> _JsonStatement:
    """The SQL around ``_caseload_rows_sql`` that makes each row the JSON of caseload_rows
    (api.serializers.candidates): the keys in its order, compact as DRF's renderer writes them,
    strings escaped by to_json as json.dumps does (DRF's escape of U+2028/U+2029 is the
    caller's), the focus groups of policies.focus_groups under the bounds of _focus_group_q.
    Its parameters, in order: born after (under 27), born on or before (over 55), whitespace,
    today, benefit since (new in assistance), whitespace (the consultant's name). Its columns:
    ``item`` (the JSON), ``trajectory`` (the trajectory's UUID as text), ``subject`` (the
    candidate's UUID) and ``position`` (from 1, in page order)."""
    names = _caseload_rows_sql().names

    def col(name: str) -> str:
        assert name in names, name  # noqa: S101 (a column of the statement made once)
        return f'r."{name}"'

    def js(sql: str) -> str:
        return f"coalesce(to_json({sql})::text, 'null')"

    def quoted_uuid(name: str) -> str:
        # A UUID's text is hex digits and hyphens, nothing to escape: quoted without to_json,
        # which looks up how to write its argument's type on every call (four UUIDs a row
        # were a sixth of the JSON's cost in PostgreSQL). NULL stays null.
        return f"""coalesce('"' || {col(name)}::text || '"', 'null')"""

    def literal(value: FocusGroup) -> str:
        assert value.value.replace("_", "").isalnum(), value  # noqa: S101 (an enum value)
        return f"'{value.value}'"

    dob, benefit = col("candidate__date_of_birth"), col("candidate__benefit_start_date")
    groups = [
        (FocusGroup.UNDER_27, f"{dob} > %s"),
        (FocusGroup.OVER_55, f"{dob} <= %s"),
        (FocusGroup.REFUGEE, col("candidate__refugee")),
        (
            FocusGroup.WORK_LIMITATION,
            f"{col('candidate__job_agreement_register')} OR "
            f"btrim({col('candidate__functional_limitations')}, %s) <> ''",
        ),
        (FocusGroup.NEW_IN_ASSISTANCE, f"{benefit} <= %s AND {benefit} >= %s"),
    ]
    focus = ", ".join(f"CASE WHEN {cond} THEN {literal(group)} END" for group, cond in groups)
    full_name = (
        f"concat_ws(' ', nullif({col('candidate__first_name')}, ''), "
        f"nullif({col('candidate__name_prefix')}, ''), nullif({col('candidate__last_name')}, ''))"
    )
    consultant = col("business_consultant__uuid")
    consultant_name = (
        f"coalesce(nullif(btrim({col('business_consultant__first_name')} || ' ' || "
        f"{col('business_consultant__last_name')}, %s), ''), "
        f"{col('business_consultant__username')})"
    )
    contact = col("current_contact__contact__username")
    contact_name = (
        f"coalesce(nullif(btrim({col('current_contact__contact__first_name')} || ' ' || "
        f"{col('current_contact__contact__last_name')}, ' '), ''), {contact})"
    )
    item = " || ".join(
        [
            """'{"uuid":'""",
            quoted_uuid("uuid"),
            """',"municipality":{"uuid":'""",
            quoted_uuid("municipality__uuid"),
            """',"name":'""",
            js(col("municipality__name")),
            """'},"phase":'""",
            js(col("phase")),
            """',"phaseSince":'""",
            js(col("phase_since")),
            """',"referredOn":'""",
            js(col("referred_on")),
            """',"closedOn":'""",
            js(col("closed_on")),
            """',"candidate":{"focusGroups":'""",
            f"to_json(array_remove(ARRAY[{focus}]::text[], NULL))::text",
            """',"uuid":'""",
            quoted_uuid("candidate__uuid"),
            """',"fullName":'""",
            js(full_name),
            """',"maskedBsn":'""",
            js(f"'*****' || {col('bsn_tail')}"),
            """'},"businessConsultant":'""",
            f"CASE WHEN {consultant} IS NULL THEN 'null' ELSE "
            f"""'{{"uuid":' || {quoted_uuid("business_consultant__uuid")} || ',"name":' || {js(consultant_name)} """
            "|| '}' END",
            """',"contactPerson":'""",
            js(f"CASE WHEN {contact} IS NOT NULL THEN {contact_name} END"),
            "'}'",
        ]
    )
    columns = ", ".join(f'"{name}"' for name in names)
    order = ", ".join(col(name) for name in ("candidate__last_name", "candidate_id", "id"))
    # Every whitespace character of Python's str.strip (User.get_full_name strips with it; none
    # lies above U+3000).
    whitespace = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
    return _JsonStatement(
        # Column names of the statement made once and fixed text: no value in the SQL.
        before=f"SELECT {item} AS item, {col('uuid')}::text AS trajectory, "  # noqa: S608
        f"{col('candidate__uuid')} AS subject, row_number() OVER (ORDER BY {order}) AS position "
        "FROM (",
        after=f") AS r ({columns})",
        whitespace=whitespace,
    )


_CONTACT_COLUMNS = (
    "current_contact__contact__first_name",
    "current_contact__contact__last_name",
    "current_contact__contact__username",
)


@dataclass(frozen=True)
class _RowsStatement:
    """The caseload's columns for the trajectories whose ids a subquery gives: the SQL before
    and after the subquery, their parameters, the column names in order, and the converters of
    the columns that have any (name, converters, expression)."""

    before: str
    after: str
    params_before: tuple
    params_after: tuple
    names: tuple[str, ...]
    converters: tuple


_PAGE_IDS = "__caseload_page_ids__"  # where the ids' subquery goes, in the SQL made once


@cache
def _caseload_rows_sql(extra: tuple[str, ...] = ()) -> _RowsStatement:
    """All trajectories with the caseload's columns chosen (``values``), for those in a subquery
    of ids, in page order; compiled once per process (per set of ``extra`` columns): choosing 28
    columns over five joins was a quarter of a list request's CPU time.

    The current contact person comes by one LEFT JOIN (a candidate has at most one current
    assignment: the constraint one_current_contact_person) rather than two correlated
    subqueries. The order is the page's (a name prefix orders by an expression that sorts as
    the last name does, so the last name gives the same order here, over the page's rows)."""
    qs = (
        Trajectory.objects.annotate(
            current_contact=FilteredRelation(
                "candidate__contacts", condition=Q(candidate__contacts__until__isnull=True)
            ),
            bsn_tail=Right("candidate__bsn", 4),
        )
        .values(*CASELOAD_COLUMNS, *_CONTACT_COLUMNS, "bsn_tail", "candidate_id", *extra)
        .filter(id__in=RawSQL(_PAGE_IDS, ()))  # noqa: S611 (a fixed marker, replaced below)
        .order_by(*CASELOAD_ORDER)
    )
    compiler = qs.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    before, after = sql.split(_PAGE_IDS)
    split = before.count("%s")
    expressions = [expression for expression, _sql, _alias in compiler.select]
    converters = compiler.get_converters(expressions)
    return _RowsStatement(
        before=before,
        after=after,
        params_before=tuple(params[:split]),
        params_after=tuple(params[split:]),
        names=tuple(alias for _expression, _sql, alias in compiler.select),
        converters=tuple(
            (compiler.select[i][2], tuple(functions), expression)
            for i, (functions, expression) in sorted(converters.items())
        ),
    )


def focus_groups_of_row(row: dict, on: date) -> list[str]:
    """``focus_groups_of`` for a row of ``caseload_values``."""
    return policies.focus_groups(
        policies.PersonFacts(
            row["candidate__date_of_birth"],
            row["candidate__refugee"],
            row["candidate__job_agreement_register"],
            row["candidate__functional_limitations"],
            row["candidate__benefit_start_date"],
        ),
        on,
    )


# --- realisation of local choices ------------------------------------------------------------


@dataclass
class RealisationRow:
    choice: LocalChoice
    bought: Decimal
    delivered: Decimal
    in_progress: Decimal
    forecast: Decimal | None
    carried_over_from: int | None = None  # the year whose choice holds by tacit extension
    # Item 6 (events and local market work) is delivered by contacts with employers and events in
    # the municipality, not by activities: their counts (employers.selectors.market_work).
    market: Any = None


def realisation(
    user, municipality, year: int, today: date | None = None, held: InForce | None = None
) -> list[RealisationRow]:
    """Per bought service in force in the year (carried over from the last year of a tacitly
    extended agreement, art. 16.1, when no adopted agreement covers it): units bought (prorated),
    delivered, in progress, and a forecast for the year at the current pace. Only activities
    starting in the year count. Aggregates only; no personal data. ``held`` is
    ``agreements.selectors.in_force(municipality.pk, year, today)`` when the caller has it."""
    if not policy.can_view_realisation(user, municipality):
        raise Http404
    from django.db.models import DecimalField, Sum, Value
    from django.db.models.functions import Coalesce

    from werkbedrijf.agreements.selectors import in_force

    today = today or timezone.localdate()
    if held is None:
        held = in_force(municipality.pk, year, today)
    in_year = Q(activities__start__year=year)
    choices = (
        held.choices()
        .filter(service__isnull=False)
        .select_related("service")
        .annotate(
            delivered=Coalesce(
                Sum(
                    "activities__units",
                    filter=in_year & Q(activities__status=ActivityStatus.COMPLETED),
                ),
                Value(Decimal(0)),
                output_field=DecimalField(),
            ),
            in_progress=Coalesce(
                Sum(
                    "activities__units",
                    filter=in_year & Q(activities__status__in=OPEN_ACTIVITY_STATUSES),
                ),
                Value(Decimal(0)),
                output_field=DecimalField(),
            ),
        )
        .order_by("position", "id")
    )
    rows = []
    market = None
    for choice in choices:
        unit_kind = choice.service.unit_kind if choice.service else ""
        by_market = unit_kind in MARKET_UNIT_KINDS
        if by_market:
            if market is None:
                market = employer_selectors.market_work(user, municipality, year)
            choice.delivered += market_units_delivered(
                unit_kind, market.contacts, market.events_held
            )
            choice.in_progress += market_units_delivered(unit_kind, 0, market.events_planned)
        bought = (choice.quantity or Decimal(0)) * held.fraction
        start, end = held.period or (date(year, 1, 1), date(year, 12, 31))
        forecast = None
        if start <= today:
            elapsed = (min(today, end) - start).days + 1
            total = (end - start).days + 1
            used = choice.delivered + choice.in_progress
            forecast = (used * Decimal(total) / Decimal(elapsed)).quantize(Decimal("0.1"))
        rows.append(
            RealisationRow(
                choice,
                bought.quantize(Decimal("0.01")),
                choice.delivered,
                choice.in_progress,
                forecast,
                held.carried_over_from,
                market if by_market else None,
            )
        )
    return rows


def employer_placements(user, employer, limit: int = 100) -> list:
    """The placements at an employer of the candidates the user may see (access.policy's candidate
    scope), newest first; every candidate shown is in the processing log."""
    from .models import Placement

    qs = policy.candidate_scope(
        user,
        Placement.objects.filter(employer=employer).select_related("trajectory__candidate"),
        prefix="trajectory__",
    )
    rows = list(qs.order_by("-start", "-id")[:limit])
    if rows:
        log_processing(
            actor=user,
            action=Action.READ,
            record_type="placement",
            records=rows,
            purpose=REINTEGRATION,
        )
    return rows


# --- for the screens ---------------------------------------------------------------------------


def contact_history(candidate: Candidate) -> list[ContactAssignment]:
    """Every contact person the candidate had, newest first, with who recorded the handover."""
    return compiled_list("contact_history", _contact_history, candidate)


def _contact_history(candidate: Candidate):
    return candidate.contacts.select_related("contact__organisation", "recorded_by").order_by(
        "-since", "-id"
    )


def business_consultants(user):
    """Active WerkBedrijf consultants the user may name (their colleagues, per access.policy)."""
    from werkbedrijf.accounts.selectors import werkbedrijf_consultants

    return (
        policy.staff_scope(user, werkbedrijf_consultants())
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def possible_contacts(user):
    """Active staff the user may name as a candidate's contact person: their own colleagues."""
    from werkbedrijf.accounts.models import User

    qs = User.objects.filter(is_active=True, organisation__isnull=False)
    return (
        policy.staff_scope(user, qs)
        .select_related("organisation")
        .order_by("first_name", "last_name", "username")
    )


def chargeable_choices(user, trajectory: Trajectory, today: date | None = None):
    """The local choices of the candidate's municipality an activity can be charged to: services
    from the card, or services not on it that declare their kind of service, in an adopted
    agreement, not ended by a mid-term change. Those that hold this
    year by tacit extension (art. 16.1) carry ``carried_into`` (this year; None otherwise)."""
    from django.db.models import Case, IntegerField, When

    from werkbedrijf.agreements.selectors import in_force

    this_year = (today or timezone.localdate()).year
    held = in_force(trajectory.municipality_id, this_year, today)
    carried = Q(pk__in=[])
    if held.carried_over_from is not None and held.municipal_agreement is not None:
        carried = Q(municipal_agreement=held.municipal_agreement, year=held.carried_over_from)
    qs = (
        LocalChoice.objects.filter(
            municipal_agreement__municipality_id=trajectory.municipality_id,
            municipal_agreement__agreement__status=AgreementStatus.ADOPTED,
            valid_until__isnull=True,
        )
        .filter(Q(service__isnull=False) | ~Q(activity_kind=""))
        .annotate(
            carried_into=Case(
                When(carried, then=Value(this_year)), default=None, output_field=IntegerField()
            )
        )
    )
    return (
        policy.municipal_agreement_scope(user, qs, prefix="municipal_agreement__")
        .select_related("service")
        .order_by("-year", "position", "id")
    )


def _log_list(user, candidates, channel: str = "ui") -> None:
    if candidates:
        log_processing(
            actor=user,
            action=Action.READ,
            record_type="candidates.Candidate",
            records=candidates,
            purpose=REINTEGRATION,
            channel=channel,
            detail="list",
        )


def open_signals_queryset(user):
    """The signals awaiting the municipality's decision: the query behind the list and its count."""
    from .models import SanctionSignal

    return policy.candidate_scope(user, SanctionSignal.objects.all(), prefix="trajectory__").filter(
        decision=""
    )


def open_signals(user, limit: int = 100) -> list:
    """Signals of possibly sanction-worthy behaviour that await the municipality's decision,
    oldest first."""
    rows = compiled_by_key(
        ("open_signals", policy.candidate_scope_key(user), limit),
        open_signals_queryset(user)
        .select_related("trajectory__candidate", "signalled_by")
        .order_by("signalled_on", "id")[:limit],
    )
    _log_list(user, [s.trajectory.candidate for s in rows])
    return rows


RETURNS_DAYS = 90  # the Inkomen screen lists the returns of this many days


def recent_returns_queryset(user, days: int = RETURNS_DAYS, today: date | None = None):
    """The trajectories returned in the last ``days``: the query behind the list and its count."""
    since = (today or timezone.localdate()) - timedelta(days=days)
    return trajectory_scope(user).filter(phase=Phase.RETURNED, closed_on__gte=since)


def _returned_by():
    """Who recorded the step that returned the trajectory (their name)."""
    return Subquery(
        JourneyStep.objects.filter(trajectory=OuterRef("pk"), to_phase=Phase.RETURNED)
        .order_by("-id")
        .values(name=full_name("recorded_by"))[:1]
    )


def recent_returns(user, days: int = RETURNS_DAYS, limit: int = 100) -> list[Trajectory]:
    """Trajectories returned to the municipality (terugmeldingen) in the last ``days``, newest
    first, each with the step that returned it (who and when)."""
    rows = list(
        recent_returns_queryset(user, days)
        .select_related("candidate", "municipality")
        .annotate(returned_by=_returned_by())
        .order_by("-closed_on", "-id")[:limit]
    )
    _log_list(user, [t.candidate for t in rows])
    return rows


# The columns of a return that the Inkomen screen shows (``recent_return_rows``).
RETURN_COLUMNS = (
    "uuid",
    "closed_on",
    "return_reason",
    "return_warm_handover",
    "candidate__uuid",
    "candidate__first_name",
    "candidate__name_prefix",
    "candidate__last_name",
)


def recent_return_rows(user, days: int = RETURNS_DAYS, limit: int = 100) -> list[dict]:
    """``recent_returns`` as plain dicts of only what the Inkomen screen shows
    (RETURN_COLUMNS, ``returned_by``, the last four digits of the BSN as ``bsn_tail``): no model
    instances of the trajectory, the candidate and the municipality, the full BSN never leaves
    the database. The same rows, order and log entry."""
    today = timezone.localdate()
    rows = compiled_by_key(
        ("recent_return_rows", policy.candidate_scope_key(user), days, today, limit),
        recent_returns_queryset(user, days, today)
        .annotate(returned_by=_returned_by(), bsn_tail=Right("candidate__bsn", 4))
        .order_by("-closed_on", "-id")
        .values(*RETURN_COLUMNS, "returned_by", "bsn_tail")[:limit],
    )
    # The entry _log_list writes for these candidates (an entry naming each of them).
    _log_caseload_page(user, [row["candidate__uuid"] for row in rows], "ui")
    return rows


def planned_talks_queryset(user):
    """Three-way talks planned and not yet recorded: the query behind the list and its count."""
    from .models import ThreeWayTalk

    return policy.candidate_scope(user, ThreeWayTalk.objects.all(), prefix="trajectory__").filter(
        held_on__isnull=True
    )


def planned_talks(user, limit: int = 100) -> list:
    """Three-way talks (piramidegesprekken) planned and not yet recorded, soonest first."""
    rows = compiled_by_key(
        ("planned_talks", policy.candidate_scope_key(user), limit),
        planned_talks_queryset(user)
        .select_related("trajectory__candidate", "income_participant", "werkbedrijf_participant")
        .order_by("planned_on", "id")[:limit],
    )
    _log_list(user, [t.trajectory.candidate for t in rows])
    return rows


def keyset_after(user, trajectory_uuid) -> str | None:
    """The caseload keyset for the row a "next" link points after. Links carry only that row's
    UUID, never a name, a BSN or a database id; an unknown UUID starts from the top."""
    if not trajectory_uuid:
        return None
    try:
        row = (
            trajectory_scope(user)
            .filter(uuid=trajectory_uuid)
            .values_list("candidate__last_name", "candidate_id", "id")
            .first()
        )
    except (ValueError, TypeError):
        row = None
    return caseload_keyset(*row) if row else None


def trajectory_for_change(user, uuid) -> Trajectory:
    """A trajectory the user is about to change, within their scope (404 otherwise). Not logged as
    a read: the service logs the change itself."""
    trajectory = (
        trajectory_scope(user).select_related("candidate", "municipality").filter(uuid=uuid).first()
    )
    if trajectory is None:
        raise Http404
    return trajectory


# --- report aggregates -----------------------------------------------------------------------


def activity_quarter_rows(year: int, municipality_ids=None) -> list[tuple]:
    """Per municipality and quarter of ``year``: (municipality id, quarter, activities, completed,
    units, persons with an activity, of whom under 27 when one started), ordered. On PostgreSQL
    from the summary the triggers keep exact (``ActivityQuarter``), elsewhere from the
    activities. Aggregates only; the caller decides who may see them."""
    from django.db import connection
    from django.db.models import Count, Sum

    from .models import ActivityQuarter

    if connection.vendor == "postgresql":
        qs = ActivityQuarter.objects.filter(year=year)
        if municipality_ids is not None:
            qs = qs.filter(municipality_id__in=municipality_ids)
        return list(
            qs.values("municipality_id", "quarter")
            .annotate(
                n=Sum("activities"),
                done=Sum("completed"),
                total=Sum("units"),
                persons=Count("id"),
                young=Count("id", filter=Q(under_27__gt=0)),
            )
            .order_by("municipality_id", "quarter")
            .values_list("municipality_id", "quarter", "n", "done", "total", "persons", "young")
        )
    return activity_quarter_rows_from_activities(year, municipality_ids)


def activity_quarter_rows_from_activities(year: int, municipality_ids=None) -> list[tuple]:
    """``activity_quarter_rows`` counted from the activities themselves (no summary)."""
    from .models import Activity

    acts = Activity.objects.filter(start__year=year)
    if municipality_ids is not None:
        acts = acts.filter(trajectory__municipality_id__in=municipality_ids)
    groups: dict[tuple, dict] = {}
    for m, start, status, units, person, born in acts.values_list(
        "trajectory__municipality_id",
        "start",
        "status",
        "units",
        "trajectory__candidate_id",
        "trajectory__candidate__date_of_birth",
    ):
        g = groups.setdefault(
            (m, (start.month - 1) // 3 + 1),
            {"n": 0, "done": 0, "units": Decimal(0), "persons": set(), "young": set()},
        )
        g["n"] += 1
        g["done"] += status == ActivityStatus.COMPLETED
        g["units"] += units
        g["persons"].add(person)
        if policies.age_on(born, start) < 27:
            g["young"].add(person)
    return [
        (m, q, g["n"], g["done"], g["units"], len(g["persons"]), len(g["young"]))
        for (m, q), g in sorted(groups.items())
    ]
