"""The cycle of a DVO version: its steps, where it stands today, and when choices may change."""

from __future__ import annotations

from datetime import date

DRAFT, OPINIONS_REQUESTED, ADOPTED = "draft", "opinions_requested", "adopted"
IN_FORCE, EXPIRED, TACITLY_EXTENDED, NOT_YET_IN_FORCE = (
    "in_force",
    "expired",
    "tacitly_extended",
    "not_yet_in_force",
)

ALLOWED_TRANSITIONS = {
    DRAFT: {OPINIONS_REQUESTED},
    OPINIONS_REQUESTED: {DRAFT, ADOPTED},
    ADOPTED: set(),
}


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, set())


def effective_status(
    status: str,
    period_start: date,
    period_end: date,
    today: date,
    successor_adopted_on: date | None,
    successor_start: date | None,
) -> str:
    """Where an agreement stands today. An adopted agreement is in force during its period; after
    it, it expires when a successor is in force, and is otherwise extended tacitly (art. 16.1)."""
    if status != ADOPTED:
        return status
    if today < period_start:
        return NOT_YET_IN_FORCE
    if today <= period_end:
        return IN_FORCE
    if (
        successor_adopted_on is not None
        and successor_start is not None
        and successor_start <= today
    ):
        return EXPIRED
    return TACITLY_EXTENDED


def may_edit_choices(status: str) -> bool:
    """Choices are composed while the agreement is a draft or out for opinions; afterwards only a
    recorded mid-term change (art. 16.3) alters them."""
    return status in {DRAFT, OPINIONS_REQUESTED}


def year_in_force(
    year: int, adopted: list[tuple[date, date]], today: date
) -> tuple[int, int] | None:
    """Which adopted agreement holds a municipality's choices for ``year``, and which of its years:
    ``(index into adopted, source year)``, or None when none does.

    An agreement whose period touches the year holds that year's own choices (the newest one when
    two touch it). Otherwise the latest agreement that ended before the year is extended tacitly
    into it (art. 16.1) and its last year's choices and budget carry over; only up to the present
    year, since whether a future year will still be extended is not yet known."""
    covering = [i for i, (start, end) in enumerate(adopted) if start.year <= year <= end.year]
    if covering:
        return max(covering, key=lambda i: adopted[i][0]), year
    if year > today.year:
        return None
    ended = [i for i, (_start, end) in enumerate(adopted) if end.year < year]
    if not ended:
        return None
    latest = max(ended, key=lambda i: adopted[i][1])
    return latest, adopted[latest][1].year
