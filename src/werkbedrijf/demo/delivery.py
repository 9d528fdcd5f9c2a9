"""The demo's delivery of local choices in the current year (today's year, never a fixed one):
for each municipality some of every kind its choices in force have — half-days held and still
scheduled, presence at Buurtteams, participatiecoaching in fte, a delivery note per ended quarter
for a choice off the card and for meerwerk — recorded through the services, so it passes every
check a real record passes. Safe to run twice: a municipality with deliveries in the year is left
alone."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from werkbedrijf.accounts.models import User
from werkbedrijf.agreements.delivery import policies, selectors, services
from werkbedrijf.agreements.delivery.models import (
    CoachingAssignment,
    DeliveryNote,
    HalfDaySession,
    TeamPresence,
)
from werkbedrijf.agreements.selectors import in_force
from werkbedrijf.organisations.models import Organisation, OrganisationKind
from werkbedrijf.utils import dates

Kind = policies.DeliveryKind
LOCATIONS = ("Wijkcentrum", "Bibliotheek", "Stadhuis")
# The demo has five WerkBedrijf accounts to share the coaching of seven municipalities.
DEMO_FTE = Decimal("0.5")
TEAMS = ("Buurtteam Oost", "Buurtteam West", "Buurtteam Centrum", "Buurtteam Noord")


def _delivered_already(municipality, year: int) -> bool:
    own = {"choice__municipal_agreement__municipality": municipality}
    return (
        HalfDaySession.objects.filter(**own, date__year=year).exists()
        or TeamPresence.objects.filter(**own, start__year=year).exists()
        or CoachingAssignment.objects.filter(**own, start__year=year).exists()
        or DeliveryNote.objects.filter(**own, date__year=year).exists()
    )


def _workers() -> list[User]:
    """WerkBedrijf's demo accounts stand in for its workers and participatiecoaches."""
    return list(
        User.objects.filter(
            organisation__kind=OrganisationKind.WERKBEDRIJF, username__endswith=".werkbedrijf"
        ).order_by("username")
    )


def _coach(workers: list[User], used: dict, fte: Decimal) -> User | None:
    """A worker with ``fte`` left (nobody works more than 1 fte in all), or None."""
    for worker in workers:
        if used.get(worker.pk, Decimal(0)) + fte <= 1:
            used[worker.pk] = used.get(worker.pk, Decimal(0)) + fte
            return worker
    return None


def _weekdays(start: date, end: date, weekday: int):
    day = start + timedelta(days=(weekday - start.weekday()) % 7)
    while day <= end:
        yield day
        day += timedelta(days=14)  # every other week: the demo delivers behind in places


@transaction.atomic
def deliver_current_year(actor: User, today: date | None = None) -> int:
    """Record the demo's deliveries for today's year; returns how many municipalities got some."""
    today = today or timezone.localdate()
    year = today.year
    workers = _workers() or [actor]
    used: dict = dict(
        CoachingAssignment.objects.filter(end__isnull=True)
        .values_list("coach")
        .annotate(total=Sum("fte"))
    )
    count = 0
    for municipality in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY):
        held = in_force(municipality.pk, year, today)
        if held.municipal_agreement is None or _delivered_already(municipality, year):
            continue
        start, end = held.period or (date(year, 1, 1), date(year, 12, 31))
        # Half-days are planned four weeks ahead, but not past the year's period: in December
        # that would be a day of next year, where the choice does not hold.
        planned_until = min(today + timedelta(days=28), end)
        for choice in held.choices().select_related("service"):
            kind = selectors.delivery_kind_of(choice)
            common = {"actor": actor, "municipality": municipality, "choice": choice}
            if kind == Kind.HALF_DAYS:
                for n, day in enumerate(_weekdays(start, planned_until, 1)):
                    services.record_half_day(
                        **common,
                        location=f"{LOCATIONS[n % len(LOCATIONS)]} {municipality.name}",
                        day=day,
                        part_of_day="morning",
                        status="held" if day <= today else "scheduled",
                        today=today,
                    )
            elif kind == Kind.TEAM_PRESENCE:
                staffed = min(int(choice.quantity or 1), len(TEAMS))
                for team in TEAMS[:staffed]:
                    services.record_team_presence(
                        **common,
                        location=f"{team} {municipality.name}",
                        worker=workers[0],
                        start=start,
                    )
            elif kind == Kind.COACHING:
                fte = min(choice.quantity or DEMO_FTE, DEMO_FTE)
                coach = _coach(workers, used, fte)
                if coach is not None:
                    services.record_coaching(**common, coach=coach, fte=fte, start=start)
            elif kind == Kind.NOTES:
                _quarterly_notes(common, start, today, f"Voortgang {choice.label}")
        for work in selectors.extra_work_in(actor, municipality, year):
            period = services.extra_work_period(work)
            _quarterly_notes(
                {"actor": actor, "municipality": municipality, "extra_work": work},
                max(period[0], date(year, 1, 1)),
                min(today, period[1]),
                "Inzet meerwerk",
            )
        count += 1
    return count


def _quarterly_notes(common: dict, start: date, until: date, text: str) -> None:
    for quarter in policies.QUARTERS:
        end = dates.quarter_bounds(until.year, quarter)[1]
        if start <= end < until:
            services.record_delivery_note(
                **common, kind="periodic", day=end, text=f"{text}, kwartaal {quarter} (demo)"
            )
