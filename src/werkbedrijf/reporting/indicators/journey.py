"""Indicators of the journey: inflow, in service, outflow to work, durable work and returns."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from werkbedrijf.candidates.models import (
    EmploymentForm,
    FocusGroup,
    InstrumentKind,
    JourneyStep,
    Phase,
    Placement,
    ReferralChannel,
    Trajectory,
)
from werkbedrijf.candidates.policies import add_months

from ..models import TrajectoryDay, TrajectoryMonth, WorkStep
from ..policies import Breakdown, Unit, median, share
from .base import TOTAL, Figure, Indicator, Scope, count_figure, focus_group_q, register

# Paid work: the employment forms after which a candidate is "at work" for durable work.
PAID_WORK_FORMS = (EmploymentForm.REGULAR, EmploymentForm.SECONDMENT)
REGION_CAPACITY = Decimal(4200)  # Dienstenboek: capacity for 4,200 candidates in service
OWNW_PER_YEAR = Decimal(475)  # about 475 Op Weg Naar Werk arrangements a year


def _counts_by(qs, field: str) -> dict[str, Figure]:
    rows = qs.values(field).annotate(n=Count("id")).order_by()
    figures = {row[field] or "-": count_figure(row["n"]) for row in rows}
    figures[TOTAL] = count_figure(sum(f.persons for f in figures.values()))
    return figures


# --- inflow -----------------------------------------------------------------------------------


def _from_trajectory_days(scope: Scope) -> bool:
    """Whether the scope can be read from ``TrajectoryDay``, the per-day summary the triggers of
    PostgreSQL keep exact: it knows municipality and sector group, not a person's focus group."""
    return connection.vendor == "postgresql" and not scope.focus_group


def _summed(scope: Scope, field: str, first: date, last: date, by: str | None = None) -> Counter:
    """``field`` of the summary summed over the days ``first`` to ``last`` (per ``by``, or under
    TOTAL): whole months from ``TrajectoryMonth``, the days before and after them from
    ``TrajectoryDay``."""
    sums: Counter = Counter()
    if first > last:
        return sums
    months_from = first if first.day == 1 else add_months(first.replace(day=1), 1)
    months_to = last + timedelta(days=1)  # exclusive
    if months_to.day != 1:
        months_to = months_to.replace(day=1)
    parts = []
    if months_from < months_to:
        parts.append(TrajectoryMonth.objects.filter(month__gte=months_from, month__lt=months_to))
        days = [(first, months_from - timedelta(days=1)), (months_to, last)]
    else:
        days = [(first, last)]
    parts += [TrajectoryDay.objects.filter(day__gte=a, day__lte=b) for a, b in days if a <= b]
    for qs in parts:
        qs = scope.trajectories(qs)
        if by is None:
            sums[TOTAL] += qs.aggregate(n=Sum(field))["n"] or 0
        else:
            for row in qs.values(by).annotate(n=Sum(field)).order_by():
                sums[row[by]] += row["n"]
    return sums


def inflow(scope: Scope) -> dict[str, Figure]:
    if _from_trajectory_days(scope):
        referred = _summed(scope, "referred", scope.start, scope.end, by="channel")
        figures = {channel or "-": count_figure(n) for channel, n in referred.items() if n}
        figures[TOTAL] = count_figure(sum(f.persons for f in figures.values()))
        return figures
    return inflow_counted(scope)


def inflow_counted(scope: Scope) -> dict[str, Figure]:
    """``inflow`` counted from the trajectories themselves (no summary)."""
    qs = scope.trajectories(
        Trajectory.objects.filter(referred_on__gte=scope.start, referred_on__lte=scope.end)
    )
    return _counts_by(qs, "channel")


register(
    Indicator(
        code="inflow",
        name=_("Inflow: referrals"),
        definition=_(
            "The number of trajectories that started in the period (referral date within it), "
            "per channel: screen, API, file upload or self-registration."
        ),
        unit=Unit.COUNT,
        population=_("Trajectories referred in the period"),
        period=_("Referral date within the period"),
        query=inflow,
        categories=lambda: dict(ReferralChannel.choices),
        category_name=_("Channel"),
    )
)


YOUNG_OUTCOMES = {
    "searching": _("Still in the search period"),
    "in_service": _("In service"),
    "work": _("At work or outflow"),
    "returned": _("Returned to the municipality"),
}


