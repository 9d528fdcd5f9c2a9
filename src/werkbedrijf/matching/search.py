"""The match lists on PostgreSQL: every hard constraint as one query, the survivors scored over
arrays, only the few that may be among the best read as facts; and the relaxation hints counted
in the database in one pass.

Each function answers exactly what its definition in policies answers over the facts of every
candidate or vacancy (rank_candidates, rank_vacancies, relaxation_hints; tests hold them equal):
the query asks what the hard constraints ask, condition by condition, with the distances between
PC4 areas computed by policies.distance_km and handed in, so no rule is written twice in different
arithmetic. selectors uses these on PostgreSQL and the definitions elsewhere (SQLite).

Every value goes into the SQL as a parameter; the text is built only from table names and fixed
fragments (hence the noqa: S608).
"""

from __future__ import annotations

import gc
import itertools
import json
import math
from collections.abc import Mapping, Sequence

import numpy as np
from django.db import connection

from werkbedrijf.candidates.models import Candidate, Phase, Placement, Trajectory
from werkbedrijf.candidates.policies import REFUGEE_ONLY_FORMS

from . import arrays, batch, policies
from .models import (
    DAY_BITS,
    DEMAND_BITS,
    MAX_TRAVEL_KM,
    SHIFT_BITS,
    DrivingLicence,
    MatchableCandidate,
    MatchableVacancy,
    Occupation,
    Vacancy,
    WorkProfile,
)


def available() -> bool:
    return connection.vendor == "postgresql"


def _tables() -> dict[str, str]:
    return {
        "trajectory": Trajectory._meta.db_table,
        "candidate": Candidate._meta.db_table,
        "profile": WorkProfile._meta.db_table,
        "placement": Placement._meta.db_table,
        "vacancy": Vacancy._meta.db_table,
        "occupation": Occupation._meta.db_table,
    }


def _has_codes(column: str, codes, params: dict, name: str, key: str = "code") -> list[str]:
    """One SQL condition per code: ``column`` holds it (a work profile's competences, objects
    with the code under ``key``; the matchable candidates' codes, plain strings: key "")."""
    found = []
    for i, code in enumerate(codes):
        params[f"{name}{i}"] = json.dumps([{key: code}] if key else [code])
        found.append(f"({column} @> %({name}{i})s::jsonb)")
    return found


def _count(conditions: list[str]) -> str:
    return " + ".join(f"{c}::int" for c in conditions) or "0"


def _dutch_at_least(level: str) -> list[str]:
    return [str(x) for x in policies.DUTCH_ORDER[policies.DUTCH_RANK[level] :]]


def _distances_from(
    centre: policies.Location, coords: Mapping[str, policies.Location], *, candidate_side: bool
) -> str:
    """Every PC4 of the table with its distance to ``centre`` as policies.check_distance computes
    it (distance_km(candidate's location, vacancy's location), in that order), as a JSON object
    for the query to look a PC4 up in. repr() of a float reads back as the very same float."""
    return json.dumps(
        {
            code: policies.distance_km(point, centre)
            if candidate_side
            else policies.distance_km(centre, point)
            for code, point in coords.items()
        }
    )


def _distance(postcode: str) -> str:
    """A lateral join giving ``d.km``: the distance of the PC4 of ``postcode`` (NULL when the PC4
    is not in the table)."""
    return (
        "CROSS JOIN LATERAL (SELECT (%(kms)s::jsonb ->> "
        f"substr(replace({postcode}, ' ', ''), 1, 4))::float8 AS km) d"
    )


# --- the best candidates for a vacancy ---------------------------------------------------------


def _matchable_from(t: dict[str, str]) -> str:
    """Candidates in the main route with a work profile and no placement that has not ended: whom
    policies.check_journey lets through."""
    return f"""
        FROM {t["trajectory"]} t
        JOIN {t["candidate"]} c ON c.id = t.candidate_id
        JOIN {t["profile"]} wp ON wp.candidate_id = c.id"""


def _matchable_where(t: dict[str, str]) -> str:
    return f"""
        t.phase = '{Phase.MAIN_ROUTE.value}'
        AND NOT EXISTS (
            SELECT 1 FROM {t["placement"]} p WHERE p.trajectory_id = t.id AND p.actual_end IS NULL
        )"""  # noqa: S608


