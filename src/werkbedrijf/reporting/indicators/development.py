"""Indicators of the local choices (art. 14.2), zorgjongeren, and development beyond outflow
(startnotitie: the participatieladder and trainings)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Sum
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
            scope.trajectories(
                Activity.objects.filter(
                    charged_to__in=choices,
                    status=ActivityStatus.COMPLETED,
                    start__gte=date(year, 1, 1),
                    start__lte=scope.end,
                ),
                "trajectory__",
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
    qs = scope.trajectories(
        Activity.objects.filter(
            kind=ActivityKind.CARE_YOUTH, start__gte=scope.start, start__lte=scope.end
        ),
        "trajectory__",
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
    qs = scope.trajectories(
        Activity.objects.filter(
            kind=ActivityKind.TRAINING,
            status=ActivityStatus.COMPLETED,
            end__gte=scope.start,
            end__lte=scope.end,
        ),
        "trajectory__",
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

    The scope narrows the trajectories with a recording in the period, not every recording read:
    all recordings of one trajectory share its municipality, sector group and candidate, so the
    figures are the same and the trajectories are looked up once each. On PostgreSQL the first
    and latest recording of each such trajectory are two probes of the index on (trajectory,
    recorded_on, id) (a trajectory with one recording has the same one twice), so the read grows
    with the trajectories recorded in the period, not with every recording before it, and only
    the six counts leave the database."""
    recorded_in_period = (
        scope.trajectories(
            LadderStep.objects.filter(recorded_on__gte=scope.start, recorded_on__lte=scope.end),
            "trajectory__",
        )
        .values("trajectory_id")
        .order_by()
    )
    if connection.vendor != "postgresql":
        return _ladder_counted(scope, recorded_in_period)
    inner, params = recorded_in_period.query.sql_with_params()
    ends = "SELECT ARRAY[step::bigint, id] FROM candidates_ladderstep l"
    ends += " WHERE l.trajectory_id = t.trajectory_id AND l.recorded_on <= %s"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT latest[1], count(*), count(*) FILTER (WHERE latest[1] > first[1]) FROM (
                SELECT ({ends} ORDER BY recorded_on, id LIMIT 1) AS first,
                       ({ends} ORDER BY recorded_on DESC, id DESC LIMIT 1) AS latest
                FROM (SELECT DISTINCT trajectory_id FROM ({inner}) recorded) t
                OFFSET 0  -- each probe once per trajectory
            ) ends WHERE first[2] <> latest[2] GROUP BY latest[1] ORDER BY latest[1]
            """,  # noqa: S608  (the scope's query, compiled by Django with its parameters)
            [scope.end, scope.end, *params],
        )
        return {latest: (n, rose) for latest, n, rose in cursor.fetchall()}


def _ladder_counted(scope: Scope, recorded_in_period) -> dict[int, tuple[int, int]]:
    """``_ladder`` from the recordings read in order (no PostgreSQL)."""
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