def young_self_registrations(scope: Scope) -> dict[str, Figure]:
    qs = scope.trajectories(
        Trajectory.objects.filter(
            channel=ReferralChannel.SELF,
            referred_on__gte=scope.start,
            referred_on__lte=scope.end,
        ).filter(focus_group_q(FocusGroup.UNDER_27, scope.end, "candidate__"))
    )
    outcomes: Counter[str] = Counter()
    for phase in qs.values_list("phase", flat=True):
        if phase == Phase.REFERRED:
            outcomes["searching"] += 1
        elif phase in (Phase.AT_WORK, Phase.OUTFLOW):
            outcomes["work"] += 1
        elif phase == Phase.RETURNED:
            outcomes["returned"] += 1
        else:
            outcomes["in_service"] += 1
    figures = {key: count_figure(n) for key, n in outcomes.items()}
    figures[TOTAL] = count_figure(sum(outcomes.values()))
    return figures


register(
    Indicator(
        code="young_self_registrations",
        name=_("Self-registrations of young people"),
        definition=_(
            "Young people under 27 who registered themselves in the period, by where their "
            "search period led: still searching, in service, at work, or returned."
        ),
        unit=Unit.COUNT,
        population=_("Self-registrations of candidates under 27 (age at the end of the period)"),
        period=_("Registration date within the period; outcome as it is now"),
        query=young_self_registrations,
        categories=lambda: {k: str(v) for k, v in YOUNG_OUTCOMES.items()},
        category_name=_("Outcome of the search period"),
        breakdowns=(Breakdown.MUNICIPALITY, Breakdown.SECTOR_GROUP, Breakdown.QUARTER),
    )
)

# --- in service -----------------------------------------------------------------------------


def in_service(scope: Scope) -> dict[str, Figure]:
    if _from_trajectory_days(scope):
        month = scope.end.replace(day=1)
        before = scope.trajectories(TrajectoryMonth.objects.filter(month__lt=month))
        n = before.aggregate(n=Sum("in_service_change"))["n"] or 0
        n += _summed(scope, "in_service_change", month, scope.end)[TOTAL]
        return {TOTAL: count_figure(n)}
    return in_service_counted(scope)


def in_service_counted(scope: Scope) -> dict[str, Figure]:
    """``in_service`` counted from the trajectories themselves (no summary)."""
    qs = scope.trajectories(
        Trajectory.objects.filter(referred_on__lte=scope.end).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gt=scope.end)
        )
    )
    return {TOTAL: count_figure(qs.count())}


register(
    Indicator(
        code="in_service",
        name=_("Candidates in service"),
        definition=_(
            "The number of candidates with a trajectory running on the last day of the period "
            "(referred on or before it, not closed by then), against the capacity of 4,200."
        ),
        unit=Unit.COUNT,
        population=_("Running trajectories"),
        period=_("On the last day of the period"),
        query=in_service,
        default_norm=REGION_CAPACITY,
        norm_note=_("Capacity of the region"),
    )
)


def ownw(scope: Scope) -> dict[str, Figure]:
    from werkbedrijf.candidates.models import Instrument

    qs = scope.records(
        Instrument.objects.filter(
            kind=InstrumentKind.OWNW, start__gte=scope.start, start__lte=scope.end
        )
    )
    return {TOTAL: count_figure(qs.values("trajectory_id").distinct().count())}


register(
    Indicator(
        code="ownw",
        name=_("Op Weg Naar Werk arrangements"),
        definition=_(
            "Candidates for whom an Op Weg Naar Werk arrangement started in the period, against "
            "about 475 a year."
        ),
        unit=Unit.COUNT,
        population=_("Trajectories with an Op Weg Naar Werk instrument"),
        period=_("Start of the instrument within the period"),
        query=ownw,
        default_norm=OWNW_PER_YEAR,
        norm_note=_("A year"),
    )
)

# --- outflow to work --------------------------------------------------------------------------


def steps_to_work(scope: Scope):
    """The steps into At work in the scope, each with ``form``: the employment form of the
    trajectory's latest placement started on or before the step (also the rows behind it)."""
    latest_placement = Placement.objects.filter(
        trajectory_id=OuterRef("trajectory_id"), start__lte=OuterRef("occurred_on")
    ).order_by("-start", "-id")
    return scope.records(
        JourneyStep.objects.filter(
            to_phase=Phase.AT_WORK, occurred_on__gte=scope.start, occurred_on__lte=scope.end
        )
    ).annotate(form=Subquery(latest_placement.values("form")[:1]))


def outflow_to_work(scope: Scope) -> dict[str, Figure]:
    if not _from_trajectory_days(scope):
        return outflow_to_work_counted(scope)
    # From the steps to work the triggers of PostgreSQL keep with their placement's form.
    rows = scope.trajectories(
        WorkStep.objects.filter(occurred_on__gte=scope.start, occurred_on__lte=scope.end)
    ).values_list("trajectory_id", "form")
    return _per_form(rows)


def outflow_to_work_counted(scope: Scope) -> dict[str, Figure]:
    """``outflow_to_work`` counted from the journey steps and placements (no summary)."""
    return _per_form(steps_to_work(scope).order_by().values_list("trajectory_id", "form"))


