"""How the screens write amounts, quantities and statuses: € 1.500.000, 0,8 fte, 31-12-2025.

Amounts are written the Dutch way whatever the interface language, as the agreements themselves are.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbedrijf.agreements import policies
from werkbedrijf.agreements.models import AgreementStatus

CENT = Decimal("0.01")


def _as_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


def _grouped(number: Decimal, places: int) -> str:
    whole, _sep, fraction = f"{abs(number):.{places}f}".partition(".")
    text = f"{int(whole):,}".replace(",", ".")
    if places:
        text += "," + fraction
    return ("-" if number < 0 else "") + text


def euro(value) -> str:
    """1500000 -> '€ 1.500.000'; 127500.50 -> '€ 127.500,50'; None -> 'unknown'."""
    number = _as_decimal(value)
    if number is None:
        return _("unknown")
    number = number.quantize(CENT, ROUND_HALF_UP)
    places = 0 if number == number.to_integral_value() else 2
    return "€ " + _grouped(number, places)


def points(value) -> str:
    number = _as_decimal(value)
    if number is None:
        return _("unknown")
    return _("%(n)s points") % {"n": quantity(number)}


def amount(value, price_unit: str = "eur") -> str:
    """An amount in a card's price unit: euros, or points ('pepers') for the 2021-2022 card."""
    return points(value) if price_unit == "points" else euro(value)


def quantity(value) -> str:
    """18.00 -> '18'; 0.80 -> '0,8'; 1500 -> '1.500'."""
    number = _as_decimal(value)
    if number is None:
        return ""
    number = number.normalize()
    places = max(0, -number.as_tuple().exponent)
    return _grouped(number, places)


def input_number(value, *, amount: bool) -> str:
    """A stored number as it goes back into an input: no grouping, no trailing zeros."""
    number = _as_decimal(value)
    if number is None:
        return ""
    if amount:  # whole euros, or euros and two cents, with a decimal comma
        places = 0 if number == number.to_integral_value() else 2
        return f"{number:.{places}f}".replace(".", ",")
    text = f"{number.normalize():f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


EFFECTIVE_STATUS_LABELS = {
    policies.DRAFT: AgreementStatus.DRAFT.label,
    policies.OPINIONS_REQUESTED: AgreementStatus.OPINIONS_REQUESTED.label,
    policies.NOT_YET_IN_FORCE: gettext_lazy("Adopted, not yet in force"),
    policies.IN_FORCE: gettext_lazy("In force"),
    policies.TACITLY_EXTENDED: gettext_lazy("Tacitly extended (art. 16.1)"),
    policies.EXPIRED: gettext_lazy("Expired"),
}

# The colour of a status badge; the text always says the status too.
EFFECTIVE_STATUS_TONES = {
    policies.DRAFT: "neutral",
    policies.OPINIONS_REQUESTED: "warning",
    policies.NOT_YET_IN_FORCE: "active",
    policies.IN_FORCE: "success",
    policies.TACITLY_EXTENDED: "warning",
    policies.EXPIRED: "inactive",
}

SEVERITY_LABELS = {
    policies.Severity.ERROR: gettext_lazy("Not allowed"),
    policies.Severity.ACCEPTANCE: gettext_lazy("Needs acceptance"),
    policies.Severity.INFO: gettext_lazy("For information"),
}

SEVERITY_TONES = {
    policies.Severity.ERROR: "danger",
    policies.Severity.ACCEPTANCE: "warning",
    policies.Severity.INFO: "neutral",
}


def effective_status_label(code: str) -> str:
    return str(EFFECTIVE_STATUS_LABELS.get(code, code))
