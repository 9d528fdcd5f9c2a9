"""Indicators of diagnosis beyond the intake (004, development beyond outflow): further diagnoses
completed. A further diagnosis is completed when the candidate steps out of that phase."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from werkbedrijf.candidates.models import JourneyStep, Phase

from ..policies import Unit
from .base import TOTAL, Figure, Indicator, Scope, count_figure, register


def diagnoses_completed(scope: Scope) -> dict[str, Figure]:
    qs = scope.records(
        JourneyStep.objects.filter(
            from_phase=Phase.FURTHER_DIAGNOSIS,
            occurred_on__gte=scope.start,
            occurred_on__lte=scope.end,
        ).exclude(to_phase=Phase.FURTHER_DIAGNOSIS)
    )
    rows = qs.values("to_phase").annotate(n=Count("trajectory_id", distinct=True)).order_by()
    figures = {row["to_phase"]: count_figure(row["n"]) for row in rows}
    figures[TOTAL] = count_figure(qs.values("trajectory_id").distinct().count())
    return figures


register(
    Indicator(
        code="diagnoses_completed",
        name=_("Further diagnoses completed"),
        definition=_(
            "Candidates whose further diagnosis (zijweg: employee skills, health, motivation) "
            "ended in the period, by the phase they went on to."
        ),
        unit=Unit.COUNT,
        population=_("Trajectories that left the further-diagnosis phase"),
        period=_("Date of the step out of further diagnosis within the period"),
        query=diagnoses_completed,
        categories=lambda: dict(Phase.choices),
        category_name=_("Next phase"),
    )
)
