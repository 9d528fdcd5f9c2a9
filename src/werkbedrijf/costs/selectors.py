"""Reading the cost figures: the year's cost per task and per municipality, set beside what each
municipality pays for its local choices and its budget."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from werkbedrijf.access import policy
from werkbedrijf.candidates.models import Trajectory
from werkbedrijf.organisations.models import Organisation, OrganisationKind

from . import policies
from .models import CostTask, DirectCost, HourlyRate, StaffFunction, TeamAllocation, TimeEntry


def tasks() -> list[CostTask]:
    return list(CostTask.objects.all())


def functions() -> list[StaffFunction]:
    return list(StaffFunction.objects.all())


def rates_of(year: int) -> dict[tuple[str, int], Decimal]:
    return {
        (code, year): rate
        for code, rate in HourlyRate.objects.filter(year=year).values_list("function__code", "rate")
    }


def in_service_during(year: int) -> dict[int, int]:
    """Candidates in service at some day of ``year``, per municipality: referred before its end,
    not closed before its start."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows = (
        Trajectory.objects.filter(referred_on__lte=last)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first))
        .values("municipality_id")
        .annotate(n=Count("candidate_id", distinct=True))
    )
    return {row["municipality_id"]: row["n"] for row in rows}


def hours_rows(year: int) -> list[policies.HoursRow]:
    """Hours registered per person, and the hours of teams allocated in fte."""
    rows = (
        TimeEntry.objects.filter(week__year=year)
        .values("task__code", "municipality_id", "function__code")
        .annotate(hours=Sum("hours"))
    )
    registered = [
        policies.HoursRow(
            r["task__code"], r["municipality_id"], r["function__code"], year, r["hours"]
        )
        for r in rows
    ]
    return registered + allocation_rows(year)


def allocation_rows(year: int) -> list[policies.HoursRow]:
    """Hours of the teams whose time is allocated in fte that year."""
    rows: list[policies.HoursRow] = []
    allocations = TeamAllocation.objects.filter(year=year).select_related("function")
    for allocation in allocations.prefetch_related("shares__task"):
        rows += policies.allocated_hours(
            function=allocation.function.code,
            year=year,
            fte=allocation.fte,
            hours_per_fte=allocation.hours_per_fte,
            shares=[
                policies.Share(share.task.code, share.municipality_id, share.percent)
                for share in allocation.shares.all()
            ],
        )
    return rows


def allocations(year: int) -> list[TeamAllocation]:
    return list(
        TeamAllocation.objects.filter(year=year)
        .select_related("team", "function")
        .prefetch_related("shares__task", "shares__municipality")
        .order_by("team__name", "function__name")
    )


def direct_rows(year: int) -> list[policies.DirectRow]:
    rows = (
        DirectCost.objects.filter(year=year)
        .values("task__code", "municipality_id")
        .annotate(amount=Sum("amount"))
    )
    return [policies.DirectRow(r["task__code"], r["municipality_id"], r["amount"]) for r in rows]


@dataclass(frozen=True)
class MunicipalRow:
    municipality: Organisation
    cost: policies.MunicipalCost
    choices_total: Decimal | None  # what it pays for its local choices this year (euros)
    budget: Decimal | None

    @property
    def cost_minus_choices(self) -> Decimal | None:
        if self.choices_total is None:
            return None
        own = self.cost.own
        return own - self.choices_total


@dataclass(frozen=True)
class CostOverview:
    year: int
    result: policies.CostResult
    task_names: dict[str, str]
    municipalities: list[MunicipalRow]

    def task_rows(self) -> list[tuple[str, policies.TaskCost]]:
        return [(self.task_names.get(t.task, t.task), t) for t in self.result.tasks]


def _paid_and_budget(municipality_id: int, year: int) -> tuple[Decimal | None, Decimal | None]:
    from werkbedrijf.agreements import selectors as agreements

    held = agreements.in_force(municipality_id, year)
    if held.municipal_agreement is None or held.source_year is None:
        return None, None
    lines = [agreements.line_of(choice) for choice in held.choices()]
    inputs = agreements.check_inputs(held.municipal_agreement, held.source_year, lines)
    if inputs.card.price_unit != "eur":
        return None, None
    check = inputs.check()
    fraction = held.fraction
    budget = inputs.effective_budget
    return (
        (check.total_at_card_value * fraction).quantize(policies.CENT),
        None if budget is None else (budget * fraction).quantize(policies.CENT),
    )


def cost_overview(user, year: int) -> CostOverview:
    """The year's costs; a policy adviser sees the region's tasks and their own municipality's
    row (the allocation is computed over all seven, or the shares would not add up)."""
    policy.require(policy.can_view_costs(user))
    result = policies.compute_costs(
        year, hours_rows(year), rates_of(year), direct_rows(year), in_service_during(year)
    )
    municipalities = {
        o.pk: o for o in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    }
    rows = []
    for cost in result.municipalities:
        municipality = municipalities.get(cost.municipality)
        if municipality is None or not policy.can_view_costs(user, municipality):
            continue
        paid, budget = _paid_and_budget(municipality.pk, year)
        rows.append(MunicipalRow(municipality, cost, paid, budget))
    rows.sort(key=lambda row: row.municipality.name)
    names = dict(CostTask.objects.values_list("code", "name"))
    return CostOverview(year, result, names, rows)


def average_rates(year: int) -> dict[str, Decimal]:
    """The average cost of an hour on each task in ``year`` (what its hours cost, divided by
    them): the starting point of a scenario."""
    result = policies.compute_costs(year, hours_rows(year), rates_of(year), [], {})
    return {
        t.task: (t.labour / t.hours).quantize(policies.CENT) for t in result.tasks if t.hours > 0
    }


def people_for_hours(user):
    """Whose hours ``user`` may register: their own, or (a manager) every WerkBedrijf colleague."""
    from werkbedrijf.accounts.models import User

    staff = User.objects.filter(
        is_active=True, organisation__kind=OrganisationKind.WERKBEDRIJF
    ).order_by("last_name", "first_name", "username")
    return staff if policy.can_manage_costs(user) else staff.filter(pk=user.pk)


def recent_entries(user, person, weeks: int = 8) -> list[TimeEntry]:
    """The person's hours of the last weeks: personal data of that staff member, so reading them
    is logged (also one's own: the log is complete, not a judgement of who may look)."""
    from datetime import timedelta

    from django.utils import timezone

    from werkbedrijf.processing_log.services import STAFF_ADMINISTRATION, log_processing

    policy.require(policy.can_register_hours(user, person))
    since = timezone.localdate() - timedelta(weeks=weeks)
    entries = list(
        TimeEntry.objects.filter(person=person, week__gte=since)
        .select_related("task", "municipality", "function")
        .order_by("-week", "task__position")
    )
    log_processing(
        actor=user,
        action="read",
        record_type="time entry",
        records=entries,
        purpose=STAFF_ADMINISTRATION,
        data_subject_uuid=person.uuid,
    )
    return entries
