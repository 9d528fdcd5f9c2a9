"""Two versions of a municipality's choices side by side: what was added, dropped or changed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

ADDED, DROPPED, CHANGED, SAME = "added", "dropped", "changed", "same"


@dataclass(frozen=True)
class Item:
    label: str
    quantity: Decimal | None
    unit: str
    amount: Decimal | None


@dataclass(frozen=True)
class Difference:
    status: str
    label: str
    old: Item | None
    new: Item | None


def key(label: str) -> str:
    """The same service under two spellings ('Maatwerk-interventies', 'Maatwerkinterventies')."""
    return re.sub(r"[^0-9a-z]", "", label.lower())


def _merged(items: list[Item]) -> dict[str, Item]:
    """Lines of the same service taken together (a card service bought in two lines)."""
    merged: dict[str, Item] = {}
    for item in items:
        k = key(item.label)
        if k in merged:
            before = merged[k]
            quantity = (
                before.quantity + item.quantity
                if before.quantity is not None and item.quantity is not None
                else before.quantity or item.quantity
            )
            amount = (
                before.amount + item.amount
                if before.amount is not None and item.amount is not None
                else before.amount or item.amount
            )
            merged[k] = Item(before.label, quantity, before.unit, amount)
        else:
            merged[k] = item
    return merged


def compare(old: list[Item], new: list[Item]) -> list[Difference]:
    """Every service of either list once: in the new order first, then what was dropped."""
    before, after = _merged(old), _merged(new)
    out = []
    for k, item in after.items():
        if k not in before:
            out.append(Difference(ADDED, item.label, None, item))
            continue
        was = before[k]
        same = was.quantity == item.quantity and was.amount == item.amount
        out.append(Difference(SAME if same else CHANGED, item.label, was, item))
    for k, was in before.items():
        if k not in after:
            out.append(Difference(DROPPED, was.label, was, None))
    return out