def _candidate_conditions(v: policies.VacancyFacts, params: dict) -> list[str]:
    """The hard constraints other than the journey and the distance, on a work profile ``wp`` and
    its candidate ``c``, for one vacancy."""
    params.update(
        hours=v.hours_per_week, days=json.dumps(sorted(v.days)), shifts=json.dumps(sorted(v.shifts))
    )
    where = [
        "wp.hours_per_week >= %(hours)s",
        "wp.days @> %(days)s::jsonb",
        "wp.shifts @> %(shifts)s::jsonb",
    ]
    if v.driving_licence:
        params["holders"] = batch.licence_holders(v.driving_licence)
        where.append("wp.driving_licences ?| %(holders)s::text[]")
    where += _has_codes("wp.competences", sorted(v.certificates), params, "cert")
    if v.dutch_level:
        params["dutch"] = _dutch_at_least(v.dutch_level)
        where.append("wp.dutch_level = ANY(%(dutch)s::text[])")
    if v.physical_demands:
        params["demands"] = sorted(v.physical_demands)
        where.append("NOT (wp.limitations ?| %(demands)s::text[])")
    if not any(f not in REFUGEE_ONLY_FORMS for f in v.employment_forms):
        # Only a taalstage or oriëntatietraject offered: for a statushouder only.
        where.append("c.refugee")
    return where


def _bitmask(values, names) -> int | None:
    """The bits of ``values`` (models.DAY_BITS and the like); None when one is not in the list."""
    if not set(values) <= set(names):
        return None
    return sum(1 << names.index(x) for x in set(values))


def _near(
    v: policies.VacancyFacts, coords: Mapping[str, policies.Location]
) -> tuple[list[str], list[float], list[int]]:
    """The PC4 areas from which a candidate may travel to the vacancy (at most MAX_TRAVEL_KM, a
    constraint of the work profile), with their distance to it as policies.check_distance
    computes it, and that distance rounded up: for a whole number of kilometres n,
    ``n >= km`` exactly when ``n >= ceil(km)``, which an index on (pc4, max_travel_km) can ask."""
    codes, kms, needed = [], [], []
    for code, point in coords.items():
        km = policies.distance_km(point, v.location)
        if km <= MAX_TRAVEL_KM:
            codes.append(code)
            kms.append(km)
            needed.append(math.ceil(km))
    return codes, kms, needed


