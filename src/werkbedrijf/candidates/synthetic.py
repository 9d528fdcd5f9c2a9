"""A synthetic population of candidates for demonstrations and benchmarks, clearly labelled.

Every generated candidate, trajectory and activity has ``synthetic=True``. Employers have no such flag:
the synthetic ones are named "Voorbeeldbedrijf …" and have KvK numbers 9999xxxx, and every step to
At work comes with a placement at one of them, starting that day. Instruments follow the phase: a
training on the main route (at most € 1.500 per candidate), and with a placement a wage subsidy for
a candidate in the job-agreement register, jobcoaching or travel costs, each checked against
``policies.instrument_errors`` and dated within its trajectory. BSNs come from the range
9xx xxx xxx, which is not issued to residents (the test numbers 9999 9xxxx used by the test suite
lie in it too): the generator takes the numbers from 900 000 000 upwards that pass the 11-proef, in
order, so a seed always gives the same numbers and 1,000,000 of them fit below 912 000 000. Names,
streets and postcodes look Dutch and lie in the seven municipalities; phone numbers are 024-numbers
whose subscriber part starts with 0, which is never issued, and e-mail goes to example.org.

Rows are written with ``bulk_create`` in batches, not through the services (which would write a
processing-log entry per row and take minutes per thousand), but they keep the services'
invariants: one active trajectory per candidate and only the last one, a closed phase has its
``closed_on``, every step is one ``policies.STEPS`` allows, the main route has a sector group and a
consultant bedrijfsdienstverlening, a return has a reason, every candidate has exactly one current
contact person, Intensieve begeleiding 27+ only from 27, and activities charged to a municipality's
local choice stay within the units it bought. The generation itself is not in the processing log:
no real person's data is processed.
"""

from __future__ import annotations

import random
import time as clock
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from werkbedrijf.accounts.models import Role, User
from werkbedrijf.employers.models import Employer, SectorGroup
from werkbedrijf.employers.policies import is_valid_kvk
from werkbedrijf.employers.synthetic import delete_synthetic_services, generate_employer_services
from werkbedrijf.organisations.models import Organisation, OrganisationKind
from werkbedrijf.reference_data import organisations as orgs
from werkbedrijf.utils.bsn import valid_bsns

from . import policies
from .models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Candidate,
    ContactAssignment,
    DutchLevel,
    EmploymentForm,
    Instrument,
    InstrumentKind,
    JourneyStep,
    Phase,
    Placement,
    ReferralChannel,
    Trajectory,
    Weekday,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FIRST_SYNTHETIC_BSN = 900_000_000
SYNTHETIC_USERNAME_PREFIX = "synth-"
# Synthetic employers: the Employer model has no synthetic flag, so they are known by both their
# name and a KvK number in a block of their own (9999xxxx); only those are ever deleted.
SYNTHETIC_EMPLOYER_NAME = "Voorbeeldbedrijf"
SYNTHETIC_KVK_PREFIX = "9999"
EMPLOYER_NAMES = (
    "Bouw",
    "Zorg",
    "Logistiek",
    "Techniek",
    "Groen",
    "Schoonmaak",
    "Horeca",
    "Detailhandel",
    "Metaal",
    "Administratie",
)


@dataclass(frozen=True)
class Size:
    candidates: int
    activities_per_candidate: float  # on average
    consultants: int
    first_referral: date  # journeys start between this date and today


SIZES = {
    # The demo shows a lively caseload: journeys since the DVO 2024-2025 began.
    "demo": Size(300, 3, 8, date(2024, 7, 1)),
    "region": Size(60_000, 10, 60, date(2021, 1, 1)),
    "national": Size(1_000_000, 10, 1_000, date(2021, 1, 1)),
}


# Employment forms of the synthetic placements: none that is for statushouders only.
PLACEMENT_FORMS = (
    EmploymentForm.REGULAR,
    EmploymentForm.SECONDMENT,
    EmploymentForm.TRIAL,
    EmploymentForm.WORK_EXPERIENCE,
)
PLACEMENT_FORM_WEIGHTS = (60, 15, 10, 15)


# --- BSNs ----------------------------------------------------------------------------------------


def synthetic_bsns(count: int, start: int = FIRST_SYNTHETIC_BSN) -> Iterator[str]:
    return valid_bsns(start, count)


# --- names and addresses ------------------------------------------------------------------------

_FIRST_NAMES = (
    "Daan Sem Lucas Levi Finn Noah Milan Jesse Bram Thijs Ruben Lars Stijn Jeroen Mark Kees Henk "
    "Willem Johan Pieter Sander Bas Joost Tim Koen Niels Mohamed Ahmed Youssef Mustafa Omar Hamza "
    "Mehmet Emre Yusuf Burak Tesfay Yonas Dawit Abdi Kacper Jakub Andrei Tomasz Rik Gijs Wout "
    "Emma Julia Mila Tess Sophie Zoë Sara Anna Eva Lotte Fleur Lisa Sanne Anouk Iris Noor Fenna "
    "Marieke Ingrid Petra Annemiek Els Ria Wilma Fatima Khadija Salma Meryem Aïcha Ayşe Elif "
    "Zeynep Senait Helen Saba Selam Agnieszka Ioana Nour Leila Dilan Inge Fenneke Renée Ådne"
)
FIRST_NAMES = _FIRST_NAMES.split()

