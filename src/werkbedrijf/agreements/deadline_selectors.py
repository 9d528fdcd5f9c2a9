"""Reads of the cycle's deadlines: the work list of what is due for a user, and every step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.http import Http404

from werkbedrijf.access import policy

from .models import CycleStep
from .policies import deadlines


@dataclass(frozen=True)
class StepRow:
    step: CycleStep
    state: str  # deadlines.DONE, OVERDUE, DUE or UPCOMING
    days_left: int  # negative when overdue

    @property
    def overdue(self) -> bool:
        return self.state == deadlines.OVERDUE


# The work list looks a month ahead, or further for a step reminded earlier than that.
HORIZON_DAYS = 31


def _window(step: CycleStep) -> int:
    reminded = (
        step.remind_days_before
        if step.remind_days_before is not None
        else int(settings.DVO_REMINDER_DAYS)
    )
    return max(reminded, HORIZON_DAYS)


def _row(step: CycleStep, today: date) -> StepRow:
    return StepRow(
        step=step,
        state=deadlines.step_state(step.due_on, step.done_on, today, _window(step)),
        days_left=(step.due_on - today).days,
    )


def _steps():
    return CycleStep.objects.select_related(
        "agreement",
        "actor_organisation",
        "depends_on",
        "municipal_agreement__municipality",
        "opinion",
    ).order_by("due_on", "id")


def due_steps(user, today: date) -> list[StepRow]:
    """What ``user`` must act on: the open steps for their role at their organisation that are
    overdue or due within a month (or their longer reminder window), earliest deadline first."""
    steps = policy.steps_to_act_on_scope(user, _steps().filter(done_on__isnull=True))
    rows = [_row(step, today) for step in steps]
    return [r for r in rows if r.state in (deadlines.OVERDUE, deadlines.DUE)]


def cycle_steps(user, today: date, agreement=None) -> list[StepRow]:
    """Every step of the cycle the user may see (of one DVO version when given)."""
    steps = policy.cycle_step_scope(user, _steps())
    if agreement is not None:
        steps = steps.filter(agreement=agreement)
    return [_row(step, today) for step in steps]


def get_step(user, uuid) -> CycleStep:
    try:
        return policy.cycle_step_scope(user, _steps()).get(uuid=uuid)
    except (CycleStep.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def step_row(user, uuid, today: date) -> StepRow:
    """One step the user may see, with where it stands today."""
    return _row(get_step(user, uuid), today)