def _matchable_rows(v: policies.VacancyFacts, coords: Mapping[str, policies.Location]):
    """The rows the scores read, of every matchable candidate (MatchableCandidate) who meets the
    vacancy's hard constraints; None when the vacancy asks a day, shift or demand outside the
    value lists (the table has no bit for it)."""
    days = _bitmask(v.days, DAY_BITS)
    shifts = _bitmask(v.shifts, SHIFT_BITS)
    demands = _bitmask(v.physical_demands, DEMAND_BITS)
    if days is None or shifts is None or demands is None:
        return None
    codes, kms, needed = _near(v, coords)
    params: dict = {
        "pc4s": codes,
        # Each place's distance and the travel distance it needs, looked up by the place: a join
        # with the list of places became a nested loop over every candidate and every place,
        # as the planner takes the bit tests for nearly no rows (324 ms for one vacancy with
        # 25,815 candidates within reach at national size; bench/README.md).
        "kms": json.dumps(dict(zip(codes, kms, strict=True))),
        "needed": json.dumps(dict(zip(codes, needed, strict=True))),
        "hours": v.hours_per_week,
        "days": days,
        "shifts": shifts,
        "demands": demands,
        "occupation": v.occupation,
        "sector": v.sector_group,
    }
    where = [
        "m.hours_per_week >= %(hours)s",
        "m.days & %(days)s = %(days)s",
        "m.shifts & %(shifts)s = %(shifts)s",
        "m.limitations & %(demands)s = 0",
    ]
    if v.driving_licence:
        params["holders"] = batch.licence_holders(v.driving_licence)
        where.append("m.driving_licences ?| %(holders)s::text[]")
    if v.certificates:
        params["certificates"] = json.dumps(sorted(v.certificates))
        where.append("m.competences @> %(certificates)s::jsonb")
    if v.dutch_level:
        params["dutch"] = policies.DUTCH_RANK[v.dutch_level]
        where.append("m.dutch_rank >= %(dutch)s")
    if not any(f not in REFUGEE_ONLY_FORMS for f in v.employment_forms):
        # Only a taalstage or oriëntatietraject offered: for a statushouder only.
        where.append("m.refugee")
    late = "false"
    if v.start_date:
        params["start"] = v.start_date
        late = "coalesce(m.available_from > %(start)s, false)"
    must = _count(_has_codes("m.competences", sorted(v.competences_must), params, "must", ""))
    nice = _count(_has_codes("m.competences", sorted(v.competences_nice), params, "nice", ""))
    sql = f"""
        SELECT m.trajectory_id, d.km, m.max_travel_km, m.hours_per_week, m.experience_years,
               {late}, {must}, {nice},
               m.occupation_wishes ? %(occupation)s, m.sector_wishes ? %(sector)s
        FROM {MatchableCandidate._meta.db_table} m,
             LATERAL (SELECT (%(kms)s::jsonb ->> m.pc4)::float8 AS km,
                             (%(needed)s::jsonb ->> m.pc4)::int AS needed) d
        WHERE m.pc4 = ANY(%(pc4s)s::text[]) AND m.max_travel_km >= d.needed
          AND {" AND ".join(where)}"""  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _profile_rows(v: policies.VacancyFacts, coords: Mapping[str, policies.Location]):
    """The same rows as _matchable_rows, from the work profiles themselves (every value asked)."""
    t = _tables()
    params: dict = {"occupation": v.occupation, "sector": v.sector_group}
    params["kms"] = _distances_from(v.location, coords, candidate_side=True)
    where = _candidate_conditions(v, params)
    late = "false"
    if v.start_date:
        params["start"] = v.start_date
        late = "coalesce(wp.available_from > %(start)s, false)"
    must = _count(_has_codes("wp.competences", sorted(v.competences_must), params, "must"))
    nice = _count(_has_codes("wp.competences", sorted(v.competences_nice), params, "nice"))
    sql = f"""
        SELECT t.id, d.km, wp.max_travel_km, wp.hours_per_week, coalesce(wp.experience_years, 0),
               {late}, {must}, {nice},
               wp.occupation_wishes ? %(occupation)s, wp.sector_wishes ? %(sector)s
        {_matchable_from(t)}
        {_distance("c.postcode")}
        WHERE {_matchable_where(t)} AND d.km <= wp.max_travel_km AND {" AND ".join(where)}"""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def preselected_candidates(
    v: policies.VacancyFacts, coords: Mapping[str, policies.Location], limit: int = policies.TOP
) -> list[int]:
    """The trajectories of every candidate who meets the vacancy's hard constraints and may be
    among the ``limit`` best (arrays.preselect): the hard constraints asked of the table of
    matchable candidates (of the work profiles when the vacancy asks a value the table has no
    bit for). policies.rank_candidates over their facts is the list of the definition."""
    if v.location is None or not v.employment_forms:
        return []  # check_distance or check_form excludes everyone
    rows = _matchable_rows(v, coords)
    if rows is None:
        rows = _profile_rows(v, coords)
    if not rows:
        return []
    ids, km, max_km, hours, years, late_, must_held, nice_held, occ, sector = zip(
        *rows, strict=True
    )
    n = len(rows)
    total = arrays.totals(
        {
            "competences": arrays.competence_scores(
                must_held, len(v.competences_must), nice_held, len(v.competences_nice)
            ),
            "occupation": arrays.occupation_scores(np.array(occ), np.array(sector)),
            "distance": arrays.distance_scores(km, max_km),
            "hours": arrays.hours_scores(v.hours_per_week, hours),
            "experience": arrays.experience_scores(years),
            "requirements": arrays.requirements_scores(np.array(late_)),
        },
        n,
    )
    return [ids[i] for i in arrays.preselect(total, limit)]


def best_candidates(
    v: policies.VacancyFacts, coords: Mapping[str, policies.Location], limit: int = policies.TOP
) -> list[tuple[float, policies.CandidateFacts]]:
    """policies.rank_candidates over every candidate with an active trajectory."""
    from . import selectors

    chosen = Trajectory.objects.filter(pk__in=preselected_candidates(v, coords, limit))
    facts = selectors.facts_of(selectors.candidate_rows(chosen), dict(coords))
    return policies.rank_candidates(v, facts, limit)


# --- the best vacancies for a candidate --------------------------------------------------------


