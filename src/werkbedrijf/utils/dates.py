"""Calendar quarters: the one place that knows which months make up a quarter."""

from __future__ import annotations

from datetime import date, timedelta


def quarter_of(day: date) -> int:
    """1 to 4: the calendar quarter ``day`` falls in."""
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """The first and the last day of a calendar quarter; a quarter outside 1-4 is a ValueError."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(quarter)
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - timedelta(days=1)
    return start, end
