"""The DVO 2021-2022 and its keuzekaart in points ('pepers'), from seeds/003_d630557b27dd5a8b.txt.

The card's pepper prices were pictures that did not survive in the text: every price in points is
unknown, except service 1, which the card prices at "geen" (no cost). Each service prints one or
two purchase lines ("10 kandidaten", "90 kandidaten"); the smallest line is the minimum purchase.
The text does not say which line belongs to which kind of pepper, so the lines are stored as printed.
"""

from datetime import date
from decimal import Decimal as D

SOURCE = "003_d630557b27dd5a8b.txt"

AGREEMENT = {
    "title": "DVO 2021-2022",
    "citation_title": "Dienstverleningsovereenkomst WerkBedrijf Rijk van Nijmegen 2021 en 2022",
    "period_start": date(2021, 1, 1),  # art. 17.1
    "period_end": date(2022, 12, 31),
    "status": "adopted",
    # The cover letter planned adoption for December 2020; the date itself is not in the documents.
    "adopted_on": None,
    "opinion_deadline": date(2020, 10, 15),
    "renewal_deadline": date(2022, 12, 31),  # art. 16.1
    "budget_rule": "25% van het (klassieke) Participatiebudget voor regionale arbeidsbemiddeling, "
    "na aftrek van de langlopende verplichtingen, uitgedrukt in pepers (art. 4a-b)",
    "notes": "Vaststelling gepland in december 2020 (aanbiedingsbrief); de datum staat niet in de "
    "documenten. De lokale keuzes (art. 5-11) zijn in het ontwerp niet ingevuld.",
}

CATALOGUE = {
    "price_unit": "points",
    "max_services": 15,
    "reduced_minimum": ["GM0944"],  # Mook en Middelaar may buy below the minimum
    "notes": "Prijzen in pepers: groen ≈ € 100.000 (Nijmegen), rood ≈ € 10.000 (overige zes "
    "gemeenten); regionaal jaarlijks circa 70 pepers. Maximaal 15 vormen van dienstverlening.",
}

POINT_CLASSES = [
    ("groen", "Groene peper", D(100000), ["GM0268"]),
    ("rood", "Rode peper", D(10000), ["GM1945", "GM0209", "GM0225", "GM0252", "GM0944", "GM0296"]),
]

# (number, code, name, unit_kind, quantity_label, printed options, minimum, price, max_price)
SERVICES = [
    (
        1,
        "werkintake-op-locatie",
        "Werkintake op locatie",
        "half_day_per_week",
        "dagdelen per week",
        ["1 dagdeel/week – geen"],
        D(1),
        D(0),
        None,
    ),
    (
        2,
        "arbeidsbemiddeling-op-locatie",
        "Arbeidsbemiddeling op locatie",
        "half_day_per_week",
        "dagdelen per week",
        ["1 dagdeel/week"],
        D(1),
        None,
        None,
    ),
    (
        3,
        "aansluiten-sociaal-wijkteam",
        "Aansluiten bij sociaal (wijk)team",
        "half_day_per_week",
        "dagdelen per week",
        ["1 dagdeel/week", "5 dagdelen/week"],
        D(1),
        None,
        None,
    ),
    (
        4,
        "screenen-kandidaten",
        "Screenen kandidaten",
        "candidates",
        "kandidaten",
        ["10 kandidaten", "90 kandidaten"],
        D(10),
        None,
        None,
    ),
    (
        5,
        "organiseren-events",
        "Organiseren events",
        "event",
        "events",
        ["1 event"],
        D(1),
        None,
        None,
    ),
    (
        6,
        "de-versnelling",
        "De Versnelling",
        "candidates",
        "kandidaten",
        ["10 kandidaten", "100 kandidaten"],
        D(10),
        None,
        None,
    ),
    (
        7,
        "gemeente-werkt",
        "[Gemeentenaam] Werkt!",
        "half_day_per_week",
        "dagdelen per week",
        ["3 dagdelen/week"],
        D(3),
        None,
        None,
    ),
    (
        8,
        "wijkgericht-beheer",
        "Wijkgericht beheer",
        "half_day_per_week",
        "dagdelen per week",
        ["1 dagdeel/week"],
        D(1),
        None,
        None,
    ),
    (
        9,
        "zorgjongeren",
        "Zorgjongeren",
        "candidates",
        "zorgjongeren",
        ["6 zorgjongeren", "200 zorgjongeren"],
        D(6),
        None,
        None,
    ),
    (
        10,
        "piramidegesprekken",
        "Piramidegesprekken (inkomen, werk en kandidaat)",
        "candidates",
        "kandidaten",
        ["33 kandidaten", "333 kandidaten"],
        D(33),
        None,
        None,
    ),
    (
        11,
        "lokale-marktbewerking",
        "Lokale marktbewerking",
        "contacts",
        "contacten",
        ["20 contacten"],
        D(20),
        None,
        None,
    ),
    # "Naast het onderstaande minimumaantal geldt een maximumaantal van 4 rode pepers."
    (
        12,
        "subsidieren-participatietrajecten",
        "Subsidiëren participatietrajecten",
        "trajectories",
        "trajecten",
        ["15 trajecten"],
        D(15),
        None,
        D(4),
    ),
    (
        13,
        "samen-sterk-naar-werk",
        "Samen sterk naar werk",
        "candidates",
        "kandidaten",
        ["15 kandidaten"],
        D(15),
        None,
        None,
    ),
]