def _vacancy_rows(c: policies.CandidateFacts, coords: Mapping[str, policies.Location]):
    """The rows the scores read, of every open vacancy (MatchableVacancy) whose hard constraints
    the candidate meets: one scan of the narrow table for the PC4 areas within the
    candidate's travel distance. Days, shifts and physical demands are bit tests where the
    vacancy asks only values of the lists (``exact``), else asked of the vacancy itself."""
    near = [
        (code, km)
        for code, point in coords.items()
        if (km := policies.distance_km(c.location, point)) <= c.max_travel_km
    ]
    if not near:
        return []
    everything = (1 << 15) - 1
    codes = sorted(c.competences)
    params: dict = {
        "pc4s": [code for code, _km in near],
        "kms": [km for _code, km in near],
        "hours": c.hours_per_week,
        # The bits of what a vacancy may ask and the candidate lacks, of what they cannot meet.
        "no_days": everything & ~_known_bits(c.days, DAY_BITS),
        "no_shifts": everything & ~_known_bits(c.shifts, SHIFT_BITS),
        "limits": _known_bits(c.limitations, DEMAND_BITS),
        "days": json.dumps(sorted(c.days)),
        "shifts": json.dumps(sorted(c.shifts)),
        "limitations": sorted(c.limitations),
        # The licences asked that the candidate's licences cover (policies.has_licence).
        "licences": sorted(
            set(c.driving_licences)
            | {x for x in DrivingLicence.values if policies.has_licence(c.driving_licences, x)}
        ),
        "codes": json.dumps(codes),
        "dutch": policies.DUTCH_RANK.get(c.dutch_level, -1),
        "occupations": sorted(c.occupation_wishes),
        "sectors": sorted(c.sector_wishes),
    }
    where = [
        "x.pc4 = ANY(%(pc4s)s::text[])",
        "x.hours_per_week <= %(hours)s",
        "(x.driving_licence = '' OR x.driving_licence = ANY(%(licences)s::text[]))",
        "x.certificates <@ %(codes)s::jsonb",
        "x.dutch_rank <= %(dutch)s",
    ]
    if not c.refugee:
        where.append("NOT x.refugee_only")
    exact = [
        "x.exact",
        "x.days & %(no_days)s = 0",
        "x.shifts & %(no_shifts)s = 0",
        "x.demands & %(limits)s = 0",
    ]
    # policies.check_days, check_physical on a vacancy asking a value outside the lists: read
    # from the vacancy, through the partial index of those (in practice none). Two branches, not
    # one condition with a subquery, whose estimate (hundreds of times a plain scan's) would
    # have the scan compiled (JIT) at every call.
    inexact = [
        "NOT x.exact",
        "v.days <@ %(days)s::jsonb",
        "v.shifts <@ %(shifts)s::jsonb",
        *(["NOT (v.physical_demands ?| %(limitations)s::text[])"] if c.limitations else []),
    ]
    late = "false"
    if c.available_from:
        params["available"] = c.available_from
        late = "%(available)s > x.start_date"
    must = _count(_has_codes("x.competences_must", codes, params, "code", ""))
    nice = _count(_has_codes("x.competences_nice", codes, params, "code", ""))
    # The distance looked up by position, not joined: the estimates of the bit tests are far
    # too low, and a join planned on them repeats the list of PC4 areas for every row.
    select = f"""
        SELECT x.vacancy_id, (%(kms)s::float8[])[array_position(%(pc4s)s::text[], x.pc4::text)],
               x.hours_per_week, {late}, {must}, x.must_count, {nice}, x.nice_count,
               x.occupation = ANY(%(occupations)s::text[]),
               x.sector_group = ANY(%(sectors)s::text[])
        FROM {MatchableVacancy._meta.db_table} x"""  # noqa: S608
    sql = f"""
        {select}
        WHERE {" AND ".join(where + exact)}
        UNION ALL
        {select}
        JOIN {Vacancy._meta.db_table} v ON v.id = x.vacancy_id
        WHERE {" AND ".join(where + inexact)}"""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _known_bits(values, names) -> int:
    """The bits of those ``values`` that are in ``names`` (models.DAY_BITS and the like)."""
    return sum(1 << names.index(x) for x in set(values) if x in names)


