"""Congestion-aware shortlists for many vacancies at once: a min-cost flow (OR-Tools) that gives
every vacancy its best available candidates while no candidate is on more than ``per_candidate``
shortlists. Pure: plain facts in, plain results out, no database.

The flow network: source -> vacancy (capacity: the shortlist size) -> candidate (capacity 1, cost:
100 minus the score, in tenths) -> sink (capacity: per_candidate). The maximum flow of minimum cost
fills as many shortlist places as the limits allow and, among those fillings, maximises the sum of
the scores. Only eligible pairs (every hard constraint met) are edges, so an excluded candidate
can never be on a shortlist. To keep the network small each vacancy brings its best
``depth * size`` candidates; a candidate below that on every list would not have been chosen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

from werkbedrijf.candidates.models import Weekday

from . import policies
from .models import PhysicalDemand, Shift

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
    candidates: Iterable[policies.CandidateFacts],
    *,
    size: int = 5,
    per_candidate: int = 2,
    depth: int = 4,
) -> BatchResult:
    narrow = Narrowing(list(candidates))
    ranked: dict[str, list[tuple[float, str]]] = {}
    eligible_counts: dict[str, int] = {}
    for v in vacancies:
        scored = [
            (policies.total_score(c, v), c.key)
            for c in narrow.maybe_eligible(v)
            if policies.is_eligible(c, v)
        ]
        eligible_counts[v.key] = len(scored)
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        ranked[v.key] = scored[: depth * size]

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

_DAY_BITS = {d: 1 << i for i, d in enumerate(Weekday.values)}
_SHIFT_BITS = {s: 1 << i for i, s in enumerate(Shift.values)}
_DEMAND_BITS = {d: 1 << i for i, d in enumerate(PhysicalDemand.values)}


def _bits(values, table) -> int:
    return sum(table.get(v, 0) for v in values)


class Narrowing:
    """The hard constraints that are numbers and sets, as arrays over all candidates: one vacancy
    is compared with every candidate at once. Only a narrowing: policies.is_eligible still decides
    for every candidate it lets through (a slack of 0.5 km keeps rounding on the safe side)."""

    def __init__(self, candidates: list[policies.CandidateFacts]):
        self.candidates = candidates
        self.active = np.array([c.in_main_route and not c.placed for c in candidates], dtype=bool)
        self.hours = np.array([c.hours_per_week or -1 for c in candidates])
        self.days = np.array([_bits(c.days, _DAY_BITS) for c in candidates])
        self.shifts = np.array([_bits(c.shifts, _SHIFT_BITS) for c in candidates])
        self.limits = np.array([_bits(c.limitations, _DEMAND_BITS) for c in candidates])
        self.dutch = np.array([policies.DUTCH_RANK.get(c.dutch_level, -1) for c in candidates])
        self.max_km = np.array(
            [c.max_travel_km if c.max_travel_km is not None else -1 for c in candidates],
            dtype=float,
        )
        self.lat = np.radians([c.location[0] if c.location else 0.0 for c in candidates])
        self.lon = np.radians([c.location[1] if c.location else 0.0 for c in candidates])
        self.located = np.array([c.location is not None for c in candidates], dtype=bool)
        # Per licence and certificate asked, who has it: made when a vacancy first asks it, with
        # the very functions of the hard constraints, so this narrowing is exact for them.
        self._licence: dict[str, np.ndarray] = {}
        self._certificate: dict[str, np.ndarray] = {}

    def _has_licence(self, asked: str) -> np.ndarray:
        if asked not in self._licence:
            self._licence[asked] = np.array(
                [policies.has_licence(c.driving_licences, asked) for c in self.candidates],
                dtype=bool,
            )
        return self._licence[asked]

    def _has_certificate(self, code: str) -> np.ndarray:
        if code not in self._certificate:
            self._certificate[code] = np.array(
                [code in c.competences for c in self.candidates], dtype=bool
            )
        return self._certificate[code]

    def maybe_eligible(self, v: policies.VacancyFacts) -> list[policies.CandidateFacts]:
        if not self.candidates or v.location is None:
            return []
        days, shifts = _bits(v.days, _DAY_BITS), _bits(v.shifts, _SHIFT_BITS)
        mask = (
            self.active
            & self.located
            & (self.hours >= v.hours_per_week)
            & ((self.days & days) == days)
            & ((self.shifts & shifts) == shifts)
            & ((self.limits & _bits(v.physical_demands, _DEMAND_BITS)) == 0)
        )
        if v.dutch_level:
            mask &= self.dutch >= policies.DUTCH_RANK[v.dutch_level]
        if v.driving_licence:
            mask &= self._has_licence(v.driving_licence)
        for code in v.certificates:
            mask &= self._has_certificate(code)
        lat, lon = np.radians(v.location[0]), np.radians(v.location[1])
        h = (
            np.sin((self.lat - lat) / 2) ** 2
            + np.cos(lat) * np.cos(self.lat) * np.sin((self.lon - lon) / 2) ** 2
        )
        km = 2 * policies.EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
        mask &= km <= self.max_km + 0.5
        return [self.candidates[i] for i in np.flatnonzero(mask)]
