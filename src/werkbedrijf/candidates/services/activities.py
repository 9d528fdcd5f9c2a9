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
from werkbedrijf.agreements.selectors import in_force
from werkbedrijf.processing_log.models import Action

from .. import policies
from ..models import Activity, ActivityKind, ActivityStatus, Trajectory
from .common import add_to_journey, date_errors, log_change


def units_bought(
    choice: LocalChoice, period_start: date, period_end: date, year: int | None = None
) -> Decimal:
    """Units a municipality bought with a choice for ``year`` (default the choice's own), prorated
    to the part of the year delivered under the agreement (2024: half); a year the choice is
    carried into by tacit extension (art. 16.1) gets the whole yearly quantity."""
    from werkbedrijf.agreements.policies import fraction_in_force

    if choice.quantity is None:
        return Decimal(0)
    fraction = fraction_in_force(year or choice.year, choice.year, period_start, period_end)
    return (choice.quantity * fraction).quantize(Decimal("0.01"))


def units_used(choice: LocalChoice, year: int | None = None) -> Decimal:
    """Units of a choice used by activities starting in ``year`` (default the choice's own): a
    choice carried into an extension year has that year's units apart from its own year's."""
    return Activity.objects.filter(charged_to=choice, start__year=year or choice.year).exclude(
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
            declared_kind=charge_to.activity_kind,
        )
        if refused:
            errors["charge_to"] = [refused]
        if errors:
            raise ValidationError(errors, code="invalid_activity")
        bought_for_year = in_force(trajectory.municipality_id, start.year).choices(on=start)
        if not bought_for_year.filter(pk=charge_to.pk).exists():
            raise ValidationError(
                {
                    "charge_to": _("The municipality did not buy this for %(year)s.")
                    % {"year": start.year}
                },
                code="not_bought",
            )
        agreement = ma.agreement
        bought = units_bought(charge_to, agreement.period_start, agreement.period_end, start.year)
        used = units_used(charge_to, start.year)
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