def _per_form(rows) -> dict[str, Figure]:
    forms: dict[str, set[int]] = defaultdict(set)
    everybody: set[int] = set()
    for trajectory_id, form in rows:
        forms[form or "-"].add(trajectory_id)
        everybody.add(trajectory_id)
    figures = {form: count_figure(len(ids)) for form, ids in forms.items()}
    figures[TOTAL] = count_figure(len(everybody))
    return figures


register(
    Indicator(
        code="outflow_to_work",
        name=_("Outflow to work"),
        definition=_(
            "Candidates who stepped into the phase At work in the period, by the employment form "
            "of their placement (the latest one started on or before that day)."
        ),
        unit=Unit.COUNT,
        population=_("Trajectories with a step to At work"),
        period=_("Date of the step within the period"),
        query=outflow_to_work,
        categories=lambda: dict(EmploymentForm.choices),
        category_name=_("Employment form"),
    )
)


def days_to_work(scope: Scope) -> dict[str, Figure]:
    if not _from_trajectory_days(scope):
        return days_to_work_counted(scope)
    # From the steps to work the triggers of PostgreSQL keep with their days since referral.
    rows = scope.trajectories(
        WorkStep.objects.filter(occurred_on__gte=scope.start, occurred_on__lte=scope.end)
    ).values_list("trajectory_id", "days")
    first: dict[int, int] = {}
    for trajectory_id, days in rows:
        first[trajectory_id] = min(days, first.get(trajectory_id, days))
    return {TOTAL: Figure(median(list(first.values())), len(first))}


def days_to_work_counted(scope: Scope) -> dict[str, Figure]:
    """``days_to_work`` counted from the journey steps and their trajectories (no summary)."""
    first: dict[int, int] = {}
    rows = (
        scope.records(
            JourneyStep.objects.filter(
                to_phase=Phase.AT_WORK, occurred_on__gte=scope.start, occurred_on__lte=scope.end
            )
        )
        .order_by()
        .values_list("trajectory_id", "occurred_on", "trajectory__referred_on")
    )
    for trajectory_id, occurred_on, referred_on in rows:
        days = (occurred_on - referred_on).days
        first[trajectory_id] = min(days, first.get(trajectory_id, days))
    return {TOTAL: Figure(median(list(first.values())), len(first))}


register(
    Indicator(
        code="days_to_work",
        name=_("Days from referral to work (median)"),
        definition=_(
            "For the candidates who stepped into At work in the period: the median number of "
            "days from their referral to that step."
        ),
        unit=Unit.DAYS,
        population=_("Trajectories with a step to At work"),
        period=_("Date of the step within the period"),
        query=days_to_work,
    )
)


def _durable(months: int):
    def query(scope: Scope) -> dict[str, Figure]:
        # Placements whose day "months after the start" falls in the period.
        first_start = add_months(scope.start, -months)
        last_start = add_months(scope.end, -months)
        rows = scope.records(
            Placement.objects.filter(
                form__in=PAID_WORK_FORMS, start__gte=first_start, start__lte=last_start
            )
        ).values_list("start", "actual_end")
        measured = still = 0
        for start, actual_end in rows:
            checkpoint = add_months(start, months)
            if not scope.start <= checkpoint <= scope.end:
                continue
            measured += 1
            if actual_end is None or actual_end >= checkpoint:
                still += 1
        return {TOTAL: Figure(share(still, measured), measured)}

    return query


DURABLE_NAMES = {
    6: _("Durable work: still at work after 6 months"),
    12: _("Durable work: still at work after 12 months"),
}

for _months, _name in DURABLE_NAMES.items():
    register(
        Indicator(
            code=f"durable_work_{_months}",
            name=_name,
            definition=_(
                "Of the placements in paid work (regular employment or secondment) that reached "
                "the stated number of months after their start within the period: the share "
                "that had not ended by then (actual end recorded in the placement or in "
                "aftercare)."
            ),
            unit=Unit.SHARE,
            population=_("Placements in paid work"),
            period=_("The day the months have passed falls within the period"),
            query=_durable(_months),
        )
    )

# --- returns ------------------------------------------------------------------------------------


def returns(scope: Scope) -> dict[str, Figure]:
    qs = scope.trajectories(
        Trajectory.objects.filter(
            phase=Phase.RETURNED, closed_on__gte=scope.start, closed_on__lte=scope.end
        )
    )
    return _counts_by(qs, "return_reason")


register(
    Indicator(
        code="returns",
        name=_("Returns to the municipality"),
        definition=_(
            "Trajectories that WerkBedrijf returned to the municipality in the period, by the "
            "reason given for the return."
        ),
        unit=Unit.COUNT,
        population=_("Trajectories returned"),
        period=_("Date of the return within the period"),
        query=returns,
        category_name=_("Reason"),
        free_text_categories=True,
    )
)
