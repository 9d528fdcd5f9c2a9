"""Indicators of the local choices (art. 14.2), zorgjongeren, and development beyond outflow
(startnotitie: the participatieladder and trainings)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from werkbedrijf.agreements.selectors import in_force
from werkbedrijf.candidates.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    LadderStep,
)
from werkbedrijf.matching.models import CatalogueKind, Competence, ObtainedCertificate
from werkbedrijf.organisations.models import Organisation, OrganisationKind

from ..models import LadderRecording
from ..policies import Breakdown, Unit, share
from .base import TOTAL, Figure, Indicator, Scope, count_figure, register, shared


def local_choices(scope: Scope) -> dict[str, Figure]:
    """Per service bought: the units delivered (activities completed, started from 1 January up
    to the end of the period) as a share of the units bought for the year."""
    year = scope.end.year
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    if scope.municipality_ids is not None:
        municipalities = municipalities.filter(pk__in=scope.municipality_ids)
    bought: dict[str, Decimal] = defaultdict(Decimal)
    delivered: dict[str, Decimal] = defaultdict(Decimal)
    persons: dict[str, int] = defaultdict(int)
    for municipality_id in municipalities.values_list("pk", flat=True):
        held = in_force(municipality_id, year, scope.end)
        choices = list(held.choices().filter(service__isnull=False).select_related("service"))
        if not choices:
            continue
        for choice in choices:
            bought[choice.service.code] += (choice.quantity or Decimal(0)) * held.fraction
        rows = (
            scope.records(
                Activity.objects.filter(
                    charged_to__in=choices,
                    status=ActivityStatus.COMPLETED,
                    start__gte=date(year, 1, 1),
                    start__lte=scope.end,
                )
            )
            .values("charged_to__service__code")
            .annotate(units=Sum("units"), n=Count("trajectory_id", distinct=True))
            .order_by()
        )
        for row in rows:
            delivered[row["charged_to__service__code"]] += row["units"]
            persons[row["charged_to__service__code"]] += row["n"]
    figures = {code: Figure(share(delivered[code], bought[code]), persons[code]) for code in bought}
    figures[TOTAL] = Figure(
        share(sum(delivered.values(), Decimal(0)), sum(bought.values(), Decimal(0))),
        sum(persons.values()),
    )
    return figures


def _service_names() -> dict[str, str]:
    from werkbedrijf.agreements.models import CatalogueService

    return dict(CatalogueService.objects.values_list("code", "name").order_by("code"))


register(
    Indicator(
        code="local_choices",
        name=_("Realisation of the local choices"),
        definition=_(
            "Per service the municipality bought for the year (art. 5-11): the units delivered "
            "(activities completed that started from 1 January up to the end of the period) as a "
            "share of the units bought for the year (prorated where the agreement covers part "
            "of it)."
        ),
        unit=Unit.SHARE,
        population=_("Activities charged to a local choice"),
        period=_("From 1 January up to the end of the period"),
        query=local_choices,
        categories=_service_names,
        category_name=_("Service"),
        breakdowns=(
            Breakdown.MUNICIPALITY,
            Breakdown.FOCUS_GROUP,
            Breakdown.SECTOR_GROUP,
            Breakdown.QUARTER,
        ),
    )
)


def care_youth(scope: Scope) -> dict[str, Figure]:
    qs = scope.records(
        Activity.objects.filter(
            kind=ActivityKind.CARE_YOUTH, start__gte=scope.start, start__lte=scope.end
        )
    )
    return {TOTAL: count_figure(qs.values("trajectory_id").distinct().count())}


register(
    Indicator(
        code="care_youth",
        name=_("Zorgjongeren"),
        definition=_(
            "Young people for whom a zorgjongeren activity started in the period (reported per "
            "municipality, art. 14.2)."
        ),
        unit=Unit.COUNT,
        population=_("Trajectories with a zorgjongeren activity"),
        period=_("Start of the activity within the period"),
        query=care_youth,
    )
)


def trainings_completed(scope: Scope) -> dict[str, Figure]:
    qs = scope.records(
        Activity.objects.filter(
            kind=ActivityKind.TRAINING,
            status=ActivityStatus.COMPLETED,
            end__gte=scope.start,
            end__lte=scope.end,
        )
    )
    return {TOTAL: count_figure(qs.values("trajectory_id").distinct().count())}


register(
    Indicator(
        code="trainings_completed",
        name=_("Trainings completed"),
        definition=_("Candidates who completed a training that ended in the period."),
        unit=Unit.COUNT,
        population=_("Trajectories with a completed training"),
        period=_("End of the training within the period"),
        query=trainings_completed,
    )
)


def _certificates(scope: Scope):
    return scope.trajectories(
        ObtainedCertificate.objects.filter(
            obtained_on__gte=scope.start, obtained_on__lte=scope.end
        ),
        "trajectory__",
    )


def certificates_obtained(scope: Scope) -> dict[str, Figure]:
    rows = _certificates(scope).order_by().values_list("trajectory_id", "certificate__code")
    per: dict[str, set[int]] = defaultdict(set)
    everybody: set[int] = set()
    for trajectory_id, code in rows:
        per[code].add(trajectory_id)
        everybody.add(trajectory_id)
    figures = {code: count_figure(len(ids)) for code, ids in per.items()}
    figures[TOTAL] = count_figure(len(everybody))
    return figures


def _certificate_names() -> dict[str, str]:
    return dict(
        Competence.objects.filter(kind=CatalogueKind.CERTIFICATE)
        .order_by("label")
        .values_list("code", "label")
    )


register(
    Indicator(
        code="certificates_obtained",
        name=_("Certificates obtained"),
        definition=_(
            "Candidates who obtained a certificate of the catalogue (VCA, forklift, SVH, ...) in "
            "the period, per certificate; a candidate with two certificates counts once in the "
            "total and once under each."
        ),
        unit=Unit.COUNT,
        population=_("Trajectories with a certificate obtained"),
        period=_("Date the certificate was obtained within the period"),
        query=certificates_obtained,
        categories=_certificate_names,
        category_name=_("Certificate"),
    )
)


@shared
def _ladder(scope: Scope) -> dict[int, tuple[int, int]]:
    """Per latest step (1 to 6): of the trajectories with at least two recordings, the latest in
    the period, how many have that latest step and how many of them rose above their first step
    (one recording measures no development).

    On PostgreSQL from ``reporting.LadderRecording``, which its triggers keep exact: a
    trajectory's latest recording on or before the end of the period is the one recorded by then
    whose next recording is later or absent; it counts when it falls in the period and is not the
    trajectory's first. One range of its index on (municipality, date), or on the date for the
    region, and only the six counts leave the database."""
    if connection.vendor != "postgresql":
        return _ladder_counted(scope)
    latest = scope.records(
        LadderRecording.objects.filter(
            recorded_on__gte=scope.start, recorded_on__lte=scope.end, is_first=False
        ).filter(Q(next_recorded_on__isnull=True) | Q(next_recorded_on__gt=scope.end))
    )
    rows = (
        latest.values("step")
        .annotate(n=Count("step"), rose=Count("step", filter=Q(step__gt=F("first_step"))))
        .order_by("step")
    )
    return {row["step"]: (row["n"], row["rose"]) for row in rows}


def _ladder_counted(scope: Scope, recorded_in_period=None) -> dict[int, tuple[int, int]]:
    """``_ladder`` from the recordings read in order, of the trajectories with a recording in
    the period (``recorded_in_period``, their ids; by default the scope's)."""
    if recorded_in_period is None:
        recorded_in_period = (
            scope.trajectories(
                LadderStep.objects.filter(recorded_on__gte=scope.start, recorded_on__lte=scope.end),
                "trajectory__",
            )
            .values("trajectory_id")
            .order_by()
        )
    rows = (
        LadderStep.objects.filter(recorded_on__lte=scope.end, trajectory_id__in=recorded_in_period)
        .order_by("trajectory_id", "recorded_on", "id")
        .values_list("trajectory_id", "step")
    )
    first: dict[int, int] = {}
    latest: dict[int, int] = {}
    recordings: Counter[int] = Counter()
    for trajectory_id, step in rows:
        first.setdefault(trajectory_id, step)
        latest[trajectory_id] = step
        recordings[trajectory_id] += 1
    counts: dict[int, tuple[int, int]] = {}
    for t, step in latest.items():
        if recordings[t] > 1:
            n, rose = counts.get(step, (0, 0))
            counts[step] = (n + 1, rose + (step > first[t]))
    return dict(sorted(counts.items()))


def ladder_rose(scope: Scope) -> dict[str, Figure]:
    counts = _ladder(scope).values()
    measured = sum(n for n, _rose in counts)
    rose = sum(rose for _n, rose in counts)
    return {TOTAL: Figure(share(rose, measured), measured)}


def ladder_reached(scope: Scope) -> dict[str, Figure]:
    figures = {str(step): count_figure(n) for step, (n, _rose) in _ladder(scope).items()}
    figures[TOTAL] = count_figure(sum(f.persons for f in figures.values()))
    return figures


register(
    Indicator(
        code="ladder_rose",
        name=_("Rose at least one step on the participatieladder"),
        definition=_(
            "Of the candidates with at least two steps on the participatieladder recorded, the "
            "latest in the period: the share whose latest step is higher than the step recorded "
            "first (usually at intake)."
        ),
        unit=Unit.SHARE,
        population=_("Trajectories with a step on the participatieladder recorded in the period"),
        period=_("Latest recording within the period"),
        query=ladder_rose,
    )
)
register(
    Indicator(
        code="ladder_reached",
        name=_("Steps reached on the participatieladder"),
        definition=_(
            "The candidates with at least two steps on the participatieladder recorded, the "
            "latest in the period, by that latest step (1 to 6)."
        ),
        unit=Unit.COUNT,
        population=_("Trajectories with a step on the participatieladder recorded in the period"),
        period=_("Latest recording within the period"),
        query=ladder_reached,
        categories=lambda: {str(step): str(step) for step in range(1, 7)},
        category_name=_("Step"),
    )
)
