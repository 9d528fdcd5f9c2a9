"""The arithmetic of delivery per quarter, over plain data: which kind of delivery a local choice
has, what was bought of it in a quarter, how much a period covers of a quarter, and when delivery
runs behind."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from werkbedrijf.utils.dates import quarter_bounds

QUARTERS = (1, 2, 3, 4)
WEEKS_PER_QUARTER = 13  # a dagdeel "per week" bought for a whole quarter is 13 half-days
# Delivery runs behind when the forecast for a quarter stays under this share of what was bought:
# a location staffed from the second day of a quarter is not behind, one staffed half of it is.
BEHIND_SHARE = Decimal("0.9")
TWO_PLACES = Decimal("0.01")


class DeliveryKind(StrEnum):
    """How a local choice is delivered, and so which records count for it."""

    HALF_DAYS = "half_days"  # item 1: half-days of job mediation on location
    TEAM_PRESENCE = "team_presence"  # item 2: a worker at a Buurtteam, per location
    COACHING = "coaching"  # item 7: participatiecoaching in fte
    ACTIVITIES = "activities"  # items 3-5: activities charged to the choice (candidates app)
    MARKET = "market"  # item 6: employer contacts and events (employers app)
    NOTES = "notes"  # a choice off the card, meerwerk: milestones and periodic notes


# Keuzekaart unit kinds (agreements.models.UnitKind) and the delivery that counts for them.
UNIT_DELIVERY = {
    "half_day_per_week": DeliveryKind.HALF_DAYS,
    "location": DeliveryKind.TEAM_PRESENCE,
    "fte": DeliveryKind.COACHING,
    "candidates": DeliveryKind.ACTIVITIES,
    "trajectories": DeliveryKind.ACTIVITIES,
    "contacts_or_event": DeliveryKind.MARKET,
    "contacts": DeliveryKind.MARKET,
    "event": DeliveryKind.MARKET,
}
# A choice off the card is delivered by its unit as written ("fte", "dagdelen", "locaties") or,
# for participatiecoaching, by its kind of activity; anything else by delivery notes.
CUSTOM_UNIT_DELIVERY = {
    "fte": DeliveryKind.COACHING,
    "dagdeel": DeliveryKind.HALF_DAYS,
    "dagdelen": DeliveryKind.HALF_DAYS,
    "locatie": DeliveryKind.TEAM_PRESENCE,
    "locaties": DeliveryKind.TEAM_PRESENCE,
}
# The kinds that show a municipality's local presence (council wish 1 of Nijmegen, 2025).
PRESENCE_KINDS = (DeliveryKind.HALF_DAYS, DeliveryKind.TEAM_PRESENCE, DeliveryKind.COACHING)


def delivery_kind(unit_kind: str | None, custom_unit: str = "", activity_kind: str = "") -> str:
    """The kind of delivery of a choice: by the card's unit, or for a choice off the card
    (``unit_kind`` None) by its unit as written or its kind of activity."""
    if unit_kind:
        return UNIT_DELIVERY.get(unit_kind, DeliveryKind.ACTIVITIES)
    unit = custom_unit.strip().lower()
    if unit in CUSTOM_UNIT_DELIVERY:
        return CUSTOM_UNIT_DELIVERY[unit]
    if activity_kind == "participation_coaching":
        return DeliveryKind.COACHING
    return DeliveryKind.NOTES


def overlap_days(start: date, end: date | None, first: date, last: date) -> int:
    """Days of ``start``..``end`` (open when ``end`` is None) within ``first``..``last``."""
    lo = max(start, first)
    hi = last if end is None else min(end, last)
    return max(0, (hi - lo).days + 1)


def share_of_quarter(
    year: int, quarter: int, period: tuple[date, date] | None, until: date | None = None
) -> Decimal:
    """The share of the quarter's days inside ``period`` (and up to ``until``), 0 to 1."""
    if period is None:
        return Decimal(0)
    first, last = quarter_bounds(year, quarter)
    if until is not None:
        last = min(last, until)
        if last < first:
            return Decimal(0)
    days = (quarter_bounds(year, quarter)[1] - first).days + 1
    return Decimal(overlap_days(period[0], period[1], first, last)) / Decimal(days)


def bought_in_quarter(kind: str, quantity: Decimal | None, share: Decimal) -> Decimal | None:
    """What a choice buys of a quarter that lies ``share`` inside the agreement.

    Half-days are bought per week (13 a quarter per dagdeel); locations and fte are a level held
    through the quarter; the rest is bought per year, a quarter of it per quarter. None when the
    choice names no quantity."""
    if quantity is None:
        return None
    if kind == DeliveryKind.HALF_DAYS:
        value = quantity * WEEKS_PER_QUARTER * share
    elif kind in (DeliveryKind.TEAM_PRESENCE, DeliveryKind.COACHING):
        value = quantity * share
    else:
        value = quantity / 4 * share
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def covered(
    periods: Iterable[tuple[date, date | None, Decimal]],
    year: int,
    quarter: int,
    until: date | None = None,
) -> Decimal:
    """The weighted share of a quarter that periods cover: each (start, end, weight) adds its
    weight (fte, or 1 for a location) times the share of the quarter's days it covers."""
    first, last = quarter_bounds(year, quarter)
    days = Decimal((last - first).days + 1)
    if until is not None:
        last = min(last, until)
    total = Decimal(0)
    for start, end, weight in periods:
        if last >= first:
            total += weight * Decimal(overlap_days(start, end, first, last)) / days
    return total.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def presence_by_location(
    periods: Iterable[tuple[str, date, date | None]],
    year: int,
    quarter: int,
    until: date | None = None,
) -> Decimal:
    """Locations staffed in a quarter: per location the share of its days with someone present
    (two workers on one location count once), summed over the locations."""
    first, last = quarter_bounds(year, quarter)
    days = (last - first).days + 1
    if until is not None:
        last = min(last, until)
    staffed: dict[str, set[date]] = {}
    for location, start, end in periods:
        lo = max(start, first)
        hi = last if end is None else min(end, last)
        dates = staffed.setdefault(location.strip().lower(), set())
        dates.update(lo + timedelta(days=n) for n in range((hi - lo).days + 1))
    total = sum((Decimal(len(dates)) / Decimal(days) for dates in staffed.values()), Decimal(0))
    return total.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def runs_behind(bought: Decimal | None, forecast: Decimal, quarter_started: bool) -> bool:
    """A started quarter whose forecast stays under ``BEHIND_SHARE`` of what was bought. A
    choice without a quantity (a note-based choice) runs behind when a started quarter has no
    note at all."""
    if not quarter_started:
        return False
    if bought is None:
        return forecast <= 0
    return bought > 0 and forecast < bought * BEHIND_SHARE


def in_period(day: date, start: date, end: date | None) -> bool:
    return start <= day and (end is None or day <= end)
