"""The plain data the DVO rules work on: terms of the card, lines, findings; and their formats."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from werkbedrijf.utils import numbers

CENT = Decimal("0.01")


# --- plain data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceTerms:
    code: str
    name: str
    price: Decimal | None  # per bundle, in the card's price unit; None = unknown
    bundle_size: Decimal = Decimal(1)
    allows_fractions: bool = False
    minimum_quantity: Decimal | None = None
    maximum_quantity: Decimal | None = None
    maximum_price: Decimal | None = None
    available_from_year: int | None = None
    available_until_year: int | None = None
    quantity_label: str = ""

    def available_in(self, year: int) -> bool:
        if self.available_from_year and year < self.available_from_year:
            return False
        return not (self.available_until_year and year > self.available_until_year)

    def catalogue_value(self, quantity: Decimal) -> Decimal | None:
        """Quantity × catalogue price: € 30.000 per 10 candidates makes 18 candidates € 54.000."""
        if self.price is None:
            return None
        return (quantity * self.price / self.bundle_size).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class ChoiceLine:
    key: str
    label: str
    service: ServiceTerms | None  # None: not on the card
    quantity: Decimal | None
    agreed_amount: Decimal | None


@dataclass(frozen=True)
class CardTerms:
    price_unit: str = "eur"  # "eur" or "points"
    max_services: int | None = None
    reduced_minimum: bool = False  # this municipality may buy below the minimum


class Severity(StrEnum):
    ERROR = "error"  # not allowed at all; input with it is refused
    ACCEPTANCE = "acceptance"  # allowed in a draft; must be accepted before adoption
    INFO = "info"


class Kind(StrEnum):
    OVERRUN = "overrun"
    POSSIBLE_OVERRUN = "possible_overrun"
    UNDERSPEND = "underspend"
    PRICE_DEVIATION = "price_deviation"
    NOT_ON_CARD = "not_on_card"
    BELOW_MINIMUM = "below_minimum"
    ABOVE_MAXIMUM = "above_maximum"
    FRACTION_NOT_ALLOWED = "fraction_not_allowed"
    NOT_AVAILABLE = "not_available"
    NON_POSITIVE_QUANTITY = "non_positive_quantity"
    TOO_MANY_SERVICES = "too_many_services"
    AMOUNT_UNKNOWN = "amount_unknown"
    PRICE_UNKNOWN = "price_unknown"
    BUDGET_UNKNOWN = "budget_unknown"


@dataclass(frozen=True)
class Finding:
    kind: Kind
    severity: Severity
    message: str
    line_key: str = ""
    expected: Decimal | None = None
    actual: Decimal | None = None

    @property
    def difference(self) -> Decimal | None:
        if self.expected is None or self.actual is None:
            return None
        return self.actual - self.expected

    @property
    def key(self) -> str:
        """Identifies this finding with its figures: a changed figure needs a new acceptance."""
        figures = "" if self.difference is None else f"{self.difference:f}"
        return f"{self.kind}:{self.line_key}:{figures}"


@dataclass
class YearCheck:
    year: int
    budget: Decimal | None
    total: Decimal  # sum of the agreed amounts that are known
    total_at_card_value: Decimal  # known amounts plus card value of lines without an amount
    findings: list[Finding] = field(default_factory=list)

    @property
    def difference(self) -> Decimal | None:
        return None if self.budget is None else self.total - self.budget

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.total > self.budget

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    def needing_acceptance(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ACCEPTANCE]

    def unaccepted(self, accepted_keys: set[str]) -> list[Finding]:
        return [f for f in self.needing_acceptance() if f.key not in accepted_keys]


# --- formatting for messages -------------------------------------------------------------


def format_amount(value: Decimal | None, price_unit: str = "eur") -> str:
    return numbers.amount(value, price_unit)


def format_quantity(value: Decimal) -> str:
    return numbers.quantity(value)
