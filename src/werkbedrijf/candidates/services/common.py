"""What the candidate services share: the processing-log entry of a change, and the journey
record that is logged with it. Every change of personal data goes through the processing log."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from django.db.models import Model

from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import REINTEGRATION, log_processing

from .. import policies
from ..models import Trajectory

M = TypeVar("M", bound=Model)


def log_change(actor, action, records, channel="ui", detail=""):
    log_processing(
        actor=actor,
        action=action,
        record_type=records[0]._meta.label if records else "",
        records=records,
        purpose=REINTEGRATION,
        channel=channel,
        detail=detail,
    )


def add_to_journey(actor, trajectory: Trajectory, model: type[M], *, detail: str, **fields) -> M:
    """Create a record of the trajectory's journey (a note, an activity, a placement, ...) and log
    it as a change of the trajectory."""
    record = model._default_manager.create(trajectory=trajectory, **fields)
    log_change(actor, Action.CREATE, [trajectory], detail=detail)
    return record


def date_errors(trajectory: Trajectory, **days: date | None) -> dict[str, list[str]]:
    """The dates given that fall outside the trajectory (before the referral, after its end)."""
    # From the database: the caller's copy may be older than a step that closed the trajectory.
    referred_on, closed_on = Trajectory.objects.values_list("referred_on", "closed_on").get(
        pk=trajectory.pk
    )
    errors = {}
    for name, day in days.items():
        if day is not None:
            error = policies.trajectory_date_error(day, referred_on, closed_on)
            if error:
                errors[name] = [error]
    return errors
