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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

from werkbedrijf.candidates.models import Weekday
from werkbedrijf.candidates.policies import REFUGEE_ONLY_FORMS

from . import arrays, policies
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

_DAY_BITS = {d: 1 << i for i, d in enumerate(Weekday.values)}
_SHIFT_BITS = {s: 1 << i for i, s in enumerate(Shift.values)}
_DEMAND_BITS = {d: 1 << i for i, d in enumerate(PhysicalDemand.values)}


def _bits(values, table) -> int:
    return sum(table.get(v, 0) for v in values)


class Narrowing:
    """The hard constraints as arrays over all candidates: one vacancy is compared with every
    candidate at once, and the eligible are scored at once (matching.arrays). Exact: a candidate is
    in eligible() if and only if policies.is_eligible holds, as a test checks constraint by
    constraint; the distance is policies.distance_km itself, once per distinct location. A vacancy
    naming a day, shift or physical demand outside the value lists (which no form lets through)
    is checked pair by pair by policies.is_eligible instead."""

    def __init__(self, candidates: list[policies.CandidateFacts]):
        self.candidates = candidates
        self.keys = [c.key for c in candidates]
        self.active = np.array([c.in_main_route and not c.placed for c in candidates], dtype=bool)
        self.refugee = np.array([c.refugee for c in candidates], dtype=bool)
        self.hours = np.array([c.hours_per_week or -1 for c in candidates])
        self.hours_known = np.array([c.hours_per_week is not None for c in candidates], dtype=bool)
        self.days = np.array([_bits(c.days, _DAY_BITS) for c in candidates])
        self.shifts = np.array([_bits(c.shifts, _SHIFT_BITS) for c in candidates])
        self.limits = np.array([_bits(c.limitations, _DEMAND_BITS) for c in candidates])
        self.dutch = np.array([policies.DUTCH_RANK.get(c.dutch_level, -1) for c in candidates])
        self.max_km = np.array(
            [c.max_travel_km if c.max_travel_km is not None else -1 for c in candidates],
            dtype=float,
        )
        self.years = np.array([c.experience_years or 0 for c in candidates])
        # Available from, as a day number; -1 (before any start date) when not given.
        self.available = np.array(
            [c.available_from.toordinal() if c.available_from else -1 for c in candidates]
        )
        # Who holds each competence and wishes each occupation and sector group, in one pass.
        self._holders: dict[tuple[str, str], list[int]] = {}
        for i, c in enumerate(candidates):
            for kind, codes in (
                ("competence", c.competences),
                ("occupation", c.occupation_wishes),
                ("sector", c.sector_wishes),
            ):
                for code in codes:
                    self._holders.setdefault((kind, code), []).append(i)
        # Each distinct location once (they are PC4 centres): the candidate's index into them.
        places: dict[policies.Location, int] = {}
        self.place = np.array(
            [
                -1 if c.location is None else places.setdefault(c.location, len(places))
                for c in candidates
            ]
        )
        self.places = list(places)
        # Per code asked (licence, certificate, competence, occupation, sector), who has it: made
        # when a vacancy first asks it, with the very expressions of the policies.
        self._has: dict[tuple[str, str], np.ndarray] = {}

    def _mask(self, kind: str, code: str, test) -> np.ndarray:
        if (kind, code) not in self._has:
            self._has[kind, code] = np.array([test(c) for c in self.candidates], dtype=bool)
        return self._has[kind, code]

    def _has_licence(self, asked: str) -> np.ndarray:
        return self._mask(
            "licence", asked, lambda c: policies.has_licence(c.driving_licences, asked)
        )

    def _held(self, kind: str, code: str) -> np.ndarray:
        """Who holds a competence (``code in c.competences``) or wishes an occupation or sector
        group (``code in c.occupation_wishes``, ``c.sector_wishes``)."""
        if (kind, code) not in self._has:
            mask = np.zeros(len(self.candidates), dtype=bool)
            mask[self._holders.get((kind, code), [])] = True
            self._has[kind, code] = mask
        return self._has[kind, code]

    def _has_competence(self, code: str) -> np.ndarray:
        return self._held("competence", code)

    def _km(self, v: policies.VacancyFacts) -> np.ndarray:
        """The distance of every candidate to the vacancy, as policies.check_distance computes it
        (NaN where the candidate has no location)."""
        per_place = np.array(
            [policies.distance_km(point, v.location) for point in self.places] + [np.nan]
        )
        return per_place[self.place]  # index -1: the NaN at the end

    def _exact(self, v: policies.VacancyFacts) -> bool:
        return (
            set(v.days) <= _DAY_BITS.keys()
            and set(v.shifts) <= _SHIFT_BITS.keys()
            and set(v.physical_demands) <= _DEMAND_BITS.keys()
        )

    def eligible(self, v: policies.VacancyFacts) -> np.ndarray:
        """The positions of the candidates who may be proposed for the vacancy."""
        if not self.candidates or v.location is None or not v.employment_forms:
            return np.array([], dtype=int)
        if not self._exact(v):
            return np.array(
                [i for i, c in enumerate(self.candidates) if policies.is_eligible(c, v)], dtype=int
            )
        days, shifts = _bits(v.days, _DAY_BITS), _bits(v.shifts, _SHIFT_BITS)
        mask = (
            self.active
            & self.hours_known
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
            mask &= self._has_competence(code)
        if not any(f not in REFUGEE_ONLY_FORMS for f in v.employment_forms):
            mask &= self.refugee
        with np.errstate(invalid="ignore"):
            mask &= self._km(v) <= self.max_km  # NaN (no location) is never within reach
        return np.flatnonzero(mask)

    def maybe_eligible(self, v: policies.VacancyFacts) -> list[policies.CandidateFacts]:
        return [self.candidates[i] for i in self.eligible(v)]

    def best(self, v: policies.VacancyFacts, limit: int) -> tuple[int, list[tuple[float, str]]]:
        """How many candidates are eligible, and the best ``limit`` of them as (score, key), best
        first, ties by key: what sorting every eligible pair by policies.total_score gives."""
        found = self.eligible(v)
        if not len(found):
            return 0, []
        km = self._km(v)[found]
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
            self.available > v.start_date.toordinal()
            if v.start_date
            else np.zeros(len(self.candidates), dtype=bool)
        )
        total = arrays.totals(
            {
                "competences": arrays.competence_scores(
                    held_must, len(v.competences_must), held_nice, len(v.competences_nice)
                ),
                "occupation": arrays.occupation_scores(occupation[found], sector[found]),
                "distance": arrays.distance_scores(km, self.max_km[found]),
                "hours": arrays.hours_scores(v.hours_per_week, self.hours[found]),
                "experience": arrays.experience_scores(self.years[found]),
                "requirements": arrays.requirements_scores(late[found]),
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