# Pepers per municipality per year, and the euro amount of the pie chart ("25% van
# Participatiebudget minus de langlopende verplichtingen per gemeente").
BUDGETS = {
    "GM1945": (D(21), D(212439)),
    "GM0209": (D(8), D(78395)),
    "GM0225": (D(7), D(70070)),
    "GM0252": (D(5), D(53974)),
    "GM0944": (D(2), D(16373)),
    "GM0268": (D(12), D(1172413)),
    "GM0296": (D(13), D(127952)),
}

AIMS = {
    "GM1945": (
        "5",
        "Gemeente Berg en Dal vindt bij de lokale dienstverlening het van belang dat "
        "samenwerking tussen lokale organisaties wordt gestimuleerd. De lokale accenten "
        "worden vooral ingezet om er voor te zorgen dat mensen niet onnodig vaak aan "
        "verschillende mensen hun verhaal moeten doen.",
    ),
    "GM0209": (
        "6",
        "Gemeenten Beuningen wil de lokale accenten richten op de kandidaten die "
        "zelfstandig lastig aan het werk komen.",
    ),
    "GM0225": (
        "7",
        "Gemeente Druten vindt het belangrijk lokale betrokkenheid te organiseren en "
        "lokale afspraken te maken ten behoeve van de inwoners zonder werk en de "
        "werkgevers binnen de eigen gemeentegrens.",
    ),
    "GM0252": (
        "8",
        "Voor gemeente Heumen is de aansluiting tussen participatiekandidaten en "
        "WerkBedrijf op lokaal niveau van belang. De dienstverlening moet aansluiten bij "
        "lokale behoeften en op operationeel niveau wordt een vruchtbare samen werking "
        "tussen de organisaties gestimuleerd.",
    ),
    "GM0944": (
        "9",
        "Gemeente Mook en Middelaar vindt het belangrijk de lokale dienstverlening "
        "vooral te richten op de inwoners die een steuntje in de rug nodig hebben om een "
        "stap richting de arbeidsmarkt te zetten.",
    ),
    "GM0268": (
        "10",
        "Middels de lokale dienstverlening zet de gemeente Nijmegen extra in op de "
        "focusgroepen uit het regionaal arbeidsmarktbeleidsplan door hen extra aandacht en "
        "ondersteuning te bieden bij hun zoektocht naar passend werk. Dit in nauwe "
        "samenwerking met alle relevante partijen in de arbeidsmarktregio en in het "
        "bijzonder met de afdeling Inkomen van de gemeente Nijmegen.",
    ),
    "GM0296": (
        "11",
        "Gemeente Wijchen ziet 'nabijheid' naar zowel werkgevers als werkzoekenden "
        "als een cruciale factor om maximale uitstroom te bereiken. Zo kan een pro-actieve "
        "houding naar werkgevers en een prikkelende werkwijze naar kandidaten het best "
        "worden verankerd.",
    ),
}