def preselected_vacancies(
    c: policies.CandidateFacts, coords: Mapping[str, policies.Location], limit: int = policies.TOP
) -> list[int]:
    """Every open vacancy whose hard constraints the candidate meets and that may be among the
    ``limit`` best (arrays.preselect), asked of the table of matchable vacancies.
    policies.rank_vacancies over their facts is the list of the definition."""
    if (
        not c.in_main_route
        or c.placed
        or c.hours_per_week is None
        or c.max_travel_km is None
        or c.location is None
    ):
        return []  # check_journey, check_hours or check_distance excludes every vacancy
    rows = _vacancy_rows(c, coords)
    if not rows:
        return []
    ids, km, hours, late_, must_held, must_asked, nice_held, nice_asked, occ, sector = zip(
        *rows, strict=True
    )
    n = len(rows)
    total = arrays.totals(
        {
            "competences": arrays.competence_scores(must_held, must_asked, nice_held, nice_asked),
            "occupation": arrays.occupation_scores(np.array(occ), np.array(sector)),
            "distance": arrays.distance_scores(km, c.max_travel_km),
            "hours": arrays.hours_scores(hours, c.hours_per_week),
            "experience": arrays.experience_scores(c.experience_years or 0),
            "requirements": arrays.requirements_scores(np.array(late_)),
        },
        n,
    )
    return [ids[i] for i in arrays.preselect(total, limit)]


def best_vacancies(
    c: policies.CandidateFacts, coords: Mapping[str, policies.Location], limit: int = policies.TOP
) -> list[tuple[float, policies.VacancyFacts]]:
    """policies.rank_vacancies over every open vacancy."""
    from . import selectors

    chosen = Vacancy.objects.filter(pk__in=preselected_vacancies(c, coords, limit))
    facts = selectors.open_vacancy_facts(dict(coords), queryset=chosen)
    return policies.rank_vacancies(c, facts, limit)


# --- the candidates of the batch ------------------------------------------------------------


def _texts(column: str) -> str:
    """A JSON list of strings as a text array (parsed by the driver, not as JSON)."""
    return f"ARRAY(SELECT jsonb_array_elements_text({column}))"


def batch_candidate_facts(coords: Mapping[str, policies.Location]) -> list[policies.CandidateFacts]:
    """The facts of every matchable candidate (selectors.matchable_candidate_facts), read as plain
    columns and arrays: what the hard constraints and the scores read, the same values. A
    competence is there as its code only (its source and level None): only the evidence of a
    match reads those, and the batch shows none."""
    t = _tables()
    sql = f"""
        SELECT c.uuid::text, substr(replace(c.postcode, ' ', ''), 1, 4), c.refugee,
               {_texts("wp.sector_wishes")}, {_texts("wp.occupation_wishes")},
               ARRAY(SELECT e ->> 'code' FROM jsonb_array_elements(wp.competences) e),
               wp.experience_years, wp.hours_per_week, {_texts("wp.days")},
               {_texts("wp.shifts")}, wp.max_travel_km, {_texts("wp.transport")},
               {_texts("wp.driving_licences")}, wp.dutch_level, {_texts("wp.limitations")},
               wp.available_from
        {_matchable_from(t)}
        WHERE {_matchable_where(t)}"""  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    return [
        policies.CandidateFacts(
            key=key,
            location=coords.get(pc4),
            in_main_route=True,
            placed=False,
            refugee=refugee,
            sector_wishes=frozenset(sectors),
            occupation_wishes=frozenset(occupations),
            competences=dict.fromkeys(codes),
            experience_years=years,
            hours_per_week=hours,
            days=frozenset(days),
            shifts=frozenset(shifts),
            max_travel_km=km,
            transport=tuple(transport),
            driving_licences=frozenset(licences),
            dutch_level=dutch or "",
            limitations=frozenset(limitations),
            available_from=available,
        )
        for (
            key,
            pc4,
            refugee,
            sectors,
            occupations,
            codes,
            years,
            hours,
            days,
            shifts,
            km,
            transport,
            licences,
            dutch,
            limitations,
            available,
        ) in rows
    ]


_BATCH_COLUMNS = (
    "candidate_uuid::text",
    "pc4",
    "refugee",
    "hours_per_week",
    "max_travel_km",
    "days",
    "shifts",
    "limitations",
    "dutch_rank",
    "experience_years",
    "available_from - date '0001-01-01' + 1",  # date.toordinal()
)
_BATCH_CODES = {
    "licence": "driving_licences",
    "competence": "competences",
    "occupation": "occupation_wishes",
    "sector": "sector_wishes",
}


