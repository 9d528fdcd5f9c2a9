"""Congestion-aware shortlists for many vacancies at once: a min-cost flow (OR-Tools) that gives
every vacancy its best available candidates while no candidate is on more than ``per_candidate``
shortlists. Pure: plain facts in, plain results out, no database.

The flow network: source -> vacancy (capacity: the shortlist size) -> candidate (capacity 1, cost:
100 minus the score, in tenths) -> sink (capacity: per_candidate). The maximum flow of minimum cost
fills as many shortlist places as the limits allow and, among those fillings, maximises the sum of
the scores. Only eligible pairs (every hard constraint met) are edges, so an excluded candidate
can never be on a shortlist. To keep the network small each vacancy brings its best
``depth * size`` candidates; a candidate below that on every list would not have been chosen.
Eligibility and scores are computed over arrays (Narrowing): the arithmetic of the hard
constraints and of policies.total_score, which tests hold equal to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

from werkbedrijf.candidates.policies import REFUGEE_ONLY_FORMS

from . import arrays, policies
from .models import DAY_BITS, DEMAND_BITS, SHIFT_BITS, DrivingLicence

SCALE = 10  # scores in tenths as integer costs


@dataclass
class VacancyShortlist:
    vacancy: str
    chosen: list[tuple[str, float]] = field(default_factory=list)  # (candidate, score), best first
    # Better candidates of this vacancy's own ranking who went to other vacancies' lists because
    # they reached the limit: (candidate, score).
    passed_over: list[tuple[str, float]] = field(default_factory=list)
    eligible: int = 0


@dataclass
class BatchResult:
    shortlists: dict[str, VacancyShortlist]
    per_candidate: int
    size: int
    load: dict[str, int]  # candidate -> shortlists they are on


def congestion_aware_shortlists(
    vacancies: Sequence[policies.VacancyFacts],
    candidates: Iterable[policies.CandidateFacts] | Narrowing,
    *,
    size: int = 5,
    per_candidate: int = 2,
    depth: int = 4,
) -> BatchResult:
    narrow = candidates if isinstance(candidates, Narrowing) else Narrowing(list(candidates))
    ranked: dict[str, list[tuple[float, str]]] = {}
    eligible_counts: dict[str, int] = {}
    for v in vacancies:
        eligible_counts[v.key], ranked[v.key] = narrow.best(v, depth * size)

    keys = sorted({key for pairs in ranked.values() for _s, key in pairs})
    source, sink = 0, 1
    v_node = {v.key: 2 + i for i, v in enumerate(vacancies)}
    c_node = {key: 2 + len(vacancies) + i for i, key in enumerate(keys)}
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs: list[tuple[int, str, str, float]] = []
    for v in vacancies:
        flow.add_arc_with_capacity_and_unit_cost(source, v_node[v.key], size, 0)
        for score, key in ranked[v.key]:
            arc = flow.add_arc_with_capacity_and_unit_cost(
                v_node[v.key], c_node[key], 1, int(round((100 - score) * SCALE))
            )
            arcs.append((arc, v.key, key, score))
    for key in keys:
        flow.add_arc_with_capacity_and_unit_cost(c_node[key], sink, per_candidate, 0)

    shortlists = {
        v.key: VacancyShortlist(v.key, eligible=eligible_counts[v.key]) for v in vacancies
    }
    load: dict[str, int] = {}
    if arcs:
        # Supplies bound the flow; solve_max_flow_with_min_cost then sends as much as it can.
        total = size * len(vacancies)
        flow.set_node_supply(source, total)
        flow.set_node_supply(sink, -total)
        status = flow.solve_max_flow_with_min_cost()
        if status != flow.OPTIMAL:
            raise RuntimeError(f"min-cost flow ended with status {status}")
        for arc, vkey, ckey, score in arcs:
            if flow.flow(arc) > 0:
                shortlists[vkey].chosen.append((ckey, score))
                load[ckey] = load.get(ckey, 0) + 1
    for vkey, shortlist in shortlists.items():
        shortlist.chosen.sort(key=lambda pair: (-pair[1], pair[0]))
        chosen = {key for key, _s in shortlist.chosen}
        lowest = shortlist.chosen[-1][1] if len(shortlist.chosen) == size else -1.0
        shortlist.passed_over = [
            (key, score)
            for score, key in ranked[vkey]
            if key not in chosen and score > lowest and load.get(key, 0) >= per_candidate
        ]
    return BatchResult(shortlists, per_candidate, size, load)


# --- narrowing many candidates at once ------------------------------------------------------------

_DAY_BITS = {d: 1 << i for i, d in enumerate(DAY_BITS)}
_SHIFT_BITS = {s: 1 << i for i, s in enumerate(SHIFT_BITS)}
_DEMAND_BITS = {d: 1 << i for i, d in enumerate(DEMAND_BITS)}
# Within this of a place's farthest reach a distance is computed exactly (policies.distance_km);
# the same haversine over arrays differs from it by some 1e-12 km.
_APPROX_MARGIN_KM = 1e-3


def _bits(values, table) -> int:
    return sum(table.get(v, 0) for v in values)


def licence_holders(asked: str) -> list[str]:
    """The licences whose holder may drive what ``asked`` allows: policies.has_licence(held,
    asked) holds exactly when ``held`` has one of them (every licence that includes another is a
    value of DrivingLicence)."""
    return sorted({asked} | {h for h in DrivingLicence.values if policies.has_licence([h], asked)})


def _haversine(points: np.ndarray, centre: policies.Location) -> np.ndarray:
    """policies.distance_km over an array of (latitude, longitude), up to rounding."""
    lat1, lon1 = np.radians(points[:, 0]), np.radians(points[:, 1])
    lat2, lon2 = np.radians(centre[0]), np.radians(centre[1])
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * policies.EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


@dataclass
class Columns:
    """The matchable candidates as columns (position i: the i-th candidate), what Narrowing reads:
    from their facts (Narrowing.of_facts) or from the table of matchable candidates
    (search.batch_narrowing)."""

    keys: list[str]
    locations: list[policies.Location | None]
    active: np.ndarray  # in the main route and not placed
    refugee: np.ndarray
    hours: np.ndarray  # -1 unknown
    days: np.ndarray  # bit masks
    shifts: np.ndarray
    limits: np.ndarray
    dutch: np.ndarray  # rank in policies.DUTCH_ORDER, -1 unknown
    max_km: np.ndarray  # -1 unknown
    years: np.ndarray
    available: np.ndarray  # day number, -1 when not given
    # Per (kind, code): the positions of who holds that competence or licence, or wishes that
    # occupation or sector group; kinds "competence", "licence", "occupation", "sector".
    holders: dict[tuple[str, str], Sequence[int]]


def columns_of(candidates: list[policies.CandidateFacts]) -> Columns:
    holders: dict[tuple[str, str], list[int]] = {}
    for i, c in enumerate(candidates):
        for kind, codes in (
            ("competence", c.competences),
            ("licence", c.driving_licences),
            ("occupation", c.occupation_wishes),
            ("sector", c.sector_wishes),
        ):
            for code in codes:
                holders.setdefault((kind, code), []).append(i)
    return Columns(
        keys=[c.key for c in candidates],
        locations=[c.location for c in candidates],
        active=np.array([c.in_main_route and not c.placed for c in candidates], dtype=bool),
        refugee=np.array([c.refugee for c in candidates], dtype=bool),
        hours=np.array(
            [c.hours_per_week if c.hours_per_week is not None else -1 for c in candidates]
        ),
        days=np.array([_bits(c.days, _DAY_BITS) for c in candidates]),
        shifts=np.array([_bits(c.shifts, _SHIFT_BITS) for c in candidates]),
        limits=np.array([_bits(c.limitations, _DEMAND_BITS) for c in candidates]),
        dutch=np.array([policies.DUTCH_RANK.get(c.dutch_level, -1) for c in candidates]),
        max_km=np.array(
            [c.max_travel_km if c.max_travel_km is not None else -1 for c in candidates],
            dtype=float,
        ),
        years=np.array([c.experience_years or 0 for c in candidates]),
        available=np.array(
            [c.available_from.toordinal() if c.available_from else -1 for c in candidates]
        ),
        holders=holders,
    )


class Narrowing:
    """The hard constraints as arrays over all candidates: one vacancy is compared at once with
    every candidate living where a candidate may travel from, and the eligible are scored at once
    (matching.arrays). Exact: a candidate is in eligible() if and only if policies.is_eligible
    holds, as a test checks constraint by constraint; the distance is policies.distance_km itself,
    once per distinct location within reach (a haversine over arrays only rules out the places
    farther than anyone there travels, with a margin). A vacancy naming a day, shift or physical
    demand outside the value lists (which no form lets through) is checked pair by pair by
    policies.is_eligible instead, over the candidates' facts (read only then, by ``facts``)."""

    def __init__(
        self,
        candidates: list[policies.CandidateFacts] | None = None,
        *,
        columns: Columns | None = None,
        facts: Callable[[], list[policies.CandidateFacts]] | None = None,
    ):
        if columns is None:
            candidates = list(candidates or [])
            columns = columns_of(candidates)
            self._facts: list[policies.CandidateFacts] | None = candidates
        else:
            self._facts = None
        self._load_facts = facts
        col = self.columns = columns
        self.keys = col.keys
        self.n = len(col.keys)
        # Each distinct location once (they are PC4 centres): the candidate's index into them.
        places: dict[policies.Location, int] = {}
        self.place = np.array(
            [-1 if loc is None else places.setdefault(loc, len(places)) for loc in col.locations],
            dtype=int,
        )
        self.places = list(places)
        self._points = np.array(self.places, dtype=float).reshape(-1, 2)
        # The candidates ordered by place: those of place p are by_place[start[p]:start[p + 1]];
        # the farthest anyone of a place travels (-1: nobody known).
        self._by_place = np.argsort(self.place, kind="stable")
        counts = np.bincount(self.place[self.place >= 0], minlength=len(self.places))
        first = int(np.sum(self.place < 0))
        self._start = np.concatenate([[0], np.cumsum(counts)]) + first
        self._reach = np.full(len(self.places), -1.0)
        located = self.place >= 0
        np.maximum.at(self._reach, self.place[located], col.max_km[located])
        self._has: dict[tuple[str, str], np.ndarray] = {}
        # Per vacancy location (a PC4 centre, shared by many vacancies): _place_km_at's and
        # _within_reach's answers.
        self._km_cache: dict[policies.Location, np.ndarray] = {}
        self._reach_cache: dict[
            policies.Location, tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]
        ] = {}

    @property
    def candidates(self) -> list[policies.CandidateFacts]:
        """Every candidate's facts, in the order of the columns."""
        if self._facts is None:
            loaded = {c.key: c for c in self._load_facts()} if self._load_facts else {}
            self._facts = [loaded[key] for key in self.keys]
        return self._facts

    def _held(self, kind: str, code: str) -> np.ndarray:
        """Who holds a competence (``code in c.competences``) or licence, or wishes an occupation
        or sector group (``code in c.occupation_wishes``, ``c.sector_wishes``)."""
        if (kind, code) not in self._has:
            mask = np.zeros(self.n, dtype=bool)
            mask[self.columns.holders.get((kind, code), [])] = True
            self._has[kind, code] = mask
        return self._has[kind, code]

    def _has_licence(self, asked: str) -> np.ndarray:
        """policies.has_licence(c.driving_licences, asked) for every candidate."""
        if ("licence-asked", asked) not in self._has:
            mask = np.zeros(self.n, dtype=bool)
            for holder in licence_holders(asked):
                mask |= self._held("licence", holder)
            self._has["licence-asked", asked] = mask
        return self._has["licence-asked", asked]

    def _has_competence(self, code: str) -> np.ndarray:
        return self._held("competence", code)

    def _place_km(self, v: policies.VacancyFacts) -> np.ndarray:
        if v.location is None:
            per_place = np.full(len(self.places) + 1, np.inf)
            per_place[-1] = np.nan
            return per_place
        return self._place_km_at(v.location)

    def _place_km_at(self, location: policies.Location) -> np.ndarray:
        """The distance of every place to ``location`` (a vacancy's) as policies.check_distance
        computes it (distance_km(candidate's location, vacancy's location)); inf for a place
        farther than anyone there travels. The last entry, NaN, is for the candidates without a
        location."""
        if location not in self._km_cache:
            per_place = np.full(len(self.places) + 1, np.inf)
            per_place[-1] = np.nan
            if self.places:
                near = np.flatnonzero(
                    _haversine(self._points, location) <= self._reach + _APPROX_MARGIN_KM
                )
                for p in near:
                    per_place[p] = policies.distance_km(self.places[p], location)
            self._km_cache[location] = per_place
        return self._km_cache[location]

    def _within_reach(
        self, location: policies.Location
    ) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
        """The positions (ascending) of the active candidates with known hours for whom
        ``location`` is within their travel distance, their distances to it, and their columns
        that the other hard constraints read: the same for every vacancy at that location."""
        if location not in self._reach_cache:
            per_place = self._place_km_at(location)
            with np.errstate(invalid="ignore"):
                near = np.flatnonzero(per_place[:-1] <= self._reach)
            # The positions by_place[start[p]:start[p + 1]] of every near place p, in one array.
            starts, ends = self._start[near], self._start[near + 1]
            lengths = ends - starts
            shift = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
            idx = np.sort(self._by_place[np.arange(int(lengths.sum())) + shift])
            col = self.columns
            km = per_place[self.place[idx]]
            keep = (km <= col.max_km[idx]) & col.active[idx] & (col.hours[idx] >= 0)
            idx, km = idx[keep], km[keep]
            sub = {
                name: getattr(col, name)[idx]
                for name in ("hours", "days", "shifts", "limits", "dutch", "refugee")
            }
            self._reach_cache[location] = idx, km, sub
        return self._reach_cache[location]

    def _exact(self, v: policies.VacancyFacts) -> bool:
        return (
            set(v.days) <= _DAY_BITS.keys()
            and set(v.shifts) <= _SHIFT_BITS.keys()
            and set(v.physical_demands) <= _DEMAND_BITS.keys()
        )

    def _eligible(self, v: policies.VacancyFacts) -> tuple[np.ndarray, np.ndarray]:
        """The positions of the candidates who may be proposed for the vacancy, ascending, and
        their distances to it."""
        none = np.array([], dtype=int), np.array([], dtype=float)
        if not self.n or v.location is None or not v.employment_forms:
            return none
        if not self._exact(v):
            found = np.array(
                [i for i, c in enumerate(self.candidates) if policies.is_eligible(c, v)], dtype=int
            )
            return found, self._place_km(v)[self.place[found]] if len(found) else none[1]
        idx, km, sub = self._within_reach(v.location)
        if not len(idx):
            return none
        days, shifts = _bits(v.days, _DAY_BITS), _bits(v.shifts, _SHIFT_BITS)
        mask = (
            (sub["hours"] >= v.hours_per_week)
            & ((sub["days"] & days) == days)
            & ((sub["shifts"] & shifts) == shifts)
            & ((sub["limits"] & _bits(v.physical_demands, _DEMAND_BITS)) == 0)
        )
        if v.dutch_level:
            mask &= sub["dutch"] >= policies.DUTCH_RANK[v.dutch_level]
        if v.driving_licence:
            mask &= self._has_licence(v.driving_licence)[idx]
        for code in v.certificates:
            mask &= self._has_competence(code)[idx]
        if not any(f not in REFUGEE_ONLY_FORMS for f in v.employment_forms):
            mask &= sub["refugee"]
        return idx[mask], km[mask]

    def eligible(self, v: policies.VacancyFacts) -> np.ndarray:
        """The positions of the candidates who may be proposed for the vacancy."""
        return self._eligible(v)[0]

    def maybe_eligible(self, v: policies.VacancyFacts) -> list[policies.CandidateFacts]:
        return [self.candidates[i] for i in self.eligible(v)]

    def best(self, v: policies.VacancyFacts, limit: int) -> tuple[int, list[tuple[float, str]]]:
        """How many candidates are eligible, and the best ``limit`` of them as (score, key), best
        first, ties by key: what sorting every eligible pair by policies.total_score gives."""
        found, km = self._eligible(v)
        if not len(found):
            return 0, []
        col = self.columns
        has = self._has_competence
        held_must = sum(
            (has(code)[found].astype(int) for code in v.competences_must), np.zeros(len(found))
        )
        held_nice = sum(
            (has(code)[found].astype(int) for code in v.competences_nice), np.zeros(len(found))
        )
        occupation = self._held("occupation", v.occupation)
        sector = self._held("sector", v.sector_group)
        # policies._requirements_score: available only after the start date.
        late = (
            col.available[found] > v.start_date.toordinal()
            if v.start_date
            else np.zeros(len(found), dtype=bool)
        )
        total = arrays.totals(
            {
                "competences": arrays.competence_scores(
                    held_must, len(v.competences_must), held_nice, len(v.competences_nice)
                ),
                "occupation": arrays.occupation_scores(occupation[found], sector[found]),
                "distance": arrays.distance_scores(km, col.max_km[found]),
                "hours": arrays.hours_scores(v.hours_per_week, col.hours[found]),
                "experience": arrays.experience_scores(col.years[found]),
                "requirements": arrays.requirements_scores(late),
            },
            len(found),
        )
        # The array totals are total_score's own arithmetic (a test holds them equal), so
        # rounded as it rounds they are its scores.
        scored = [
            (round(float(total[j]), 1), self.keys[found[j]]) for j in arrays.preselect(total, limit)
        ]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return len(found), scored[:limit]
