"""The budget check and the validation of one line: one small function per kind of finding."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .data import (
    CENT,
    CardTerms,
    ChoiceLine,
    Finding,
    Kind,
    ServiceTerms,
    Severity,
    YearCheck,
    format_amount,
    format_quantity,
)

# --- validation of one line (refused at input) -------------------------------------------
# One function per kind of finding, each about one line; ``line_errors`` collects them.


def non_positive_quantity(line: ChoiceLine, year: int) -> list[Finding]:
    if line.quantity is None or line.quantity > 0:
        return []
    return [
        Finding(
            Kind.NON_POSITIVE_QUANTITY,
            Severity.ERROR,
            _("%(label)s: the quantity must be greater than zero.") % {"label": line.label},
            line.key,
        )
    ]


def fraction_not_allowed(line: ChoiceLine, year: int) -> list[Finding]:
    quantity, service = line.quantity, line.service
    if (
        service is None
        or quantity is None
        or service.allows_fractions
        or quantity == quantity.to_integral_value()
    ):
        return []
    return [
        Finding(
            Kind.FRACTION_NOT_ALLOWED,
            Severity.ERROR,
            _("%(label)s: only whole numbers of %(unit)s can be bought, not %(quantity)s.")
            % {
                "label": line.label,
                "unit": service.quantity_label or _("units"),
                "quantity": format_quantity(quantity),
            },
            line.key,
        )
    ]


def not_available(line: ChoiceLine, year: int) -> list[Finding]:
    if line.service is None or line.service.available_in(year):
        return []
    return [
        Finding(
            Kind.NOT_AVAILABLE,
            Severity.ERROR,
            _("%(label)s is not available on the keuzekaart in %(year)s.")
            % {"label": line.label, "year": year},
            line.key,
        )
    ]


LINE_ERRORS = (non_positive_quantity, fraction_not_allowed, not_available)


def line_errors(line: ChoiceLine, year: int) -> list[Finding]:
    """What makes a line impossible, whatever the rest of the card: refused when entered."""
    return [finding for check in LINE_ERRORS for finding in check(line, year)]


# --- the budget check ----------------------------------------------------------------------
# One function per kind of finding: about one line (given the card's terms), about the card as a
# whole, or about the total against the budget. ``check_year`` collects them in that order.


def card_value(line: ChoiceLine) -> Decimal | None:
    """What the line costs at the card price; None when that cannot be known."""
    service, quantity = line.service, line.quantity
    return service.catalogue_value(quantity) if service and quantity else None


def not_on_card(line: ChoiceLine, card: CardTerms) -> list[Finding]:
    if line.service is not None:
        return []
    return [
        Finding(
            Kind.NOT_ON_CARD,
            Severity.ACCEPTANCE,
            _("%(label)s is not on the keuzekaart.") % {"label": line.label},
            line.key,
            actual=line.agreed_amount,
        )
    ]


def amount_unknown(line: ChoiceLine, card: CardTerms) -> list[Finding]:
    if line.agreed_amount is not None:
        return []
    value = card_value(line)
    hint = (
        (
            _(" At the card price it would be %(value)s.")
            % {"value": format_amount(value, card.price_unit)}
        )
        if value is not None
        else ""
    )
    return [
        Finding(
            Kind.AMOUNT_UNKNOWN,
            Severity.INFO,
            _("%(label)s: the agreement names no amount.") % {"label": line.label} + hint,
            line.key,
            expected=value,
        )
    ]


def price_unknown(line: ChoiceLine, card: CardTerms) -> list[Finding]:
    if line.service is None or line.service.price is not None:
        return []
    return [
        Finding(
            Kind.PRICE_UNKNOWN,
            Severity.INFO,
            _("%(label)s: the keuzekaart gives no price.") % {"label": line.label},
            line.key,
        )
    ]


def price_deviation(line: ChoiceLine, card: CardTerms) -> list[Finding]:
    agreed, value, unit = line.agreed_amount, card_value(line), card.price_unit
    if value is None or agreed is None or line.quantity is None or agreed == value:
        return []
    return [
        Finding(
            Kind.PRICE_DEVIATION,
            Severity.ACCEPTANCE,
            _(
                "%(label)s: agreed %(agreed)s, while %(quantity)s × the card price is %(value)s "
                "(difference %(diff)s)."
            )
            % {
                "label": line.label,
                "agreed": format_amount(agreed, unit),
                "quantity": format_quantity(line.quantity),
                "value": format_amount(value, unit),
                "diff": format_amount(agreed - value, unit),
            },
            line.key,
            expected=value,
            actual=agreed,
        )
    ]


def _bought(line: ChoiceLine) -> tuple[ServiceTerms, Decimal] | None:
    """The card service and the quantity bought, where they can be held against its minimum and
    maximum; None for a named choice or no quantity."""
    if line.service is None or line.quantity is None or line.quantity <= 0:
        return None
    return line.service, line.quantity


def below_minimum(line: ChoiceLine, card: CardTerms) -> list[Finding]:
    """Below the minimum purchase; only for information where the card lets the municipality."""
    bought = _bought(line)
    if bought is None:
        return []
    service, quantity = bought
    minimum = service.minimum_quantity
    if minimum is None or quantity >= minimum:
        return []
    return [
        Finding(
            Kind.BELOW_MINIMUM,
            Severity.INFO if card.reduced_minimum else Severity.ACCEPTANCE,
            _("%(label)s: %(quantity)s is below the minimum purchase of %(minimum)s.")
            % {
                "label": line.label,
                "quantity": format_quantity(quantity),
                "minimum": format_quantity(minimum),
            },
            line.key,
            expected=minimum,
            actual=quantity,
        )
    ]


def above_maximum(line: ChoiceLine, card: CardTerms) -> list[Finding]:
    """Above the maximum purchase, in quantity and in money (the agreed amount, or else the card
    value)."""
    bought = _bought(line)
    if bought is None:
        return []
    (service, quantity), unit = bought, card.price_unit
    found = []
    maximum = service.maximum_quantity
    if maximum is not None and quantity > maximum:
        found.append(
            Finding(
                Kind.ABOVE_MAXIMUM,
                Severity.ACCEPTANCE,
                _("%(label)s: %(quantity)s is above the maximum purchase of %(maximum)s.")
                % {
                    "label": line.label,
                    "quantity": format_quantity(quantity),
                    "maximum": format_quantity(maximum),
                },
                line.key,
                expected=maximum,
                actual=quantity,
            )
        )
    spent = line.agreed_amount if line.agreed_amount is not None else card_value(line)
    if service.maximum_price is not None and spent is not None and spent > service.maximum_price:
        found.append(
            Finding(
                Kind.ABOVE_MAXIMUM,
                Severity.ACCEPTANCE,
                _("%(label)s: %(spent)s is above the maximum of %(maximum)s.")
                % {
                    "label": line.label,
                    "spent": format_amount(spent, unit),
                    "maximum": format_amount(service.maximum_price, unit),
                },
                line.key,
                expected=service.maximum_price,
                actual=spent,
            )
        )
    return found


LINE_CHECKS: tuple[Callable[[ChoiceLine, CardTerms], list[Finding]], ...] = (
    not_on_card,
    amount_unknown,
    price_unknown,
    price_deviation,
    below_minimum,
    above_maximum,
)


def too_many_services(lines: list[ChoiceLine], card: CardTerms) -> list[Finding]:
    distinct_services = {line.service.code for line in lines if line.service} | {
        line.label for line in lines if line.service is None
    }
    if card.max_services is None or len(distinct_services) <= card.max_services:
        return []
    return [
        Finding(
            Kind.TOO_MANY_SERVICES,
            Severity.ACCEPTANCE,
            _("%(n)s services chosen; the card allows at most %(max)s.")
            % {"n": len(distinct_services), "max": card.max_services},
            expected=Decimal(card.max_services),
            actual=Decimal(len(distinct_services)),
        )
    ]


@dataclass(frozen=True)
class Totals:
    """The year's total of the known agreed amounts, and the same with the card value of the
    lines that have no agreed amount."""

    known: Decimal
    at_card_value: Decimal


def totals(lines: list[ChoiceLine]) -> Totals:
    known = Decimal(0)
    at_card_value = Decimal(0)
    for line in lines:
        value = card_value(line)
        if line.agreed_amount is not None:
            known += line.agreed_amount
            at_card_value += line.agreed_amount
        elif value is not None:
            at_card_value += value
    return Totals(known, at_card_value)


# The total against the budget gives at most one of these four findings.


def budget_unknown(year: int, budget: Decimal | None, sums: Totals, unit: str) -> list[Finding]:
    if budget is not None:
        return []
    return [
        Finding(
            Kind.BUDGET_UNKNOWN,
            Severity.INFO,
            _("The budget for %(year)s is not known.") % {"year": year},
        )
    ]


def _over_budget(
    kind: Kind, message: str, year: int, budget: Decimal, total: Decimal, unit: str
) -> Finding:
    """A total over the budget, to be accepted before adoption."""
    figures = {
        "year": year,
        "total": format_amount(total, unit),
        "diff": format_amount(total - budget, unit),
        "budget": format_amount(budget, unit),
    }
    return Finding(kind, Severity.ACCEPTANCE, message % figures, expected=budget, actual=total)


def overrun(year: int, budget: Decimal | None, sums: Totals, unit: str) -> list[Finding]:
    total = sums.known
    if budget is None or total <= budget:
        return []
    message = _("The choices for %(year)s total %(total)s, %(diff)s over the budget of %(budget)s.")
    return [_over_budget(Kind.OVERRUN, message, year, budget, total, unit)]


def possible_overrun(year: int, budget: Decimal | None, sums: Totals, unit: str) -> list[Finding]:
    """Within the budget on the known amounts, over it at the card price of the others."""
    total = sums.at_card_value
    if budget is None or sums.known > budget or total <= budget:
        return []
    message = _(
        "With the card price for choices without an agreed amount, the "
        "total for %(year)s is %(total)s, %(diff)s over the budget of "
        "%(budget)s."
    )
    return [_over_budget(Kind.POSSIBLE_OVERRUN, message, year, budget, total, unit)]


def underspend(year: int, budget: Decimal | None, sums: Totals, unit: str) -> list[Finding]:
    """Budget left over, also at the card price of the lines without an agreed amount."""
    total = sums.known
    if budget is None or sums.at_card_value > budget or total >= budget:
        return []
    return [
        Finding(
            Kind.UNDERSPEND,
            Severity.INFO,
            _("%(diff)s of the budget for %(year)s is not yet allocated.")
            % {"diff": format_amount(budget - total, unit), "year": year},
            expected=budget,
            actual=total,
        )
    ]


BUDGET_CHECKS: tuple[Callable[[int, Decimal | None, Totals, str], list[Finding]], ...] = (
    budget_unknown,
    overrun,
    possible_overrun,
    underspend,
)


EURO_CARD = CardTerms()  # euros, no maximum number of services, no reduced minimum


def check_year(
    year: int, budget: Decimal | None, lines: list[ChoiceLine], card: CardTerms = EURO_CARD
) -> YearCheck:
    """Check one municipality's choices for one year against its budget and the card: per line
    what makes it impossible and what the card says about it, then the card as a whole, then the
    total against the budget."""
    findings: list[Finding] = []
    for line in lines:
        findings.extend(line_errors(line, year))
        for check in LINE_CHECKS:
            findings.extend(check(line, card))
    findings.extend(too_many_services(lines, card))
    sums = totals(lines)
    for budget_check in BUDGET_CHECKS:
        findings.extend(budget_check(year, budget, sums, card.price_unit))
    return YearCheck(year, budget, sums.known, sums.at_card_value, findings)


def effective_budget(
    amount: Decimal | None,
    share_percentage: Decimal | None,
    base_amount: Decimal | None,
    legacy_obligations: Decimal | None,
    points: Decimal | None = None,
    price_unit: str = "eur",
) -> Decimal | None:
    """The amount to check against, in the card's price unit; None when it cannot be known."""
    if price_unit == "points":
        return points
    if amount is not None:
        return amount
    if share_percentage is not None and base_amount is not None:
        share = (base_amount * share_percentage / 100).quantize(CENT, ROUND_HALF_UP)
        return share - (legacy_obligations or Decimal(0))
    return None


# --- amounts at input ------------------------------------------------------------------------


def amount_has_at_most_cents(value: Decimal) -> bool:
    return value == value.quantize(CENT)
