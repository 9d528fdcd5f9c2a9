"""A new DVO version: which adopted versions its period would overlap, and the figures of a card
or budget a DVO administrator types. Plain data, no database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Period:
    """A DVO version's period and the municipalities it has an agreement with."""

    title: str
    start: date
    end: date
    municipality_ids: frozenset[int]


def periods_overlap(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    return a_start <= b_end and b_start <= a_end


def overlapping(new: Period, adopted: list[Period]) -> list[tuple[Period, frozenset[int]]]:
    """The adopted versions whose period overlaps ``new`` for at least one of its
    municipalities, each with the municipalities they share. Two versions for different
    municipalities may run side by side."""
    found = []
    for other in adopted:
        shared = new.municipality_ids & other.municipality_ids
        if shared and periods_overlap(new.start, new.end, other.start, other.end):
            found.append((other, shared))
    return found


def price_is_valid(price: Decimal | None) -> bool:
    """A price on a card a DVO administrator fills in: above zero. (Empty stays allowed: the
    documents sometimes give none, and the check then reports the amount as unknown.)"""
    return price is None or price > 0


def share_is_valid(share: Decimal | None) -> bool:
    return share is None or Decimal(0) < share <= Decimal(100)
