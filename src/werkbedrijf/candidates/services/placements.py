"""Placements at employers and instruments (training, travel, wage subsidy, ...)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.employers.models import Employer

from .. import policies
from ..models import Candidate, Instrument, InstrumentKind, Placement, Trajectory
from .common import add_to_journey, date_errors


@transaction.atomic
def add_placement(
    *,
    actor,
    trajectory: Trajectory,
    employer: Employer,
    form: str,
    start: date,
    planned_end: date | None,
    hours_per_week,
    with_bbl: bool = False,
    extended: bool = False,
    employment_contract: bool = False,
    wage_value_measurement: bool = False,
) -> Placement:
    if not policy.can_work_on_journey(actor, trajectory):
        raise AccessDenied
    facts = policies.PlacementFacts(
        form,
        start,
        planned_end,
        with_bbl,
        extended,
        employment_contract,
        trajectory.candidate.refugee,
    )
    errors = {k: [v] for k, v in policies.placement_errors(facts).items()}
    for name, message in date_errors(trajectory, start=start).items():
        errors.setdefault(name, message)
    try:
        hours = Decimal(str(hours_per_week))
        if not (0 < hours <= 60):
            raise ValueError
    except (ValueError, ArithmeticError):
        errors["hours_per_week"] = [_("Enter the hours per week (more than 0, at most 60).")]
    if errors:
        raise ValidationError(errors, code="invalid_placement")
    return add_to_journey(
        actor,
        trajectory,
        Placement,
        detail="placement",
        employer=employer,
        form=form,
        start=start,
        planned_end=planned_end,
        hours_per_week=hours,
        with_bbl=with_bbl,
        extended=extended,
        employment_contract=employment_contract,
        wage_value_measurement=wage_value_measurement,
        job_agreement_indication=trajectory.candidate.job_agreement_register,
    )


@transaction.atomic
def add_instrument(
    *,
    actor,
    trajectory: Trajectory,
    kind: str,
    start: date,
    end: date | None = None,
    amount=None,
    distance_km=None,
    wage_value=None,
    **flags,
) -> Instrument:
    if not policy.can_work_on_journey(actor, trajectory):
        raise AccessDenied
    candidate = Candidate.objects.select_for_update().get(pk=trajectory.candidate_id)
    spent = Instrument.objects.filter(
        trajectory__candidate=candidate, kind=InstrumentKind.TRAINING
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    amount = None if amount in (None, "") else Decimal(str(amount))
    distance = None if distance_km in (None, "") else Decimal(str(distance_km))
    wage = None if wage_value in (None, "") else Decimal(str(wage_value))
    facts = policies.InstrumentFacts(
        kind=kind,
        start=start,
        end=end,
        amount=amount,
        distance_km=distance,
        wage_value=wage,
        refugee=candidate.refugee,
        single_parent_child_under_5=candidate.single_parent_child_under_5,
        training_spent_before=spent,
        **flags,
    )
    errors = {k: [v] for k, v in policies.instrument_errors(facts).items()}
    if amount is not None and amount != amount.quantize(Decimal("0.01")):
        errors["amount"] = [_("An amount has at most two decimals.")]
    for name, message in date_errors(trajectory, start=start).items():
        errors.setdefault(name, message)
    if errors:
        raise ValidationError(errors, code="invalid_instrument")
    return add_to_journey(
        actor,
        trajectory,
        Instrument,
        detail="instrument",
        kind=kind,
        start=start,
        end=end,
        amount=amount,
        distance_km=distance,
        wage_value=wage,
        srg_category=policies.SRG_CATEGORY[kind],
        **flags,
    )
