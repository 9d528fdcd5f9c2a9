"""The satisfaction figures per municipality and moment: invited, answered, response rate and the
averages; averages of fewer answers than the threshold are hidden."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings

from werkbedrijf.access import policy
from werkbedrijf.organisations.models import Organisation, OrganisationKind

from . import policies
from .models import Invitation, Moment, SurveyResponse


@dataclass(frozen=True)
class FigureRow:
    municipality: Organisation | None  # None: the region
    moment: str
    figures: policies.Figures
    hidden: bool

    @property
    def moment_label(self) -> str:
        return str(Moment(self.moment).label)


def threshold() -> int:
    return settings.SMALL_COUNT_THRESHOLD


def figures_for(user, year: int) -> list[FigureRow]:
    policy.require(policy.can_view_satisfaction(user))
    invited: dict[tuple[int, str], int] = defaultdict(int)
    for m, moment in Invitation.objects.filter(created_on__year=year).values_list(
        "municipality_id", "moment"
    ):
        invited[(m, moment)] += 1
    answers: dict[tuple[int, str], list] = defaultdict(list)
    for row in SurveyResponse.objects.filter(answered_on__year=year).values(
        "municipality_id", "moment", "score", *policies.STATEMENTS
    ):
        answers[(row["municipality_id"], row["moment"])].append(row)
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by(
        "name"
    )
    rows = []
    for municipality in municipalities:
        if not policy.can_view_satisfaction(user, municipality):
            continue
        for moment in Moment.values:
            rows.append(_row(municipality, moment, invited, answers, [municipality.pk]))
    if policy.can_view_satisfaction(user, None) and len(rows) > 2:
        everyone = [m.pk for m in municipalities]
        for moment in Moment.values:
            rows.append(_row(None, moment, invited, answers, everyone))
    return rows


def _row(municipality, moment, invited, answers, ids) -> FigureRow:
    given = [a for m in ids for a in answers.get((m, moment), [])]
    figures = policies.figures(
        sum(invited.get((m, moment), 0) for m in ids),
        [a["score"] for a in given],
        {name: [a[name] for a in given if a[name] is not None] for name in policies.STATEMENTS},
    )
    return FigureRow(municipality, moment, figures, policies.hidden(figures, threshold()))