def batch_narrowing(coords: Mapping[str, policies.Location]) -> batch.Narrowing:
    """batch.Narrowing over every matchable candidate, read from the table of matchable
    candidates in one statement that returns one row: every column as an array. The facts, for a
    vacancy asking a value the table has no bit for, only then by batch_candidate_facts. Whoever
    is matchable but not in the table (no hours or travel distance known) is eligible for no
    vacancy, so the batch is the same."""
    table = MatchableCandidate._meta.db_table
    # The aggregates of one row read the rows in one order, whatever it is; the positions are
    # the order of the trajectories, sorted here.
    aggregates = ", ".join(
        [f"array_agg({c})" for c in _BATCH_COLUMNS]
        # The lists of codes as one JSON text each: one json.loads for all of them.
        + [f"'[' || string_agg({c}::text, ',') || ']'" for c in _BATCH_CODES.values()]
    )
    sql = f"SELECT array_agg(trajectory_id), {aggregates} FROM {table}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    if row is None or row[0] is None:
        return batch.Narrowing([])
    order = np.argsort(np.array(row[0])).tolist()
    keys, pc4s, refugee, hours, max_km, days, shifts, limits, dutch, years, available = (
        [column[j] for j in order] for column in row[1 : 1 + len(_BATCH_COLUMNS)]
    )
    # The position of each row of the arrays in the order of the trajectories.
    position = np.empty(len(order), dtype=int)
    position[order] = np.arange(len(order))
    holders: dict[tuple[str, str], Sequence[int]] = {}
    # Some 100,000 lists at national size, none of them cyclic: the collector's passes over
    # every object of the process while they are made cost more than making them.
    gc.disable()
    try:
        for kind, text in zip(_BATCH_CODES, row[1 + len(_BATCH_COLUMNS) :], strict=True):
            lists = json.loads(text)
            flat = list(itertools.chain.from_iterable(lists))
            if not flat:
                continue
            lengths = np.fromiter(map(len, lists), dtype=int, count=len(lists))
            holder = np.repeat(position, lengths)  # whose is each code of flat
            number: dict[str, int] = {}
            which = np.fromiter(
                (number.setdefault(code, len(number)) for code in flat), dtype=int, count=len(flat)
            )
            by_code = np.argsort(which, kind="stable")
            bounds = np.concatenate([[0], np.cumsum(np.bincount(which, minlength=len(number)))])
            for code, k in number.items():
                holders[kind, code] = holder[by_code[bounds[k] : bounds[k + 1]]]
            del lists, flat
    finally:
        gc.enable()
    columns = batch.Columns(
        keys=keys,
        locations=[coords.get(pc4) for pc4 in pc4s],
        active=np.ones(len(keys), dtype=bool),
        refugee=np.array(refugee, dtype=bool),
        hours=np.array(hours),
        days=np.array(days),
        shifts=np.array(shifts),
        limits=np.array(limits),
        dutch=np.array(dutch),
        max_km=np.array(max_km, dtype=float),
        years=np.array(years),
        available=np.array([-1 if d is None else d for d in available]),
        holders=holders,
    )
    return batch.Narrowing(columns=columns, facts=lambda: batch_candidate_facts(coords))


# --- relaxation hints --------------------------------------------------------------------------


def _missing(values: list[str], present: str, params: dict, name: str) -> str:
    """The SQL array of ``values`` (in their given order) for which ``present`` (with ``x`` for
    the value) is false."""
    params[name] = values
    values_in_order = f"unnest(%({name})s::text[]) WITH ORDINALITY AS m(x, i)"
    return f"ARRAY(SELECT x FROM {values_in_order} WHERE NOT ({present}) ORDER BY i)"  # noqa: S608


def _one_or_none(array: str, prefix: str) -> str:
    """The hint of a check that names what is missing: the one missing value, or '' (no hint)."""
    return (
        f"CASE WHEN cardinality({array}) = 1 THEN '{prefix}:' || ({array})[1] "
        f"WHEN cardinality({array}) > 1 THEN '' END"
    )


def _missing_bits(values: list[str], names, column: str, params: dict, name: str) -> str:
    """_missing over a bit mask ``column`` of the matchable candidates (bit i: names[i])."""
    params[f"{name}_bits"] = [1 << names.index(x) for x in values]
    params[name] = values
    values_in_order = (
        f"unnest(%({name})s::text[], %({name}_bits)s::int[]) WITH ORDINALITY AS u(x, bit, i)"
    )
    return f"ARRAY(SELECT x FROM {values_in_order} WHERE ({column} & bit) = 0 ORDER BY i)"  # noqa: S608


