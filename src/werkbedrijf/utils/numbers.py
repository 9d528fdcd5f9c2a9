"""Numbers written the Dutch way, whatever the interface language, as the agreements write them:
€ 1.500.000, € 127.500,50, 0,8 fte. Used by the budget check's messages and by the screens."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

CENT = Decimal("0.01")


def as_decimal(value) -> Decimal | None:
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
    number = as_decimal(value)
    if number is None:
        return _("unknown")
    number = number.quantize(CENT, ROUND_HALF_UP)
    places = 0 if number == number.to_integral_value() else 2
    return "€ " + _grouped(number, places)


def points(value) -> str:
    number = as_decimal(value)
    if number is None:
        return _("unknown")
    return _("%(n)s points") % {"n": quantity(number)}


def amount(value, price_unit: str = "eur") -> str:
    """An amount in a card's price unit: euros, or points ('pepers') for the 2021-2022 card."""
    return points(value) if price_unit == "points" else euro(value)


def quantity(value) -> str:
    """18.00 -> '18'; 0.80 -> '0,8'; 1500 -> '1.500'."""
    number = as_decimal(value)
    if number is None:
        return ""
    number = number.normalize()
    places = max(0, -number.as_tuple().exponent)
    return _grouped(number, places)
