"""The bias monitor's arithmetic: per focus group, municipality and quarter the share of the active
population, of the proposals, of the introductions and of the placements, with a warning where a
group's share of the proposals falls below four fifths of its share of the population. Pure.

Here, and only here, the focus groups are used: to watch the outcomes of the matching, never as an
input to it. Counts below five are shown as "< 5" and no share or warning is derived from them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from werkbedrijf.utils import dates

FOUR_FIFTHS = 0.8
SMALL = 5
GROUPS = ("under_27", "over_55", "refugee", "job_agreement_register")


def group_labels() -> dict[str, str]:
    return {
        "under_27": _("Young person under 27"),
        "over_55": _("Over 55"),
        "refugee": _("Statushouder"),
        "job_agreement_register": _("Job-agreement register"),
    }


@dataclass(frozen=True)
class Person:
    """One candidate of the active population in a quarter, and what happened to them."""

    municipality: str
    groups: frozenset[str]
    proposed: bool
    introduced: bool
    placed: bool


@dataclass(frozen=True)
class Cell:
    count: int
    share: float | None  # of the whole column, None when the count is small or the total zero

    @property
    def shown(self) -> str:
        return "< 5" if 0 < self.count < SMALL else str(self.count)

    @property
    def shown_share(self) -> str:
        return "–" if self.share is None else f"{self.share * 100:.0f}%".replace(".", ",")


@dataclass(frozen=True)
class Row:
    municipality: str
    group: str
    label: str
    population: Cell
    proposals: Cell
    introductions: Cell
    placements: Cell
    warning: bool
    too_small: bool


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, dates.quarter_of(day)


def _cell(count: int, total: int) -> Cell:
    if count < SMALL or total == 0:
        return Cell(count, None)
    return Cell(count, count / total)


def monitor(people: Iterable[Person]) -> list[Row]:
    """Rows per municipality (and "" for the region) and focus group."""
    people = list(people)
    labels = group_labels()
    municipalities = sorted({p.municipality for p in people})
    rows = []
    for municipality in ["", *municipalities]:
        scope = [p for p in people if not municipality or p.municipality == municipality]
        totals = {
            "population": len(scope),
            "proposals": sum(p.proposed for p in scope),
            "introductions": sum(p.introduced for p in scope),
            "placements": sum(p.placed for p in scope),
        }
        for group in GROUPS:
            members = [p for p in scope if group in p.groups]
            counts = {
                "population": len(members),
                "proposals": sum(p.proposed for p in members),
                "introductions": sum(p.introduced for p in members),
                "placements": sum(p.placed for p in members),
            }
            cells = {k: _cell(counts[k], totals[k]) for k in counts}
            too_small = counts["population"] < SMALL or totals["proposals"] < SMALL
            warning = (
                not too_small
                and counts["proposals"] / totals["proposals"]
                < FOUR_FIFTHS * counts["population"] / totals["population"]
            )
            rows.append(
                Row(
                    municipality,
                    group,
                    labels[group],
                    cells["population"],
                    cells["proposals"],
                    cells["introductions"],
                    cells["placements"],
                    warning,
                    too_small,
                )
            )
    return rows