def _days_check(days: str, shifts: str) -> str:
    """policies.check_days over the arrays of the days and shifts missing: the days first, the
    shifts only when every day asked is there."""
    return (
        f"CASE WHEN cardinality({days}) > 0 THEN {_one_or_none(days, 'day')} "
        f"ELSE {_one_or_none(shifts, 'shift')} END"
    )


def _licence_check(v: policies.VacancyFacts, licences: str, params: dict) -> list[str]:
    """policies.check_licence over the JSON list of licences ``licences``: its hint when none
    held allows what the vacancy asks."""
    if not v.driving_licence:
        return []
    params["holders"] = batch.licence_holders(v.driving_licence)
    params["licence_hint"] = f"licence:{v.driving_licence}"
    return [f"CASE WHEN NOT ({licences} ?| %(holders)s::text[]) THEN %(licence_hint)s END"]


def _certificate_check(v: policies.VacancyFacts, held: str, params: dict) -> list[str]:
    """policies.check_certificates, with ``held`` the SQL condition that the certificate ``x`` is
    among the candidate's competences."""
    if not v.certificates:
        return []
    missing = _missing(sorted(v.certificates), held, params, "certs")
    return [_one_or_none(missing, "certificate")]


def _dutch_check(v: policies.VacancyFacts, rank: str, params: dict) -> list[str]:
    """policies.check_dutch, with ``rank`` the SQL of the candidate's rank in DUTCH_ORDER (NULL
    or negative when unknown, which excludes without a hint)."""
    if not v.dutch_level:
        return []
    params["asked"] = policies.DUTCH_RANK[v.dutch_level]
    return [
        f"""CASE WHEN coalesce({rank}, -1) < 0 THEN ''
                 WHEN {rank} < %(asked)s THEN
                     CASE WHEN {rank} = %(asked)s - 1 THEN 'dutch' ELSE '' END END"""
    ]


def _form_check(v: policies.VacancyFacts, refugee: str) -> list[str]:
    """policies.check_form, with ``refugee`` the column of the candidate's refugee status: no
    form offered, or only those for a statushouder, excludes without a hint."""
    if not v.employment_forms:
        return ["''"]
    if not any(f not in REFUGEE_ONLY_FORMS for f in v.employment_forms):
        return [f"CASE WHEN NOT {refugee} THEN '' END"]
    return []


def _count_hints(checks: list[str], pairs: str, params: dict) -> dict[str, int]:
    """Per hint, the pairs of ``pairs`` (the FROM and WHERE of the candidates, for one vacancy)
    that exactly one check excludes, with that hint: each check gives NULL when it passes, ''
    when it excludes without a hint, else its hint."""
    sql = f"""
        SELECT found[1], count(*) FROM (
            SELECT array_remove(ARRAY[{", ".join(checks)}]::text[], NULL) AS found
            {pairs}
        ) pairs
        WHERE cardinality(found) = 1 AND found[1] <> ''
        GROUP BY found[1]"""  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def _matchable_relaxation_counts(v: policies.VacancyFacts, coords: Mapping[str, policies.Location]):
    """relaxation_counts over the table of matchable candidates: whom it leaves out (no hours or
    travel distance known) the hours or the distance exclude without a hint, so they are never
    counted; nor is whoever lives farther than their travel distance plus DISTANCE_STEP_KM (no
    hint either), which the index on (pc4, max_travel_km) leaves unread. None when the vacancy
    asks a value the table has no bit for."""
    if not (
        set(v.days) <= set(DAY_BITS)
        and set(v.shifts) <= set(SHIFT_BITS)
        and set(v.physical_demands) <= set(DEMAND_BITS)
    ):
        return None
    if v.location is None:
        return {}  # every pair excluded by the distance, without a hint: one check or more
    step = policies.DISTANCE_STEP_KM
    codes, kms, needed = [], [], []
    for code, point in coords.items():
        km = policies.distance_km(point, v.location)
        if km <= MAX_TRAVEL_KM + step:
            codes.append(code)
            kms.append(km)
            # For whole kilometres n: km <= n + step exactly when n >= ceil(km) - step.
            needed.append(math.ceil(km) - step)
    params: dict = {
        "pc4s": codes,
        "kms": kms,
        "needed": needed,
        "hours": v.hours_per_week,
        "hours_step": policies.HOURS_STEP,
        "km_step": step,
    }
    checks = [
        """CASE WHEN mc.hours_per_week < %(hours)s THEN
                    CASE WHEN %(hours)s - mc.hours_per_week <= %(hours_step)s THEN 'hours'
                    ELSE '' END END"""
    ]
    days = _missing_bits(sorted(v.days), DAY_BITS, "mc.days", params, "days")
    shifts = _missing_bits(sorted(v.shifts), SHIFT_BITS, "mc.shifts", params, "shifts")
    checks.append(_days_check(days, shifts))
    checks.append(
        """CASE WHEN d.km > mc.max_travel_km THEN
                    CASE WHEN d.km <= mc.max_travel_km + %(km_step)s THEN 'distance' ELSE '' END
           END"""
    )
    checks += _licence_check(v, "mc.driving_licences", params)
    checks += _certificate_check(v, "mc.competences ? x", params)
    checks += _dutch_check(v, "mc.dutch_rank", params)
    if v.physical_demands:
        beyond = _missing_bits(
            sorted(v.physical_demands), DEMAND_BITS, "(~mc.limitations)", params, "demands"
        )
        checks.append(_one_or_none(beyond, "demand"))
    checks += _form_check(v, "mc.refugee")
    pairs = f"""
        FROM unnest(%(pc4s)s::text[], %(kms)s::float8[], %(needed)s::int[]) d(pc4, km, needed)
        JOIN {MatchableCandidate._meta.db_table} mc
          ON mc.pc4 = d.pc4 AND mc.max_travel_km >= d.needed"""  # noqa: S608
    return _count_hints(checks, pairs, params)


