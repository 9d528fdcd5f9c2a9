"""Synthetic employer services for demonstrations and benchmarks: for the synthetic employers
("Voorbeeldbedrijf …", KvK 9999xxxx) a location, contact moments over the last two years, wishes
for werkbaar werk, and events per municipality. Called by candidates.synthetic.generate_population.

Written with bulk_create, not through the services (no processing-log entry per row: no real
person's data is processed), but within the services' rules: a location's postcode lies in its
municipality's range, a follow-up comes after its contact, an event is held only when its day has
passed. The names of the people spoken to are made up; synthetic events are titled "Voorbeeld…"."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from .models import (
    ContactKind,
    ContactMoment,
    EmployerEvent,
    EmployerLocation,
    EmployerWish,
    EventKind,
    EventStatus,
    SizeClass,
    WishKind,
    WishStatus,
)

SYNTHETIC_EVENT_TITLE = "Voorbeeld"
POSTCODE_LETTERS = "ABCDEFGHJKLMNPRTVWXZ"
SUBJECTS = (
    "Kennismaking en rondleiding op de werkvloer",
    "Personeelsvraag voor het komende seizoen",
    "Mogelijkheden voor jobcarving in de productie",
    "Loonkostensubsidie en de werkgeversbonus",
    "Evaluatie van een plaatsing",
    "Proefplaatsing bespreken",
    "Social Return bij een aanbesteding",
    "Vacatures doorgenomen met de HR-adviseur",
)
WISH_TEXTS = {
    WishKind.JOB_CARVING: "Eenvoudige taken losmaken uit bestaande functies",
    WishKind.TRIAL_PLACE: "Proefplaatsen met uitzicht op een contract",
    WishKind.LEARNING_PLACE: "Leerwerkplekken met een praktijkopleider",
}
EVENT_TITLES = {
    EventKind.JOB_MARKET: "Voorbeeld banenmarkt",
    EventKind.COMPANY_VISIT: "Voorbeeld bedrijfsbezoek",
    EventKind.SPEED_DATE: "Voorbeeld speeddates",
}


@dataclass
class Counts:
    locations: int = 0
    contacts: int = 0
    wishes: int = 0
    events: int = 0


def delete_synthetic_services(employers) -> None:
    """What an earlier run made for these employers, and the synthetic events."""
    ContactMoment.objects.filter(employer__in=employers).delete()
    EmployerWish.objects.filter(employer__in=employers).delete()
    EmployerLocation.objects.filter(employer__in=employers).delete()
    EmployerEvent.objects.filter(title__startswith=SYNTHETIC_EVENT_TITLE).delete()


def generate_employer_services(
    *,
    employers: list,
    consultants: list,
    municipalities: dict,
    places: dict,
    last_names: list[str],
    today: date,
    seed: int,
) -> Counts:
    """``municipalities``: CBS code -> municipality; ``places``: CBS code -> (place, lowest PC4,
    highest PC4, streets) as in candidates.synthetic.PLACES."""
    counts = Counts()
    if not employers or not consultants or not municipalities:
        return counts
    rng = random.Random(f"employer-services-{seed}")
    delete_synthetic_services(employers)
    codes = sorted(code for code in places if code in municipalities)
    locations, contacts, wishes = [], [], []
    where = {}
    for employer in employers:
        code = next(
            (c for c in codes for p in places[c] if p[0] == employer.city), rng.choice(codes)
        )
        place, low, high, streets = rng.choice(places[code])
        location = EmployerLocation(
            employer=employer,
            street=rng.choice(streets),
            house_number=str(rng.randint(1, 250)),
            postcode=f"{rng.randint(low, high)}{rng.choice(POSTCODE_LETTERS)}"
            f"{rng.choice(POSTCODE_LETTERS)}",
            city=place,
            municipality=municipalities[code],
        )
        locations.append(location)
        where[employer.pk] = municipalities[code]
        employer.size_class = rng.choices(SizeClass.values, weights=(50, 30, 15, 5))[0]
        employer.account_manager = rng.choice(consultants)
        for _ in range(rng.choices((0, 1, 2, 3, 5), weights=(35, 30, 15, 12, 8))[0]):
            contact_on = today - timedelta(days=rng.randint(0, 730))
            follow_up = (
                contact_on + timedelta(days=rng.randint(7, 60)) if rng.random() < 0.4 else None
            )
            contacts.append(
                ContactMoment(
                    employer=employer,
                    kind=rng.choices(ContactKind.values, weights=(50, 35, 15))[0],
                    contact_on=contact_on,
                    contact_person=f"mw. {rng.choice(last_names)}"
                    if rng.random() < 0.5
                    else f"dhr. {rng.choice(last_names)}",
                    subject=rng.choice(SUBJECTS),
                    follow_up_on=follow_up,
                    consultant=rng.choice(consultants),
                    municipality=municipalities[code],
                )
            )
        if rng.random() < 0.2:
            kind = rng.choice(WishKind.values)
            recorded = today - timedelta(days=rng.randint(0, 365))
            status = rng.choice(WishStatus.values)
            wishes.append(
                EmployerWish(
                    employer=employer,
                    kind=kind,
                    description=WISH_TEXTS[kind],
                    places=rng.randint(1, 5),
                    status=status,
                    recorded_on=recorded,
                    status_changed_on=recorded
                    if status == WishStatus.OPEN
                    else min(today, recorded + timedelta(days=rng.randint(1, 90))),
                    recorded_by=rng.choice(consultants),
                )
            )
    from .models import Employer

    Employer.objects.bulk_update(employers, ["size_class", "account_manager"], batch_size=2000)
    counts.locations = len(EmployerLocation.objects.bulk_create(locations, batch_size=2000))
    # Locations first: contacts at a location point at it.
    by_employer = {loc.employer_id: loc for loc in locations}
    for contact in contacts:
        contact.location = by_employer.get(contact.employer_id)
    counts.contacts = len(ContactMoment.objects.bulk_create(contacts, batch_size=5000))
    counts.wishes = len(EmployerWish.objects.bulk_create(wishes, batch_size=2000))
    counts.events = _events(
        rng, employers, consultants, municipalities, codes, places, where, today
    )
    return counts


def _events(rng, employers, consultants, municipalities, codes, places, where, today) -> int:
    """One or two events per municipality and year, this year's and last; the employers of the
    municipality take part."""
    made = 0
    for year in (today.year - 1, today.year):
        for code in codes:
            local = [e for e in employers if where[e.pk] == municipalities[code]]
            for _ in range(rng.randint(1, 2)):
                held_on = date(year, rng.randint(1, 12), rng.randint(1, 28))
                kind = rng.choice(EventKind.values)
                if held_on <= today:
                    status = EventStatus.HELD if rng.random() < 0.9 else EventStatus.CANCELLED
                else:
                    status = EventStatus.PLANNED
                event = EmployerEvent.objects.create(
                    kind=kind,
                    title=f"{EVENT_TITLES[kind]} {places[code][0][0]}",
                    held_on=held_on,
                    place=places[code][0][0],
                    municipality=municipalities[code],
                    status=status,
                    organiser=rng.choice(consultants),
                )
                if local:
                    event.employers.add(*rng.sample(local, min(len(local), rng.randint(1, 6))))
                made += 1
    return made
