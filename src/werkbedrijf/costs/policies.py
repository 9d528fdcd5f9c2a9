"""Cost per task and per municipality, and the price of a scenario: pure arithmetic over plain
data, no database.

The allocation key: hours and direct costs that name a municipality (a card item it bought) are
that municipality's; the rest (regional services, support) is shared in proportion to each
municipality's candidates in service. Amounts are rounded to cents once, at the end, and the
shares of a regional amount add up to it exactly (largest remainder)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from werkbedrijf.utils.numbers import euro, quantity

CENT = Decimal("0.01")
ZERO = Decimal(0)
MAX_HOURS_PER_WEEK = Decimal(60)
# Productive hours of one fte in a year, as a starting value: 36 hours a week, less leave,
# public holidays, illness and training. The DVO administrator enters the team's own figure.
DEFAULT_HOURS_PER_FTE = Decimal(1500)


@dataclass(frozen=True)
class HoursRow:
    task: str
    municipality: int | None  # None: regional
    function: str
    year: int
    hours: Decimal


@dataclass(frozen=True)
class DirectRow:
    task: str
    municipality: int | None
    amount: Decimal


@dataclass(frozen=True)
class TaskCost:
    task: str
    hours: Decimal
    labour: Decimal
    direct: Decimal

    @property
    def total(self) -> Decimal:
        return self.labour + self.direct


@dataclass(frozen=True)
class MunicipalCost:
    municipality: int
    own: Decimal  # what names the municipality
    regional_share: Decimal  # its share of what does not
    in_service: int

    @property
    def total(self) -> Decimal:
        return self.own + self.regional_share

    @property
    def per_candidate(self) -> Decimal | None:
        if self.in_service <= 0:
            return None
        return (self.total / self.in_service).quantize(CENT, ROUND_HALF_UP)


@dataclass
class CostResult:
    year: int
    tasks: list[TaskCost]
    municipalities: list[MunicipalCost]
    # cost of each task for each municipality (own plus share of the regional part)
    per_task_municipality: dict[tuple[str, int], Decimal]
    missing_rates: list[str] = field(default_factory=list)  # functions without a rate that year

    @property
    def total(self) -> Decimal:
        return sum((t.total for t in self.tasks), ZERO)


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, ROUND_HALF_UP)


def shares(amount: Decimal, weights: Mapping[int, int]) -> dict[int, Decimal]:
    """``amount`` divided over the keys in proportion to their weights, in cents that add up to
    ``amount`` exactly (largest remainder); nothing when every weight is zero."""
    total_weight = sum(w for w in weights.values() if w > 0)
    if total_weight == 0:
        return dict.fromkeys(weights, ZERO)
    cents = int(_cents(amount) / CENT)
    exact = {key: Decimal(cents) * max(w, 0) / total_weight for key, w in weights.items()}
    floored = {key: int(value) for key, value in exact.items()}
    left = cents - sum(floored.values())
    by_remainder = sorted(exact, key=lambda key: (exact[key] - floored[key], -key), reverse=True)
    for key in by_remainder[:left]:
        floored[key] += 1
    return {key: Decimal(value) * CENT for key, value in floored.items()}


def compute_costs(
    year: int,
    hours: Iterable[HoursRow],
    rates: Mapping[tuple[str, int], Decimal],
    direct: Iterable[DirectRow],
    in_service: Mapping[int, int],
) -> CostResult:
    """The cost of each task, of each municipality and per candidate in service in ``year``."""
    task_hours: dict[str, Decimal] = defaultdict(lambda: ZERO)
    task_labour: dict[str, Decimal] = defaultdict(lambda: ZERO)
    task_direct: dict[str, Decimal] = defaultdict(lambda: ZERO)
    own: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    regional: dict[str, Decimal] = defaultdict(lambda: ZERO)
    missing: set[str] = set()
    for row in hours:
        if row.year != year:
            continue
        rate = rates.get((row.function, year))
        if rate is None:
            missing.add(row.function)
            rate = ZERO
        cost = row.hours * rate
        task_hours[row.task] += row.hours
        task_labour[row.task] += cost
        if row.municipality is None:
            regional[row.task] += cost
        else:
            own[(row.task, row.municipality)] += cost
    for spent in direct:
        task_direct[spent.task] += spent.amount
        if spent.municipality is None:
            regional[spent.task] += spent.amount
        else:
            own[(spent.task, spent.municipality)] += spent.amount

    municipalities = sorted(set(in_service) | {m for _t, m in own})
    weights = {m: in_service.get(m, 0) for m in municipalities}
    per_task_municipality: dict[tuple[str, int], Decimal] = {}
    for task in sorted(set(regional) | {t for t, _m in own}):
        divided = shares(regional.get(task, ZERO), weights)
        for m in municipalities:
            amount = _cents(own.get((task, m), ZERO)) + divided.get(m, ZERO)
            if amount:
                per_task_municipality[(task, m)] = amount
    tasks = [
        TaskCost(task, task_hours[task], _cents(task_labour[task]), _cents(task_direct[task]))
        for task in sorted(set(task_hours) | set(task_direct))
    ]
    municipal = []
    for m in municipalities:
        own_total = sum((_cents(v) for (_t, mm), v in own.items() if mm == m), ZERO)
        regional_share = (
            sum((v for (t, mm), v in per_task_municipality.items() if mm == m), ZERO) - own_total
        )
        municipal.append(MunicipalCost(m, own_total, regional_share, in_service.get(m, 0)))
    return CostResult(year, tasks, municipal, per_task_municipality, sorted(missing))


# --- checks of what is recorded ------------------------------------------------------------------


def week_hours_error(already: Decimal, adding: Decimal) -> str | None:
    """More than 60 hours in one week for one person is not a real week's work."""
    if adding <= 0:
        return _("Enter a number of hours above 0.")
    if already + adding > MAX_HOURS_PER_WEEK:
        return _(
            "With these hours this person would have %(total)s hours in this week; "
            "at most %(max)s hours a week can be registered."
        ) % {"total": quantity(already + adding), "max": quantity(MAX_HOURS_PER_WEEK)}
    return None