def relaxation_counts(v: policies.VacancyFacts, coords: Mapping[str, policies.Location]):
    """What policies.relaxation_hints counts over the matchable candidates (in the main route, no
    open placement: the others are excluded by the journey, which no change lifts): per hint, the
    candidates whom exactly one hard constraint excludes with that hint. One query: each check
    gives NULL when it passes, '' when it excludes without a hint, else its hint. Asked of the
    table of matchable candidates where it can answer, else of the work profiles."""
    counts = _matchable_relaxation_counts(v, coords)
    if counts is not None:
        return counts
    t = _tables()
    params: dict = {"hours": v.hours_per_week, "hours_step": policies.HOURS_STEP}
    checks = [
        """CASE WHEN wp.hours_per_week IS NULL THEN ''
                WHEN wp.hours_per_week < %(hours)s THEN
                    CASE WHEN %(hours)s - wp.hours_per_week <= %(hours_step)s THEN 'hours'
                    ELSE '' END END"""
    ]
    # policies.check_days: the days first; the shifts only when every day asked is there.
    days = _missing(sorted(v.days), "wp.days ? x", params, "days")
    shifts = _missing(sorted(v.shifts), "wp.shifts ? x", params, "shifts")
    checks.append(_days_check(days, shifts))
    # policies.check_distance; without a location of the vacancy every km is NULL.
    params["kms"] = _distances_from(v.location, coords, candidate_side=True) if v.location else "{}"
    params["km_step"] = policies.DISTANCE_STEP_KM
    checks.append(
        """CASE WHEN wp.max_travel_km IS NULL OR d.km IS NULL THEN ''
                WHEN d.km > wp.max_travel_km THEN
                    CASE WHEN d.km <= wp.max_travel_km + %(km_step)s THEN 'distance' ELSE '' END
           END"""
    )
    checks += _licence_check(v, "wp.driving_licences", params)
    checks += _certificate_check(
        v, "wp.competences @> jsonb_build_array(jsonb_build_object('code', x))", params
    )
    params["levels"] = [str(x) for x in policies.DUTCH_ORDER]
    checks += _dutch_check(v, "(array_position(%(levels)s::text[], wp.dutch_level) - 1)", params)
    if v.physical_demands:
        beyond = _missing(sorted(v.physical_demands), "NOT (wp.limitations ? x)", params, "demands")
        checks.append(_one_or_none(beyond, "demand"))
    checks += _form_check(v, "c.refugee")
    pairs = f"""
        {_matchable_from(t)}
        {_distance("c.postcode")}
        WHERE {_matchable_where(t)}"""
    return _count_hints(checks, pairs, params)


def relaxation_hints(
    v: policies.VacancyFacts,
    coords: Mapping[str, policies.Location],
    labels: Mapping[str, str] | None = None,
) -> list[policies.Hint]:
    counts = relaxation_counts(v, coords)
    return [
        policies.Hint(key, n, policies.hint_message(key, n, v, labels or {}))
        for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
