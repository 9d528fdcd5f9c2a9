"""Synthetic cost data for the demo: hourly cost rates for this year and the last, a plausible week
of hours for every WerkBedrijf consultant since 1 January of last year, and some direct costs,
so that the cost screens show figures on the day the demo starts. Safe to run again: it writes
nothing when hours exist already."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from werkbedrijf.accounts.selectors import werkbedrijf_consultants
from werkbedrijf.organisations.models import Organisation, OrganisationKind

from .models import CostTask, DirectCost, HourlyRate, StaffFunction, TaskKind, TimeEntry
from .reference import load_cost_catalogue

RATES = {
    "consulent": Decimal(78),
    "consulent-bdv": Decimal(82),
    "jobcoach": Decimal(66),
    "teamleider": Decimal(95),
    "ondersteuning": Decimal(56),
}
# A consultant's ordinary week: hours per regional task (the rest goes to card items).
WEEK = {"arbeidsbemiddeling": 18, "activering": 3, "management-en-ondersteuning": 3}


@transaction.atomic
def generate_cost_data(today: date | None = None, seed: int = 2026) -> int:
    """Write the demo's cost data; returns the number of hour registrations written."""
    today = today or timezone.localdate()
    load_cost_catalogue()
    if TimeEntry.objects.exists():
        return 0
    rng = random.Random(seed)
    functions = {f.code: f for f in StaffFunction.objects.all()}
    for year, factor in ((today.year - 1, Decimal("0.97")), (today.year, Decimal(1))):
        for code, rate in RATES.items():
            HourlyRate.objects.update_or_create(
                function=functions[code],
                year=year,
                defaults={"rate": (rate * factor).quantize(Decimal("0.01"))},
            )
    tasks = {t.code: t for t in CostTask.objects.all()}
    card_items = [t for t in tasks.values() if t.kind == TaskKind.CARD_ITEM]
    municipalities = list(Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY))
    consultants = list(werkbedrijf_consultants().order_by("pk")[:12])
    entries = []
    monday = date(today.year - 1, 1, 1)
    monday += timedelta(days=(7 - monday.weekday()) % 7)
    last = today - timedelta(days=today.weekday() + 7)
    while monday <= last:
        for person in consultants:
            function = functions["consulent-bdv" if person.pk % 3 == 0 else "consulent"]
            for code, hours in WEEK.items():
                entries.append(
                    TimeEntry(
                        person=person,
                        function=function,
                        week=monday,
                        task=tasks[code],
                        hours=Decimal(hours + rng.randint(-2, 2)),
                        recorded_by=person,
                    )
                )
            entries.append(
                TimeEntry(
                    person=person,
                    function=function,
                    week=monday,
                    task=rng.choice(card_items),
                    municipality=rng.choice(municipalities),
                    hours=Decimal(rng.randint(4, 10)),
                    recorded_by=person,
                )
            )
        monday += timedelta(days=7)
    TimeEntry.objects.bulk_create(entries, batch_size=2000)
    recorder = consultants[0] if consultants else None
    if recorder is not None:
        for year in (today.year - 1, today.year):
            for code, amount, what in (
                ("arbeidsbemiddeling", 42000, "Scholing en certificaten kandidaten"),
                ("op-weg-naar-werk", 310000, "Ingekochte begeleiding dagbesteding"),
                ("management-en-ondersteuning", 96000, "Huisvesting en ICT"),
            ):
                DirectCost.objects.create(
                    task=tasks[code],
                    year=year,
                    description=what,
                    amount=Decimal(amount),
                    recorded_by=recorder,
                )
    _allocate_jobcoaches(today, tasks, functions, recorder)
    return len(entries)


def _allocate_jobcoaches(today: date, tasks, functions, recorder) -> None:
    """The jobcoaches allocate their time per team in fte instead of registering it per week."""
    from werkbedrijf.organisations.models import Team, TeamKind
    from werkbedrijf.reference_data.organisations import werkbedrijf

    from .services import ShareInput, allocate_team

    if recorder is None:
        return
    team, _created = Team.objects.get_or_create(
        organisation=werkbedrijf(), name="Jobcoaching", defaults={"kind": TeamKind.WERKBEDRIJF}
    )
    manager = _cost_manager(recorder)
    for year in (today.year - 1, today.year):
        allocate_team(
            actor=manager,
            team=team,
            function=functions["jobcoach"],
            year=year,
            fte=Decimal("6.5"),
            hours_per_fte=Decimal(1500),
            shares=[
                ShareInput(tasks["arbeidsbemiddeling"], None, Decimal(55)),
                ShareInput(tasks["activering"], None, Decimal(30)),
                ShareInput(tasks["management-en-ondersteuning"], None, Decimal(15)),
            ],
        )


def _cost_manager(fallback):
    """A WerkBedrijf colleague who may keep the cost figures (a manager or DVO administrator)."""
    from werkbedrijf.access import policy
    from werkbedrijf.accounts.models import User

    staff = User.objects.filter(is_active=True, organisation__kind=OrganisationKind.WERKBEDRIJF)
    for user in staff.order_by("pk"):
        if policy.can_manage_costs(user):
            return user
    return fallback
