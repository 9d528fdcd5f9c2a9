"""What users do with the cost figures: register hours, record a direct cost, set an hourly
cost rate. One transaction each; access first; one ValidationError naming every bad field."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.accounts.models import User
from werkbedrijf.organisations.models import Organisation, OrganisationKind
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import STAFF_ADMINISTRATION, log_processing

from . import policies
from .models import CostTask, DirectCost, HourlyRate, StaffFunction, TaskKind, TimeEntry


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _municipality_errors(task: CostTask | None, municipality: Organisation | None) -> list[str]:
    if municipality is not None and municipality.kind != OrganisationKind.MUNICIPALITY:
        return [_("Choose one of the seven municipalities.")]
    if task is not None and task.kind == TaskKind.CARD_ITEM and municipality is None:
        return [_("A keuzekaart item is bought by a municipality: choose which.")]
    return []


@transaction.atomic
def register_hours(
    *,
    actor,
    person: User,
    function: StaffFunction | None,
    week: date,
    task: CostTask | None,
    hours: Decimal,
    municipality: Organisation | None = None,
) -> TimeEntry:
    if not policy.can_register_hours(actor, person):
        raise AccessDenied
    week = monday_of(week)
    errors: dict[str, list[str]] = {}
    if task is None:
        errors["task"] = [_("Choose an existing task.")]
    if function is None:
        errors["function"] = [_("Choose the function the hours were worked in.")]
    if found := _municipality_errors(task, municipality):
        errors["municipality"] = found
    # The person's row is locked so two registrations at once cannot pass 60 hours together.
    User.objects.select_for_update().filter(pk=person.pk).first()
    already = TimeEntry.objects.filter(person=person, week=week).aggregate(s=Sum("hours"))["s"]
    if message := policies.week_hours_error(already or Decimal(0), hours):
        errors["hours"] = [message]
    if errors:
        raise ValidationError(errors, code="invalid_time_entry")
    assert task is not None and function is not None  # refused above otherwise
    entry = TimeEntry.objects.create(
        person=person,
        function=function,
        week=week,
        task=task,
        municipality=municipality,
        hours=hours,
        recorded_by=actor,
    )
    # Hours are personal data of the staff member they are about.
    log_processing(
        actor=actor,
        action=Action.CREATE,
        record_type="time entry",
        records=[entry],
        purpose=STAFF_ADMINISTRATION,
        data_subject_uuid=person.uuid,
    )
    return entry


@transaction.atomic
def record_direct_cost(
    *,
    actor,
    task: CostTask | None,
    year: int,
    description: str,
    amount: Decimal,
    municipality: Organisation | None = None,
) -> DirectCost:
    if not policy.can_manage_costs(actor):
        raise AccessDenied
    errors: dict[str, list[str]] = {}
    if task is None:
        errors["task"] = [_("Choose an existing task.")]
    if found := _municipality_errors(task, municipality):
        errors["municipality"] = found
    if amount is None or amount <= 0:
        errors["amount"] = [_("A direct cost is an amount above € 0.")]
    if not (description or "").strip():
        errors["description"] = [_("Say what the money was spent on.")]
    if errors:
        raise ValidationError(errors, code="invalid_direct_cost")
    assert task is not None  # refused above otherwise
    return DirectCost.objects.create(
        task=task,
        municipality=municipality,
        year=year,
        description=description.strip(),
        amount=amount,
        recorded_by=actor,
    )


@transaction.atomic
def set_hourly_rate(
    *, actor, function: StaffFunction | None, year: int, rate: Decimal
) -> HourlyRate:
    if not policy.can_manage_costs(actor):
        raise AccessDenied
    errors: dict[str, list[str]] = {}
    if function is None:
        errors["function"] = [_("Choose an existing function.")]
    if message := policies.rate_error(rate):
        errors["rate"] = [message]
    if errors:
        raise ValidationError(errors, code="invalid_rate")
    found, _created = HourlyRate.objects.update_or_create(
        function=function, year=year, defaults={"rate": rate}
    )
    return found
