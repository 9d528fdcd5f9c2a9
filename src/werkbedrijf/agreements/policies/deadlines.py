"""Deadlines of the cycle: the order of steps, where a step stands on a day, when to remind."""

from __future__ import annotations

from datetime import date, timedelta

from werkbedrijf.utils.dates import quarter_bounds

DONE, OVERDUE, DUE, UPCOMING = "done", "overdue", "due", "upcoming"


def deadline_before_dependency(due_on: date | None, depends_on_due: date | None) -> bool:
    """A step cannot be due before the step it follows is due."""
    return due_on is not None and depends_on_due is not None and due_on < depends_on_due


def step_state(due_on: date, done_on: date | None, today: date, window_days: int) -> str:
    """Done; overdue (past its deadline, not done); due (the deadline lies within the window);
    or upcoming."""
    if done_on is not None:
        return DONE
    if today > due_on:
        return OVERDUE
    if today >= due_on - timedelta(days=window_days):
        return DUE
    return UPCOMING


def reminder_due(due_on: date, done_on: date | None, today: date, days_before: int) -> bool:
    """A reminder goes out from ``days_before`` days before the deadline, also when the deadline
    has passed, as long as the step is not done (whether one went out already is the caller's)."""
    return done_on is None and today >= due_on - timedelta(days=max(days_before, 0))


def quarter_end(year: int, quarter: int) -> date:
    """The last day of a quarter: a promise 'in the fourth quarter of 2026' is due 31-12-2026."""
    return quarter_bounds(year, quarter)[1]
