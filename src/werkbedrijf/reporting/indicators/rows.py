"""The rows behind a figure: for each indicator that counts candidates, the trajectories its total
(or one of its categories) is about, written as the same conditions as its query. An indicator
that counts records (instruments, sanction signals) lists the trajectories they belong to, each
once. Only for roles that may see the persons (access.policy.can_see_persons_behind_figures); the
others keep the breakdowns. An indicator not named here has no drill-down (employers are not persons)."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet

from werkbedrijf.candidates.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Instrument,
    JourneyStep,
    Phase,
    SanctionSignal,
    Trajectory,
)
from werkbedrijf.matching.models import ObtainedCertificate

from .base import TOTAL, Scope
from .journey import steps_to_work

MISSING = "-"  # the key of a category without a value (a step to work without a placement)

# From a scope and a category key (TOTAL: all of them) to the ids of the trajectories counted.
Rows = Callable[[Scope, str], QuerySet]


def _category(qs: QuerySet, field: str, category: str) -> QuerySet:
    return qs if category == TOTAL else qs.filter(**{field: category})


def _ids(qs: QuerySet, field: str = "id") -> QuerySet:
    return qs.values_list(field, flat=True)


def inflow(scope: Scope, category: str) -> QuerySet:
    qs = Trajectory.objects.filter(referred_on__gte=scope.start, referred_on__lte=scope.end)
    return _ids(_category(scope.trajectories(qs), "channel", category))


def in_service(scope: Scope, category: str) -> QuerySet:
    qs = Trajectory.objects.filter(referred_on__lte=scope.end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=scope.end)
    )
    return _ids(scope.trajectories(qs))


def outflow_to_work(scope: Scope, category: str) -> QuerySet:
    # The employment form is the latest placement's at the step: the query's own annotation.
    qs = steps_to_work(scope)
    if category == MISSING:
        qs = qs.filter(form__isnull=True)
    elif category != TOTAL:
        qs = qs.filter(form=category)
    return _ids(qs, "trajectory_id")


def returns(scope: Scope, category: str) -> QuerySet:
    qs = Trajectory.objects.filter(
        phase=Phase.RETURNED, closed_on__gte=scope.start, closed_on__lte=scope.end
    )
    return _ids(_category(scope.trajectories(qs), "return_reason", category))


def trainings_completed(scope: Scope, category: str) -> QuerySet:
    qs = Activity.objects.filter(
        kind=ActivityKind.TRAINING,
        status=ActivityStatus.COMPLETED,
        end__gte=scope.start,
        end__lte=scope.end,
    )
    return _ids(scope.records(qs), "trajectory_id")


def certificates_obtained(scope: Scope, category: str) -> QuerySet:
    qs = ObtainedCertificate.objects.filter(
        obtained_on__gte=scope.start, obtained_on__lte=scope.end
    )
    qs = _category(scope.trajectories(qs, "trajectory__"), "certificate__code", category)
    return _ids(qs, "trajectory_id")


def care_youth(scope: Scope, category: str) -> QuerySet:
    qs = Activity.objects.filter(
        kind=ActivityKind.CARE_YOUTH, start__gte=scope.start, start__lte=scope.end
    )
    return _ids(scope.records(qs), "trajectory_id")


def diagnoses_completed(scope: Scope, category: str) -> QuerySet:
    qs = JourneyStep.objects.filter(
        from_phase=Phase.FURTHER_DIAGNOSIS,
        occurred_on__gte=scope.start,
        occurred_on__lte=scope.end,
    ).exclude(to_phase=Phase.FURTHER_DIAGNOSIS)
    qs = _category(scope.records(qs), "to_phase", category)
    return _ids(qs, "trajectory_id")


def instruments(scope: Scope, category: str) -> QuerySet:
    qs = Instrument.objects.filter(start__gte=scope.start, start__lte=scope.end)
    qs = _category(scope.records(qs), "kind", category)
    return _ids(qs, "trajectory_id")


def wage_value(scope: Scope, category: str) -> QuerySet:
    from werkbedrijf.candidates.policies import WAGE_SUBSIDY_KINDS

    qs = Instrument.objects.filter(
        start__gte=scope.start,
        start__lte=scope.end,
        kind__in=WAGE_SUBSIDY_KINDS,
        wage_value__isnull=False,
    )
    qs = _category(scope.records(qs), "kind", category)
    return _ids(qs, "trajectory_id")


def sanction_signals(scope: Scope, category: str) -> QuerySet:
    qs = SanctionSignal.objects.filter(signalled_on__gte=scope.start, signalled_on__lte=scope.end)
    return _ids(scope.records(qs), "trajectory_id")


def advice_followed(scope: Scope, category: str) -> QuerySet:
    qs = SanctionSignal.objects.filter(
        decided_on__gte=scope.start, decided_on__lte=scope.end
    ).exclude(decision="")
    return _ids(scope.records(qs), "trajectory_id")


ROWS: dict[str, Rows] = {
    "inflow": inflow,
    "in_service": in_service,
    "outflow_to_work": outflow_to_work,
    "returns": returns,
    "trainings_completed": trainings_completed,
    "certificates_obtained": certificates_obtained,
    "care_youth": care_youth,
    "diagnoses_completed": diagnoses_completed,
    "instruments_count": instruments,
    "instruments_amount": instruments,
    "wage_value_average": wage_value,
    "sanction_signals": sanction_signals,
    "advice_followed": advice_followed,
}


def rows_of(code: str) -> Rows | None:
    return ROWS.get(code)


def opens(code: str, category: str) -> bool:
    """Whether the figure of ``category`` (TOTAL: the total) of the indicator can be opened: every
    category of an indicator with rows; a row of a breakdown (municipality, focus group, sector
    group, quarter) is the total of a narrower scope and opens as that."""
    return code in ROWS
