"""What an indicator is: a declaration (code, name, definition, unit, population, period,
breakdowns) with the one query that computes it, and the registry that holds them all."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import TypeVar

from django.db import connection
from django.db.models import Q, QuerySet

from werkbedrijf.candidates.models import FocusGroup, Trajectory
from werkbedrijf.candidates.policies import NEW_IN_ASSISTANCE_MONTHS

from ..policies import ALL_BREAKDOWNS, Breakdown, Period

# Raised when a definition changes (what it counts, not how it is written): a published report
# stores the version of the definitions that produced its figures.
DEFINITIONS_VERSION = "2026.1"

TOTAL = ""  # the key of an indicator's total among its categories


@dataclass(frozen=True)
class Scope:
    """Whose figures over which period: the municipalities (None: the whole region) and at most
    one focus group and one sector group."""

    period: Period
    municipality_ids: tuple[int, ...] | None = None
    focus_group: str = ""
    sector_group: str = ""

    @property
    def start(self) -> date:
        return self.period.start

    @property
    def end(self) -> date:
        return self.period.end

    def with_period(self, period: Period) -> Scope:
        return replace(self, period=period)

    def trajectories(self, qs: QuerySet, prefix: str = "") -> QuerySet:
        """Narrow ``qs`` (trajectories, or records under them via ``prefix`` such as
        ``"trajectory__"``) to the scope's municipalities, focus group and sector group.

        For records under a trajectory the municipality is a semi-join, ``trajectory IN (the
        scope's trajectories)``: PostgreSQL estimates it from the trajectories' statistics and
        chooses a nested loop over the trajectories' covering index ``traj_id_cover`` or a hash
        of the municipality's ids from the index on (municipality, phase, id), in parallel where
        that pays. A scalar subquery per record (the earlier form) it could only estimate at a
        fraction of a percent, so it probed every record of the period in one process and,
        from the inflated cost, compiled the query (JIT) as well: at national size twice as
        slow for one municipality as for the whole region."""
        if self.municipality_ids is not None:
            if prefix:
                scoped = Trajectory.objects.filter(municipality_id__in=self.municipality_ids)
                qs = qs.filter(**{f"{prefix[:-2]}__in": scoped.values("pk")})
            else:
                qs = qs.filter(municipality_id__in=self.municipality_ids)
        if self.sector_group:
            qs = qs.filter(**{f"{prefix}sector_group": self.sector_group})
        if self.focus_group:
            qs = qs.filter(focus_group_q(self.focus_group, self.end, f"{prefix}candidate__"))
        return qs

    def records(self, qs: QuerySet) -> QuerySet:
        """Narrow ``qs``, records under a trajectory that carry its municipality (journey steps,
        activities, placements, instruments, sanction signals, the ladder's recordings), to the
        scope: on PostgreSQL, whose triggers keep that column equal to the trajectory's
        (candidates.models.trajectory_municipality, reporting 0012), the municipality is read on
        the record itself, one range of a (municipality, date) index instead of a join with all
        of the municipality's trajectories; the sector and focus group through the trajectory.
        Elsewhere as ``trajectories``."""
        if connection.vendor != "postgresql":
            return self.trajectories(qs, "trajectory__")
        if self.municipality_ids is not None:
            qs = qs.filter(municipality_id__in=self.municipality_ids)
        return replace(self, municipality_ids=None).trajectories(qs, "trajectory__")


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def focus_group_q(group: str, on: date, prefix: str = "") -> Q:
    """The focus group of art. 2 on a day as a filter: the same rule as
    candidates.policies.focus_groups, written for the database."""
    if group == FocusGroup.UNDER_27:
        return Q(**{f"{prefix}date_of_birth__gt": _years_before(on, 27)})
    if group == FocusGroup.OVER_55:
        return Q(**{f"{prefix}date_of_birth__lte": _years_before(on, 56)})
    if group == FocusGroup.REFUGEE:
        return Q(**{f"{prefix}refugee": True})
    if group == FocusGroup.WORK_LIMITATION:
        return Q(**{f"{prefix}job_agreement_register": True}) | Q(
            **{f"{prefix}functional_limitations__regex": r"\S"}
        )
    if group == FocusGroup.NEW_IN_ASSISTANCE:
        from datetime import timedelta

        return Q(
            **{
                f"{prefix}benefit_start_date__lte": on,
                f"{prefix}benefit_start_date__gte": on
                - timedelta(days=NEW_IN_ASSISTANCE_MONTHS * 31),
            }
        )
    raise ValueError(group)


T = TypeVar("T")

# The reads made so far within ``shared_reads()``, per read and scope; None outside it.
_shared: ContextVar[dict | None] = ContextVar("indicator_shared_reads", default=None)


@contextmanager
def shared_reads() -> Iterator[None]:
    """Within it, a read that several indicators make of the same scope (the instruments of a
    period for their count, amount and wage value; the ladder's first and latest steps for "rose"
    and "reached") is made once: for a screen or a report that computes many indicators at once.
    Outside it every indicator reads for itself. The reads end with the block, so no figure
    outlives the computation that asked for it."""
    if _shared.get() is not None:
        yield
        return
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def shared(read: Callable[[Scope], T]) -> Callable[[Scope], T]:
    """``read(scope)`` made once per scope within ``shared_reads()``; its result is not to be
    changed by the indicators that use it."""

    @functools.wraps(read)
    def once(scope: Scope) -> T:
        memo = _shared.get()
        if memo is None:
            return read(scope)
        key = (read, scope)
        if key not in memo:
            memo[key] = read(scope)
        return memo[key]

    return once


@dataclass(frozen=True)
class Figure:
    """One figure: its value in the indicator's unit (None when there is nothing to measure) and
    the number of persons (or records) it is about, which the "< 5" rule looks at."""

    value: Decimal | None
    persons: int


def count_figure(n: int) -> Figure:
    return Figure(Decimal(n), n)


# The one query: from a scope to the figures, the total under TOTAL and one per category.
Query = Callable[[Scope], dict[str, Figure]]


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    definition: str
    unit: str
    population: str
    period: str
    query: Query
    breakdowns: tuple[str, ...] = ALL_BREAKDOWNS
    # The categories the figure is split into within one scope (channel, employment form, ...),
    # with their labels; empty for an indicator that is one figure.
    categories: Callable[[], dict[str, str]] = field(default=dict)
    category_name: str = ""
    # Categories that are free text typed by staff (the reasons of a return): a rare one could name
    # or point at a person, so for readers who may not see persons the small ones are merged.
    free_text_categories: bool = False
    # The norm when the MGR budget has set none (art. 13), e.g. the capacity of 4,200.
    default_norm: Decimal | None = None
    # A norm per year or per quarter: a count over a year compares with a yearly norm.
    norm_note: str = ""

    def compute(self, scope: Scope) -> dict[str, Figure]:
        figures = self.query(scope)
        figures.setdefault(TOTAL, Figure(None, 0))
        return figures

    def category_label(self, key: str) -> str:
        if key == TOTAL:
            return str(self.name)
        if key == OTHER and self.free_text_categories:
            from django.utils.translation import gettext

            return gettext("Other (each fewer than the threshold)")
        return str(self.categories().get(key, key))

    def allows(self, breakdown: str) -> bool:
        return breakdown in self.breakdowns


OTHER = "other"


def merge_small_categories(figures: dict[str, Figure], threshold: int) -> dict[str, Figure]:
    """Free-text categories about fewer than ``threshold`` persons merged into one, OTHER, so
    that no rare text is shown; the total stays as it is."""
    kept = {k: f for k, f in figures.items() if k == TOTAL or f.persons >= threshold}
    small = [f for k, f in figures.items() if k != TOTAL and f.persons < threshold]
    if small:
        persons = sum(f.persons for f in small)
        kept[OTHER] = Figure(Decimal(persons), persons)
    return kept


REGISTRY: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    if indicator.code in REGISTRY:
        raise ValueError(f"indicator {indicator.code} declared twice")
    REGISTRY[indicator.code] = indicator
    return indicator


def get(code: str) -> Indicator:
    return REGISTRY[code]


def all_indicators() -> list[Indicator]:
    return list(REGISTRY.values())


__all__ = [
    "Breakdown",
    "DEFINITIONS_VERSION",
    "Figure",
    "Indicator",
    "REGISTRY",
    "Scope",
    "TOTAL",
    "all_indicators",
    "count_figure",
    "focus_group_q",
    "get",
    "register",
    "shared",
    "shared_reads",
]