@dataclass(frozen=True)
class Share:
    """A share of an allocated team's time: a task, for a municipality's card item or regional
    (``municipality`` None), in percent."""

    task: str
    municipality: int | None
    percent: Decimal


def allocated_hours(
    *, function: str, year: int, fte: Decimal, hours_per_fte: Decimal, shares: Iterable[Share]
) -> list[HoursRow]:
    """A team's fte turned into hours per task: fte × productive hours per fte × share. They count
    like registered hours, at the function's rate of the year."""
    total = fte * hours_per_fte
    return [
        HoursRow(
            share.task,
            share.municipality,
            function,
            year,
            _cents(total * share.percent / 100),
        )
        for share in shares
    ]


def split_errors(shares: Iterable[Share], card_items: set[str]) -> list[str]:
    """A time split is whole: shares above 0 that add up to exactly 100 %, each task (and
    municipality) once, and a keuzekaart item names the municipality that bought it."""
    shares = list(shares)
    errors = []
    if not shares:
        return [_("Split the team's time over at least one task.")]
    if any(share.percent <= 0 or share.percent > 100 for share in shares):
        errors.append(_("Each share lies above 0 % and at most 100 %."))
    keys = [(share.task, share.municipality) for share in shares]
    if len(set(keys)) != len(keys):
        errors.append(_("Name each task (and municipality) once; add its percentages together."))
    if any(share.task in card_items and share.municipality is None for share in shares):
        errors.append(_("A keuzekaart item is bought by a municipality: choose which."))
    total = sum((share.percent for share in shares), ZERO)
    if total != 100:
        errors.append(
            _("The shares add up to %(total)s %%; together they must be exactly 100 %%.")
            % {"total": quantity(total)}
        )
    return errors


def rate_error(rate: Decimal) -> str | None:
    if rate <= 0:
        return _("An hourly cost rate must be above € 0.")
    return None


# --- scenarios ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioLine:
    task: str
    hours: Decimal
    rate: Decimal  # average cost of an hour on this task
    direct: Decimal = ZERO


@dataclass(frozen=True)
class ScenarioPrice:
    total: Decimal
    reference: Decimal  # the budget the scenario is held against
    lower: Decimal
    upper: Decimal

    @property
    def within(self) -> bool:
        return self.lower <= self.total <= self.upper

    @property
    def difference(self) -> Decimal:
        return self.total - self.reference


def price_scenario(
    lines: Iterable[ScenarioLine], *, index_percent: Decimal, reference: Decimal, margin: Decimal
) -> ScenarioPrice:
    """The cost of a set of tasks for a future year: hours at their rate raised by the wage and
    price index, plus direct costs, against a reference budget with a margin (in %) either way:
    the startnotitie's stable budget within a bandwidth."""
    factor = 1 + index_percent / 100
    total = sum((line.hours * line.rate * factor + line.direct for line in lines), ZERO)
    band = reference * margin / 100
    return ScenarioPrice(
        _cents(total), reference, _cents(reference - band), _cents(reference + band)
    )


def scenario_error(price: ScenarioPrice) -> str | None:
    if price.within:
        return None
    return _(
        "This scenario costs %(total)s, outside the bandwidth of %(lower)s to %(upper)s. "
        "Change the tasks or the hours, or widen the margin."
    ) % {"total": euro(price.total), "lower": euro(price.lower), "upper": euro(price.upper)}
