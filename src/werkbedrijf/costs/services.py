"""What users do with the cost figures: register hours, record a direct cost, set an hourly
cost rate. One transaction each; access first; one ValidationError naming every bad field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.accounts.models import User
from werkbedrijf.organisations.models import Organisation, OrganisationKind, Team, TeamKind
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import STAFF_ADMINISTRATION, log_processing
from werkbedrijf.utils.numbers import quantity

from . import policies
from .models import (
    MAX_HOURS_PER_FTE,
    MAX_TEAM_FTE,
    CostTask,
    DirectCost,
    HourlyRate,
    StaffFunction,
    TaskKind,
    TeamAllocation,
    TeamAllocationShare,
    TimeEntry,
)


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
    if (
        person.team_id
        and TeamAllocation.objects.filter(team_id=person.team_id, year=week.year).exists()
    ):
        errors.setdefault("person", []).append(
            _(
                "The time of this person's team in %(year)s is allocated in fte; hours "
                "registered per person would count twice."
            )
            % {"year": week.year}
        )
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


@dataclass(frozen=True)
class ShareInput:
    task: CostTask | None
    municipality: Organisation | None
    percent: Decimal


@transaction.atomic
def allocate_team(
    *,
    actor,
    team: Team | None,
    function: StaffFunction | None,
    year: int,
    fte: Decimal,
    hours_per_fte: Decimal,
    shares: list[ShareInput],
) -> TeamAllocation:
    """Allocate a WerkBedrijf team's time in a year in fte, split over tasks; replaces the
    team's earlier allocation of that function and year as a whole."""
    if not policy.can_manage_costs(actor):
        raise AccessDenied
    errors: dict[str, list[str]] = {}
    if team is None or team.kind != TeamKind.WERKBEDRIJF:
        errors["team"] = [_("Choose one of WerkBedrijf's teams.")]
    if function is None:
        errors["function"] = [_("Choose the function the team works in.")]
    if fte is None or not (0 < fte <= MAX_TEAM_FTE):
        errors["fte"] = [
            _("Enter the team's fte above 0 and at most %(max)s.") % {"max": MAX_TEAM_FTE}
        ]
    if hours_per_fte is None or not (0 < hours_per_fte <= MAX_HOURS_PER_FTE):
        errors["hours_per_fte"] = [
            _("Enter the productive hours of one fte in a year, above 0 and at most %(max)s.")
            % {"max": quantity(MAX_HOURS_PER_FTE)}
        ]
    if any(share.task is None for share in shares):
        errors.setdefault("shares", []).append(_("Choose an existing task."))
    for share in shares:
        if found := _municipality_errors(None, share.municipality):
            errors.setdefault("shares", []).extend(found)
            break
    known = [(share, share.task) for share in shares if share.task is not None]
    split = [
        policies.Share(task.code, s.municipality.pk if s.municipality else None, s.percent)
        for s, task in known
    ]
    card_items = {task.code for _s, task in known if task.kind == TaskKind.CARD_ITEM}
    if found := policies.split_errors(split, card_items):
        errors.setdefault("shares", []).extend(found)
    if team is not None and TimeEntry.objects.filter(person__team=team, week__year=year).exists():
        errors.setdefault("team", []).append(
            _(
                "Members of this team registered hours in %(year)s; allocating its time in fte "
                "as well would count them twice."
            )
            % {"year": year}
        )
    if errors:
        raise ValidationError(errors, code="invalid_team_allocation")
    allocation, _created = TeamAllocation.objects.update_or_create(
        team=team,
        function=function,
        year=year,
        defaults={"fte": fte, "hours_per_fte": hours_per_fte, "recorded_by": actor},
    )
    allocation.shares.all().delete()
    TeamAllocationShare.objects.bulk_create(
        TeamAllocationShare(
            allocation=allocation, task=task, municipality=share.municipality, percent=share.percent
        )
        for share, task in known
    )
    return allocation
