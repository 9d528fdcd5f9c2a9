"""Proration: the share of a year's choice delivered under an agreement."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import ROUND_HALF_UP, Decimal


def delivery_fraction(year: int, period_start: date, period_end: date) -> Decimal:
    """Share of a year's choice delivered under the agreement, by days covered.

    The 2024-2025 DVO started on 1 July 2024, so half of each 2024 choice is delivered in 2024
    (whole months count as twelfths, so a half year is exactly 1/2).
    """
    first = max(period_start, date(year, 1, 1))
    last = min(period_end, date(year, 12, 31))
    if last < first:
        return Decimal(0)
    months = Decimal(0)
    for month in range(first.month, last.month + 1):
        days_in_month = calendar.monthrange(year, month)[1]
        start_day = first.day if month == first.month else 1
        end_day = last.day if month == last.month else days_in_month
        months += Decimal(end_day - start_day + 1) / Decimal(days_in_month)
    return (months / 12).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def fraction_in_force(year: int, source_year: int, period_start: date, period_end: date) -> Decimal:
    """Share of a choice delivered in ``year`` when it holds there as ``source_year``'s choice: its
    own year is prorated to the agreement's period; a year it is carried into by tacit extension
    (art. 16.1) is a whole year, so the last year's yearly quantity applies in full."""
    if year != source_year:
        return Decimal(1)
    return delivery_fraction(year, period_start, period_end)