# (prefix, last name): the prefix is sorted apart, as Dutch lists do ("Berg, van den").
LAST_NAMES = (
    ("", "Jansen"),
    ("de", "Jong"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("van", "Dijk"),
    ("", "Bakker"),
    ("", "Janssen"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("", "Smits"),
    ("de", "Graaf"),
    ("van der", "Meer"),
    ("van der", "Linden"),
    ("", "Kok"),
    ("", "Jacobs"),
    ("de", "Haan"),
    ("", "Vermeulen"),
    ("van den", "Heuvel"),
    ("van der", "Veen"),
    ("van den", "Broek"),
    ("de", "Bruijn"),
    ("", "Schouten"),
    ("van", "Beek"),
    ("", "Willems"),
    ("van", "Vliet"),
    ("", "Hoekstra"),
    ("", "Maas"),
    ("", "Verhoeven"),
    ("", "Koster"),
    ("van", "Wijk"),
    ("", "Prins"),
    ("", "Gerritsen"),
    ("", "Arts"),
    ("", "Hermsen"),
    ("", "Derksen"),
    ("", "Lamers"),
    ("", "Peeters"),
    ("van", "Haren"),
    ("", "Thijssen"),
    ("", "Wijnen"),
    ("", "Verbruggen"),
    ("", "Cornelissen"),
    ("", "Jaspers"),
    ("van", "Kessel"),
    ("'t", "Hart"),
    ("", "Çelik-ʼt Hooft"),
    ("", "Yılmaz"),
    ("", "Kaya"),
    ("", "Demir"),
    ("", "Şahin"),
    ("", "Öztürk"),
    ("El", "Amrani"),
    ("El", "Idrissi"),
    ("", "Bouzid"),
    ("", "Benali"),
    ("", "Haddad"),
    ("Al", "Khatib"),
    ("", "Tesfamariam"),
    ("", "Gebremedhin"),
    ("", "Haile"),
    ("", "Mohamud"),
    ("", "Kowalski"),
    ("", "Nowak"),
    ("", "Wiśniewska"),
    ("", "Popescu"),
    ("", "Nguyễn"),
    ("", "Müller"),
)

# (place, lowest and highest postcode number, streets); the ranges follow PostNL's numbering.
PLACES: dict[str, tuple[tuple[str, int, int, tuple[str, ...]], ...]] = {
    "GM0268": (
        (
            "Nijmegen",
            6511,
            6546,
            (
                "Molenstraat",
                "Van Welderenstraat",
                "Graafseweg",
                "Hatertseweg",
                "Sint Annastraat",
                "Groenestraat",
                "Tarweweg",
                "Thijmstraat",
                "Dukaatstraat",
                "Zwanenveld",
                "Meijhorst",
                "Malderburchtstraat",
                "Vossendijk",
                "Bottendaalseweg",
                "Hengstdal",
                "Daalseweg",
                "Wolfskuilseweg",
                "Javastraat",
                "Waalkade",
                "Kolpingstraat",
            ),
        ),
    ),
    "GM0296": (
        (
            "Wijchen",
            6600,
            6605,
            (
                "Kasteellaan",
                "Homberg",
                "Valendries",
                "Campagne",
                "Touwslagersbaan",
                "Diemewei",
                "Saltshof",
                "Oosterweg",
                "Heilige Stoel",
                "Noordhoek",
            ),
        ),
    ),
    "GM0209": (
        ("Beuningen", 6640, 6642, ("Van Heemstraweg", "Julianastraat", "Mercatorweg", "Rozenhof")),
        ("Ewijk", 6643, 6644, ("Binnenweg", "Dorpsstraat", "Kerkstraat")),
    ),
    "GM0225": (
        ("Druten", 6650, 6652, ("Hogeweg", "Heuvel", "Koningin Julianastraat", "Waalbandijk")),
        ("Afferden", 6654, 6654, ("Dorpsstraat", "Molenstraat")),
        ("Puiflijk", 6655, 6655, ("Kerkstraat", "Hoogstraat")),
        ("Horssen", 6657, 6659, ("Bovenstraat", "Zandstraat")),
    ),
    "GM0252": (
        ("Malden", 6580, 6582, ("Rijksweg", "Kerkplein", "Sionsweg", "Veldweg", "Schoolstraat")),
        ("Heumen", 6583, 6583, ("Dorpsstraat", "Kapelweg")),
        ("Molenhoek", 6584, 6584, ("Lindenlaan", "Wezelseweg")),
    ),
    "GM0944": (
        ("Mook", 6585, 6585, ("Groesbeekseweg", "Raamweg", "Molenweg", "Kerkstraat")),
        ("Plasmolen", 6586, 6586, ("Witteweg", "Rijksweg")),
        ("Middelaar", 6587, 6587, ("Middelaarseweg", "Bosweg")),
    ),
    "GM1945": (
        (
            "Groesbeek",
            6560,
            6563,
            ("Dorpsstraat", "Kloosterstraat", "Stekkenberg", "Wylerbaan", "Molenweg"),
        ),
        ("Millingen aan de Rijn", 6566, 6566, ("Heerbaan", "Kerkstraat", "Weverstraat")),
        ("Berg en Dal", 6571, 6572, ("Oude Kleefsebaan", "Zevenheuvelenweg")),
        ("Beek", 6573, 6573, ("Rijksstraatweg", "Nijmeegsebaan")),
    ),
}

# The residents of each municipality (CBS, rounded), to spread candidates as the region is.
RESIDENTS = {
    "GM0268": 182_000,
    "GM0296": 41_500,
    "GM1945": 35_000,
    "GM0209": 26_500,
    "GM0225": 19_500,
    "GM0252": 16_800,
    "GM0944": 8_000,
}

POSTCODE_LETTERS = "ABCDEFGHJKLMNPRTVWXZ"  # SA, SD and SS are never used; leaving out S is simpler
SUFFIXES = ("A", "B", "C", "1", "2", "bis", "-3")

LANGUAGES_REFUGEE = ("Arabisch", "Tigrinya", "Dari", "Somalisch", "Oekraïens", "Turks", "Koerdisch")
EDUCATION = (
    "vmbo basis",
    "vmbo kader",
    "mbo 1 Entree",
    "mbo 2 Logistiek",
    "mbo 2 Zorg en welzijn",
    "mbo 3 Techniek",
    "havo (niet afgerond)",
    "hbo (buitenland, niet gewaardeerd)",
    "geen diploma",
)
WORK_EXPERIENCE = (
    "Orderpicker in een distributiecentrum",
    "Schoonmaker in kantoren",
    "Kassamedewerker supermarkt",
    "Bezorger",
    "Hulp in de keuken",
    "Productiemedewerker",
    "Geen betaald werk; vrijwilligerswerk bij de voedselbank",
    "Timmerman in het land van herkomst",
)
LIMITATIONS = (
    "Kan niet lang staan",
    "Kan niet zwaar tillen",
    "Niet in ploegendienst",
    "Heeft rustige werkplek nodig",
    "Maximaal vier uur per dag",
)
WORKDAYS = (Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY)
REFERRAL_NOTES = (
    "Nieuw in de bijstand; wil snel aan het werk",
    "Na lange periode van ziekte weer beschikbaar",
    "Statushouder, net gehuisvest",
    "Jongere zonder startkwalificatie",
    "Heeft hulp nodig bij solliciteren",
    "",
)
RETURN_REASONS = (
    "Werk is nu niet haalbaar door zorgtaken",
    "Medische problemen staan werk in de weg",
    "Verhuisd buiten de regio",
    "Niet verschenen na herhaalde uitnodiging",
    "Start met een opleiding",
    "Eerst schuldhulpverlening en stabilisatie",
)
STEP_REASONS = {
    Phase.WELCOME: "Welkomstgesprek gepland",
    Phase.INTAKE: "Intake en diagnose gestart",
    Phase.FURTHER_DIAGNOSIS: "Verdere diagnose: praktijkdiagnose van ongeveer 14 weken",
    Phase.MAIN_ROUTE: "Hoofdroute naar werk",
    Phase.AT_WORK: "Aan het werk",
    Phase.OUTFLOW: "Uitstroom naar werk zonder uitkering",
}
ACTIVITY_NAMES = {
    ActivityKind.WORKSHOP: ("Workshop solliciteren", "Workshop LinkedIn", "Workshop cv maken"),
    ActivityKind.TRAINING: ("VCA-training", "Heftruckcertificaat", "Training klantcontact"),
    ActivityKind.VERSNELLING: ("De Versnelling",),
    ActivityKind.SAMEN_STERK: ("Samen sterk naar werk",),
    ActivityKind.ACTIVATION: ("Activeringstraject",),
    ActivityKind.MULTI_PROBLEM_27: ("Intensieve begeleiding multiproblematiek 27+",),
    ActivityKind.CARE_YOUTH: ("Traject zorgjongeren",),
    ActivityKind.PARTICIPATION_COACHING: ("Participatiecoaching",),
    ActivityKind.TARGET_GROUP: ("Doelgroepbenadering: screening",),
}
ACTIVITY_WEIGHTS = {
    ActivityKind.WORKSHOP: 30,
    ActivityKind.TRAINING: 25,
    ActivityKind.VERSNELLING: 6,
    ActivityKind.SAMEN_STERK: 6,
    ActivityKind.ACTIVATION: 6,
    ActivityKind.MULTI_PROBLEM_27: 5,
    ActivityKind.CARE_YOUTH: 5,
    ActivityKind.PARTICIPATION_COACHING: 10,
    ActivityKind.TARGET_GROUP: 7,
}
# Which activities are charged to which local choices: the one table of the rule
# (policies.CHARGEABLE_AS). Participatiecoaching is bought in fte, not per candidate, so the
# population charges no unit of it per activity.
CHARGED_AS = {
    kind: codes
    for kind, codes in policies.CHARGEABLE_AS.items()
    if kind != ActivityKind.PARTICIPATION_COACHING
}
CHARGE_AT_MOST = Decimal("0.85")  # leave room, so a consultant in the demo can still charge

# The journey: from each phase, where it goes next (only steps policies.STEPS allows) and how many
# days it stays before it moves on.
NEXT = {
    Phase.REFERRED: ((Phase.WELCOME, 85), (Phase.INTAKE, 10), (Phase.RETURNED, 5)),
    Phase.WELCOME: ((Phase.INTAKE, 92), (Phase.RETURNED, 8)),
    Phase.INTAKE: ((Phase.MAIN_ROUTE, 60), (Phase.FURTHER_DIAGNOSIS, 30), (Phase.RETURNED, 10)),
    Phase.FURTHER_DIAGNOSIS: ((Phase.MAIN_ROUTE, 70), (Phase.INTAKE, 10), (Phase.RETURNED, 20)),
    Phase.MAIN_ROUTE: ((Phase.AT_WORK, 60), (Phase.FURTHER_DIAGNOSIS, 10), (Phase.RETURNED, 30)),
    Phase.AT_WORK: ((Phase.OUTFLOW, 75), (Phase.MAIN_ROUTE, 15), (Phase.RETURNED, 10)),
}
STAY_DAYS = {
    Phase.REFERRED: (3, 21),
    Phase.WELCOME: (7, 30),
    Phase.INTAKE: (14, 60),
    Phase.FURTHER_DIAGNOSIS: (30, 120),
    Phase.MAIN_ROUTE: (30, 270),
    Phase.AT_WORK: (30, 365),
}
MAX_STEPS = 12


for _phase, _targets in NEXT.items():  # the table above may only hold allowed steps
    assert {t for t, _ in _targets} <= policies.STEPS[_phase], _phase


# --- generation ----------------------------------------------------------------------------------


@dataclass
class Result:
    size: str
    candidates: int = 0
    trajectories: int = 0
    steps: int = 0
    activities: int = 0
    contacts: int = 0
    placements: int = 0
    instruments: int = 0
    employers: int = 0
    employer_contacts: int = 0
    employer_events: int = 0
    seconds: float = 0.0
    skipped: bool = False


class _Budget:
    """Units of local choices still free to charge, per municipality, service and year."""

    def __init__(self):
        from werkbedrijf.agreements.models import AgreementStatus, LocalChoice

        from .services import units_bought, units_used

        self.free: dict[tuple[int, str, int], list] = {}
        choices = LocalChoice.objects.filter(
            valid_until__isnull=True,
            quantity__isnull=False,
            service__code__in=set().union(*CHARGED_AS.values()),
            municipal_agreement__agreement__status=AgreementStatus.ADOPTED,
        ).select_related("service", "municipal_agreement__agreement")
        for choice in choices:
            agreement = choice.municipal_agreement.agreement
            bought = units_bought(choice, agreement.period_start, agreement.period_end)
            free = int(bought * CHARGE_AT_MOST - units_used(choice))
            if free > 0:
                key = (choice.municipal_agreement.municipality_id, choice.service.code, choice.year)
                self.free[key] = [choice, free, agreement.period_start]

    def charge(self, municipality_id: int, kind: str, start: date):
        for code in sorted(CHARGED_AS.get(kind, ())):
            entry = self.free.get((municipality_id, code, start.year))
            if entry is None or entry[1] <= 0 or start < entry[2]:
                continue
            entry[1] -= 1
            return entry[0]
        return None


def _staff(prefix: str, count: int, organisation, role: str, rng: random.Random) -> list[User]:
    from werkbedrijf.accounts.services import create_staff_account

    existing = {u.username: u for u in User.objects.filter(username__startswith=prefix)}
    users = []
    for i in range(1, count + 1):
        username = f"{prefix}{i:04d}"
        user = existing.get(username)
        if user is None:
            prefix_name, last = rng.choice(LAST_NAMES)
            user = create_staff_account(
                username=username,
                organisation=organisation,
                roles=[role],
                password=None,  # synthetic accounts cannot log in
                first_name=rng.choice(FIRST_NAMES),
                last_name=f"{prefix_name} {last}".strip(),
                email=f"{username}@example.org",
            )
        users.append(user)
    return users


def synthetic_employers():
    """The synthetic employers: by name and their own block of KvK numbers."""
    return Employer.objects.filter(
        name__startswith=f"{SYNTHETIC_EMPLOYER_NAME} ", kvk_number__startswith=SYNTHETIC_KVK_PREFIX
    )


def _employers(count: int, seed: int) -> list[Employer]:
    """The pool of synthetic employers, the same for a seed; created when missing."""
    rng = random.Random(f"employers-{seed}")
    sectors = list(SectorGroup.values)
    wanted = []
    for i in range(1, count + 1):
        kvk = f"{SYNTHETIC_KVK_PREFIX}{i:04d}"
        assert is_valid_kvk(kvk)
        code = rng.choice(list(RESIDENTS))
        place = rng.choice(PLACES[code])[0]
        wanted.append(
            Employer(
                name=f"{SYNTHETIC_EMPLOYER_NAME} {rng.choice(EMPLOYER_NAMES)} {place} {i}",
                kvk_number=kvk,
                sector_group=rng.choice(sectors),
                city=place,
                contact_email=f"werkgever{i:04d}@example.org",
            )
        )
    taken = set(
        Employer.objects.filter(kvk_number__in=[e.kvk_number for e in wanted]).values_list(
            "kvk_number", flat=True
        )
    )
    Employer.objects.bulk_create([e for e in wanted if e.kvk_number not in taken])
    return list(synthetic_employers().order_by("kvk_number"))


def synthetic_population_exists() -> bool:
    return Candidate.objects.filter(synthetic=True).exists()


def delete_synthetic_population(batch: int = 5000) -> int:
    """Delete every synthetic candidate with all it has, and the synthetic employers nobody else
    placed anyone with; the synthetic staff accounts stay."""
    deleted = 0
    while True:
        ids = list(
            Candidate.objects.filter(synthetic=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            delete_synthetic_services(synthetic_employers())
            synthetic_employers().filter(placements__isnull=True).delete()
            return deleted
        with transaction.atomic():
            trajectories = Trajectory.objects.filter(candidate_id__in=ids)
            # The big tables first, in one statement each; the rest goes by cascade.
            Activity.objects.filter(trajectory__in=trajectories).delete()
            JourneyStep.objects.filter(trajectory__in=trajectories).delete()
            Placement.objects.filter(trajectory__in=trajectories).delete()
            Instrument.objects.filter(trajectory__in=trajectories).delete()
            trajectories.delete()
            Candidate.objects.filter(pk__in=ids).delete()
        deleted += len(ids)


def generate_population(
    size: str = "demo",
    *,
    seed: int = 2026,
    batch: int = 5000,
    replace: bool = False,
    count: int | None = None,
    include_existing_consultants: bool = False,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> Result:
    """Generate the synthetic population of ``size`` (demo, region, national).

    Does nothing when a synthetic population exists, unless ``replace`` deletes it first. The same
    seed and day give the same population. ``count`` overrides the number of candidates (tests).
    ``include_existing_consultants`` also makes the database's own WerkBedrijf consultants contact
    persons (a demo login then has a caseload of its own)."""
    spec = SIZES[size]
    result = Result(size)
    started = clock.monotonic()
    say = progress or (lambda message: None)
    if synthetic_population_exists():
        if not replace:
            result.skipped = True
            return result
        say(f"deleted {delete_synthetic_population(batch)} synthetic candidates")
    if not Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).exists():
        orgs.load_organisations()
    rng = random.Random(seed)
    staff_rng = random.Random(f"staff-{seed}")  # apart, so existing accounts change nothing
    today = today or timezone.localdate()
    total = count if count is not None else spec.candidates
    municipalities = {o.cbs_code: o for o in Organisation.objects.filter(cbs_code__in=RESIDENTS)}
    consultants = _staff(
        f"{SYNTHETIC_USERNAME_PREFIX}consultant-",
        spec.consultants,
        orgs.werkbedrijf(),
        Role.CONSULTANT,
        staff_rng,
    )
    if include_existing_consultants:
        consultants += list(
            User.objects.filter(
                is_active=True,
                organisation__kind=OrganisationKind.WERKBEDRIJF,
                role_assignments__role=Role.CONSULTANT,
            )
            .exclude(username__startswith=SYNTHETIC_USERNAME_PREFIX)
            .order_by("pk")
        )
    case_managers = {
        code: _staff(
            f"{SYNTHETIC_USERNAME_PREFIX}inkomen-{code.lower()}-",
            1,
            municipality,
            Role.INCOME_CASE_MANAGER,
            staff_rng,
        )[0]
        for code, municipality in municipalities.items()
    }
    employers = _employers(min(max(20, total // 20), 9999), seed)
    result.employers = len(employers)
    with transaction.atomic():
        services = generate_employer_services(
            employers=employers,
            consultants=consultants,
            municipalities=municipalities,
            places=PLACES,
            last_names=LAST_NAMES,
            today=today,
            seed=seed,
        )
    result.employer_contacts, result.employer_events = services.contacts, services.events
    say(f"{services.contacts:,} contacts with employers, {services.events} events")
    generator = _Generator(rng, spec, today, municipalities, consultants, case_managers, employers)
    bsns = synthetic_bsns(total + _taken_count())
    taken = set(
        Candidate.objects.filter(bsn__gte=str(FIRST_SYNTHETIC_BSN)).values_list("bsn", flat=True)
    )
    done = 0
    while done < total:
        n = min(batch, total - done)
        chunk_bsns = []
        while len(chunk_bsns) < n:
            bsn = next(bsns)
            if bsn not in taken:
                chunk_bsns.append(bsn)
        with transaction.atomic():
            generator.write(chunk_bsns, batch, result)
        done += n
        say(f"{done:,} / {total:,} candidates ({clock.monotonic() - started:.0f} s)")
    result.seconds = clock.monotonic() - started
    return result


def _taken_count() -> int:
    return Candidate.objects.filter(bsn__gte=str(FIRST_SYNTHETIC_BSN)).count()


class _Generator:
    def __init__(
        self, rng, spec: Size, today, municipalities, consultants, case_managers, employers
    ):
        self.rng, self.spec, self.today = rng, spec, today
        self.employers = employers
        self.municipalities = municipalities
        self.consultants, self.case_managers = consultants, case_managers
        self.business_consultants = consultants[: max(1, len(consultants) // 5)]
        self.budget = _Budget()
        codes = list(RESIDENTS)
        self.codes, self.code_weights = codes, [RESIDENTS[c] for c in codes]
        self.kinds = list(ACTIVITY_WEIGHTS)
        self.kind_weights = list(ACTIVITY_WEIGHTS.values())
        self.span = (today - spec.first_referral).days

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def write(self, bsns: list[str], batch: int, result: Result) -> None:
        people = [self.candidate(bsn) for bsn in bsns]
        candidates = [candidate for candidate, _ in people]
        Candidate.objects.bulk_create(candidates, batch_size=batch)
        journeys = [(c, self.journeys(c, referred_on)) for c, referred_on in people]
        trajectories = [t for _, plans in journeys for t, _ in plans]
        Trajectory.objects.bulk_create(trajectories, batch_size=batch)
        steps, activities, contacts, placements, instruments = [], [], [], [], []
        for candidate, plans in journeys:
            training_spent = Decimal(0)
            for trajectory, plan in plans:
                placed = self.placements(candidate, trajectory, plan)
                placements += placed
                found = self.instruments(candidate, trajectory, plan, placed, training_spent)
                training_spent += sum(
                    (i.amount for i in found if i.kind == InstrumentKind.TRAINING), Decimal(0)
                )
                instruments += found
                steps += [
                    JourneyStep(
                        uuid=self.uuid(),
                        trajectory=trajectory,
                        from_phase=from_phase,
                        to_phase=to_phase,
                        occurred_on=day,
                        reason=reason,
                        recorded_by=who,
                    )
                    for from_phase, to_phase, day, reason, who in plan
                ]
            activities += self.activities(candidate, [t for t, _ in plans])
            contacts += self.contacts(candidate, plans[0][0].referred_on)
        JourneyStep.objects.bulk_create(steps, batch_size=batch)
        Activity.objects.bulk_create(activities, batch_size=batch)
        Placement.objects.bulk_create(placements, batch_size=batch)
        Instrument.objects.bulk_create(instruments, batch_size=batch)
        ContactAssignment.objects.bulk_create(contacts, batch_size=batch)
        result.candidates += len(candidates)
        result.trajectories += len(trajectories)
        result.steps += len(steps)
        result.activities += len(activities)
        result.contacts += len(contacts)
        result.placements += len(placements)
        result.instruments += len(instruments)

    # -- the person --

    def candidate(self, bsn: str) -> tuple[Candidate, date]:
        """A person and the day of their first referral."""
        rng = self.rng
        code = rng.choices(self.codes, self.code_weights)[0]
        place, low, high, streets = rng.choice(PLACES[code])
        first = rng.choice(FIRST_NAMES)
        prefix, last = rng.choice(LAST_NAMES)
        refugee = rng.random() < 0.08
        referred_on = self.spec.first_referral + timedelta(days=rng.randint(0, self.span))
        born = referred_on - timedelta(days=rng.randint(18 * 366, 66 * 365))
        limitations = rng.choice(LIMITATIONS) if rng.random() < 0.12 else ""
        return Candidate(
            uuid=self.uuid(),
            bsn=bsn,
            initials=f"{first[0]}.",
            first_name=first,
            name_prefix=prefix,
            last_name=last,
            date_of_birth=born,
            street=rng.choice(streets),
            house_number=rng.randint(1, 250),
            house_number_suffix=rng.choice(SUFFIXES) if rng.random() < 0.1 else "",
            postcode=f"{rng.randint(low, high)}{rng.choice(POSTCODE_LETTERS)}"
            f"{rng.choice(POSTCODE_LETTERS)}",
            city=place,
            municipality=self.municipalities[code],
            phone=f"024-0{rng.randint(100000, 999999)}",
            email=f"{first.lower()}.{rng.randint(1000, 99999)}@example.org",
            languages=", ".join(
                ["Nederlands"] if not refugee else rng.sample(LANGUAGES_REFUGEE, 2)
            ),
            dutch_level=(
                rng.choice((DutchLevel.A1, DutchLevel.A2, DutchLevel.B1))
                if refugee
                else DutchLevel.NATIVE
            ),
            education=rng.choice(EDUCATION),
            work_experience=rng.choice(WORK_EXPERIENCE),
            sector_wishes=rng.sample(list(SectorGroup.values), rng.randint(1, 2)),
            hours_per_week=rng.choice((16, 20, 24, 32, 36)),
            hours_per_day=rng.choice((4, 6, 8)),
            available_days=sorted(rng.sample(WORKDAYS, rng.randint(2, 5)), key=WORKDAYS.index),
            functional_limitations=limitations,
            driving_licence="B" if rng.random() < 0.4 else "",
            benefit_start_date=referred_on - timedelta(days=rng.randint(0, 3 * 365)),
            job_agreement_register=rng.random() < 0.1,
            refugee=refugee,
            single_parent_child_under_5=rng.random() < 0.05,
            synthetic=True,
        ), referred_on

    # -- the journeys --

    def journeys(self, candidate: Candidate, referred_on: date) -> list[tuple[Trajectory, list]]:
        """One or more trajectories one after another; all but perhaps the last are closed."""
        rng = self.rng
        plans = []
        while referred_on <= self.today:
            trajectory, plan = self.trajectory(candidate, referred_on)
            plans.append((trajectory, plan))
            if trajectory.is_active or rng.random() > 0.3:
                break
            referred_on = trajectory.closed_on + timedelta(days=rng.randint(30, 540))
        return plans

    def trajectory(self, candidate: Candidate, referred_on: date) -> tuple[Trajectory, list]:
        rng = self.rng
        case_manager = self.case_managers[candidate.municipality.cbs_code]
        channel = rng.choices(
            (ReferralChannel.SCREEN, ReferralChannel.API, ReferralChannel.UPLOAD),
            (60, 15, 25),
        )[0]
        young = policies.age_on(candidate.date_of_birth, referred_on) < 27
        if young and rng.random() < 0.2:
            channel = ReferralChannel.SELF
        note = rng.choice(REFERRAL_NOTES)
        trajectory = Trajectory(
            uuid=self.uuid(),
            candidate=candidate,
            municipality=candidate.municipality,
            referred_on=referred_on,
            referred_by=None if channel == ReferralChannel.SELF else case_manager,
            channel=channel,
            referral_note=note,
            warm_handover=rng.random() < 0.2,
            search_period_start=referred_on if channel == ReferralChannel.SELF else None,
            synthetic=True,
        )
        recorder = trajectory.referred_by
        plan = [("", Phase.REFERRED, referred_on, note, recorder)]
        phase, day = Phase.REFERRED, referred_on
        consultant = rng.choice(self.consultants)
        while phase in NEXT:
            low, high = STAY_DAYS[phase]
            next_day = day + timedelta(days=rng.randint(low, high))
            if next_day > self.today:
                break  # still in this phase today
            targets, weights = zip(*NEXT[phase], strict=True)
            target = rng.choices(targets, weights)[0]
            if len(plan) >= MAX_STEPS:
                target = Phase.RETURNED
            reason = STEP_REASONS.get(target, "")
            if target == Phase.MAIN_ROUTE:
                trajectory.sector_group = rng.choice(
                    candidate.sector_wishes or list(SectorGroup.values)
                )
                trajectory.business_consultant = rng.choice(self.business_consultants)
            elif target == Phase.AT_WORK:
                trajectory.aftercare = rng.random() < 0.6
            elif target == Phase.RETURNED:
                reason = rng.choice(RETURN_REASONS)
                trajectory.return_reason = reason
                trajectory.return_warm_handover = rng.random() < 0.3
            assert target in policies.STEPS[phase]
            plan.append((phase, target, next_day, reason, consultant))
            phase, day = target, next_day
        trajectory.phase, trajectory.phase_since = phase, day
        if phase in (Phase.OUTFLOW, Phase.RETURNED):
            trajectory.closed_on = day
        return trajectory, plan

    # -- placements --

    def placements(self, candidate: Candidate, trajectory: Trajectory, plan) -> list[Placement]:
        """A placement for every step to 'At work', starting that day; it ends when a later step
        leaves work for the main route or a return (after outflow the work goes on)."""
        rng = self.rng
        placements = []
        for i, (_, to_phase, day, _, _) in enumerate(plan):
            if to_phase != Phase.AT_WORK:
                continue
            later = plan[i + 1] if i + 1 < len(plan) else None
            actual_end = later[2] if later and later[1] != Phase.OUTFLOW else None
            form = rng.choices(PLACEMENT_FORMS, PLACEMENT_FORM_WEIGHTS)[0]
            planned_end = (
                policies.add_months(day, rng.randint(3, 6))
                if form == EmploymentForm.WORK_EXPERIENCE
                else None
            )
            placement = Placement(
                uuid=self.uuid(),
                trajectory=trajectory,
                employer=rng.choice(self.employers),
                form=form,
                start=day,
                planned_end=planned_end,
                actual_end=actual_end,
                hours_per_week=Decimal(candidate.hours_per_week or 24),
                employment_contract=form in (EmploymentForm.REGULAR, EmploymentForm.SECONDMENT),
                job_agreement_indication=candidate.job_agreement_register,
            )
            assert not policies.placement_errors(
                policies.PlacementFacts(
                    form=form,
                    start=day,
                    planned_end=planned_end,
                    employment_contract=placement.employment_contract,
                    refugee=candidate.refugee,
                )
            )
            placements.append(placement)
        return placements

    # -- instruments --

    def instruments(
        self, candidate: Candidate, trajectory: Trajectory, plan, placements, training_spent
    ) -> list[Instrument]:
        """Instruments as the phases call for them: on the main route sometimes a training
        (scholing, at most € 1.500 per candidate in all); with a placement a wage subsidy for a
        candidate in the job-agreement register, and for others sometimes jobcoaching or travel
        costs beyond 10 km. Each starts within the trajectory and ends by its end."""
        rng = self.rng
        last_day = trajectory.closed_on or self.today
        found = []

        def add(kind, start, end=None, **fields):
            start = min(start, last_day)
            if end is not None and trajectory.closed_on is not None:
                end = max(start, min(end, trajectory.closed_on))
            facts = policies.InstrumentFacts(
                kind=kind,
                start=start,
                end=end,
                refugee=candidate.refugee,
                single_parent_child_under_5=candidate.single_parent_child_under_5,
                training_spent_before=training_spent,
                **fields,
            )
            assert not policies.instrument_errors(facts), policies.instrument_errors(facts)
            found.append(
                Instrument(
                    uuid=self.uuid(),
                    trajectory=trajectory,
                    kind=kind,
                    start=start,
                    end=end,
                    srg_category=policies.SRG_CATEGORY[kind],
                    **fields,
                )
            )

        for _, to_phase, day, _, _ in plan:
            room = policies.TRAINING_MAX - training_spent
            if to_phase == Phase.MAIN_ROUTE and room >= 250 and rng.random() < 0.35:
                amount = min(room, Decimal(rng.randrange(250, 1501, 50)))
                start = day + timedelta(days=rng.randint(0, 21))
                add(
                    InstrumentKind.TRAINING,
                    start,
                    policies.add_months(min(start, last_day), rng.randint(1, 6)),
                    amount=amount,
                )
                training_spent += amount
        for placement in placements:
            if candidate.job_agreement_register:
                add(
                    InstrumentKind.WAGE_SUBSIDY,
                    placement.start,
                    placement.actual_end,
                    job_agreement_indication=True,
                )
            elif rng.random() < 0.25:
                add(InstrumentKind.JOB_COACHING, placement.start, placement.actual_end)
            if rng.random() < 0.2:
                distance = Decimal(rng.randint(11, 40))
                add(
                    InstrumentKind.TRAVEL,
                    placement.start,
                    placement.actual_end,
                    distance_km=distance,
                )
        return found

    # -- contact persons and activities --

    def contacts(self, candidate: Candidate, first_referral: date) -> list[ContactAssignment]:
        rng = self.rng
        since = datetime.combine(first_referral, time(9, 0), tzinfo=AMSTERDAM)
        first = ContactAssignment(
            uuid=self.uuid(),
            candidate=candidate,
            contact=rng.choice(self.consultants),
            since=since,
            recorded_by=None,
        )
        days_since = (self.today - first_referral).days
        if days_since < 60 or rng.random() > 0.3:
            return [first]
        handover = since + timedelta(days=rng.randint(30, days_since - 1))
        first.until = handover
        second = ContactAssignment(
            uuid=self.uuid(),
            candidate=candidate,
            contact=rng.choice(self.consultants),
            since=handover,
            handover_note=rng.choice(("Verlof", "Herverdeling caseload", "Andere regio-indeling")),
            recorded_by=first.contact,
        )
        return [first, second]

    def activities(self, candidate: Candidate, trajectories: list[Trajectory]) -> list[Activity]:
        rng = self.rng
        mean = self.spec.activities_per_candidate
        activities = []
        for _ in range(rng.randint(0, int(2 * mean))):
            trajectory = rng.choice(trajectories)
            end_of_span = trajectory.closed_on or self.today
            span = (end_of_span - trajectory.referred_on).days
            start = trajectory.referred_on + timedelta(days=rng.randint(min(span, 7), span))
            kind = rng.choices(self.kinds, self.kind_weights)[0]
            if (
                kind == ActivityKind.MULTI_PROBLEM_27
                and policies.age_on(candidate.date_of_birth, start) < 27
            ):
                kind = ActivityKind.WORKSHOP
            weeks = 1 if kind == ActivityKind.WORKSHOP else rng.randint(4, 13)
            end = start + timedelta(weeks=weeks)
            if trajectory.closed_on and end > trajectory.closed_on:
                end = trajectory.closed_on
            if end < self.today:
                status = ActivityStatus.STOPPED if rng.random() < 0.1 else ActivityStatus.COMPLETED
            else:
                status = ActivityStatus.IN_PROGRESS
            charged_to = None
            if status != ActivityStatus.STOPPED and kind in CHARGED_AS:
                charged_to = self.budget.charge(trajectory.municipality_id, kind, start)
            activities.append(
                Activity(
                    uuid=self.uuid(),
                    trajectory=trajectory,
                    kind=kind,
                    name=rng.choice(ACTIVITY_NAMES[kind]),
                    start=start,
                    end=end,
                    status=status,
                    charged_to=charged_to,
                    units=Decimal(1),
                    synthetic=True,
                )
            )
        return activities
