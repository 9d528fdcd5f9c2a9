"""Activities, and the units of a local choice they are charged to."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.agreements.models import LocalChoice
from werkbedrijf.processing_log.models import Action

from .. import policies
from ..models import Activity, ActivityKind, ActivityStatus, Trajectory
from .common import add_to_journey, date_errors, log_change


def units_bought(choice: LocalChoice, period_start: date, period_end: date) -> Decimal:
    """Units a municipality bought with a choice, prorated to the part of the year delivered
    under the agreement (2024: half)."""
    from werkbedrijf.agreements.policies import delivery_fraction

    if choice.quantity is None:
        return Decimal(0)
    return (choice.quantity * delivery_fraction(choice.year, period_start, period_end)).quantize(
        Decimal("0.01")
    )


def units_used(choice: LocalChoice) -> Decimal:
    return Activity.objects.filter(charged_to=choice).exclude(
        status=ActivityStatus.STOPPED
    ).aggregate(total=Sum("units"))["total"] or Decimal(0)


@transaction.atomic
def add_activity(
    *,
    actor,
    trajectory: Trajectory,
    kind: str,
    start: date,
    name: str = "",
    end: date | None = None,
    charge_to: LocalChoice | None = None,
    units: Decimal = Decimal(1),
) -> tuple[Activity, str | None]:
    """Plan an activity; one bought as a local choice is charged to that municipality's units for
    that year. Returns the activity and a warning when the units are running out."""
    if not policy.can_work_on_journey(actor, trajectory):
        raise AccessDenied
    from ..policies import age_on

    if (
        kind == ActivityKind.MULTI_PROBLEM_27
        and age_on(trajectory.candidate.date_of_birth, start) < 27
    ):
        raise ValidationError(
            {
                "kind": _(
                    "Intensieve begeleiding multiproblematiek is only for "
                    "candidates of 27 and older."
                )
            },
            code="too_young",
        )
    errors = date_errors(trajectory, start=start, end=end)
    warning = None
    if charge_to is not None:
        charge_to = (
            LocalChoice.objects.select_for_update()
            .select_related("municipal_agreement__agreement")
            .get(pk=charge_to.pk)
        )
        ma = charge_to.municipal_agreement
        refused = policies.charge_error(
            kind=kind,
            service_code=charge_to.service.code if charge_to.service is not None else "",
            choice_municipality_id=ma.municipality_id,
            municipality_id=trajectory.municipality_id,
        )
        if refused:
            errors["charge_to"] = [refused]
        if errors:
            raise ValidationError(errors, code="invalid_activity")
        if ma.municipality_id != trajectory.municipality_id or charge_to.year != start.year:
            raise ValidationError(
                {
                    "charge_to": _("The municipality did not buy this for %(year)s.")
                    % {"year": start.year}
                },
                code="not_bought",
            )
        agreement = ma.agreement
        bought = units_bought(charge_to, agreement.period_start, agreement.period_end)
        used = units_used(charge_to)
        if used + units > bought:
            raise ValidationError(
                {
                    "charge_to": _("The purchased units are used up: %(used)s of %(bought)s.")
                    % {"used": used, "bought": bought}
                },
                code="units_exhausted",
            )
        warning = policies.units_warning(bought, used, units)
    if errors:
        raise ValidationError(errors, code="invalid_activity")
    activity = add_to_journey(
        actor,
        trajectory,
        Activity,
        detail="activity",
        kind=kind,
        name=name,
        start=start,
        end=end,
        charged_to=charge_to,
        units=units,
    )
    return activity, warning


@transaction.atomic
def update_activity_status(
    *, actor, activity: Activity, status: str, end: date | None = None
) -> Activity:
    """Start, complete or stop an activity. A completed activity counts as delivered against the
    local choice it is charged to; a stopped one no longer uses its units."""
    activity = Activity.objects.select_for_update().select_related("trajectory").get(pk=activity.pk)
    if not policy.can_work_on_journey(actor, activity.trajectory):
        raise AccessDenied
    if status not in ActivityStatus.values:
        raise ValidationError({"status": _("Choose a status.")}, code="invalid")
    if activity.status in (ActivityStatus.COMPLETED, ActivityStatus.STOPPED):
        raise ValidationError(
            {"status": _("This activity has already ended.")}, code="activity_closed"
        )
    if status in (ActivityStatus.COMPLETED, ActivityStatus.STOPPED):
        # Ended today, or on the trajectory's last day when it closed before.
        last_day = activity.trajectory.closed_on or timezone.localdate()
        end = end or activity.end or min(timezone.localdate(), last_day)
    if end is not None and end < activity.start:
        raise ValidationError({"end": _("The end is before the start.")}, code="invalid")
    if end is not None:
        errors = date_errors(activity.trajectory, end=end)
        if errors:
            raise ValidationError(errors, code="invalid_activity")
    activity.status = status
    if end is not None:
        activity.end = end
    activity.save(update_fields=["status", "end"])
    log_change(actor, Action.UPDATE, [activity.trajectory], detail="activity-status")
    return activity
