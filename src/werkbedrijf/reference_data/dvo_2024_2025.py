"""The DVO 2024-2025 exactly as written in seeds/001_dc178af442462887.txt.

Amounts are the agreed amounts of articles 5-11 (``€ 128k`` = 128000). ``None`` means the document
names no number. Quantities are in the card's counting unit: candidates for services priced per
10 candidates, half-days, locations, packages of '20 contacten of 1 event', fte.
"""

from datetime import date
from decimal import Decimal as D

SOURCE = "001_dc178af442462887.txt"

AGREEMENT = {
    "title": "DVO 2024-2025",
    "citation_title": "Dienstverleningsovereenkomst WerkBedrijf Regio Rijk van Nijmegen 2024 – 2025",
    "period_start": date(2024, 7, 1),  # art. 17.1
    "period_end": date(2025, 12, 31),
    "status": "adopted",
    "adopted_on": date(2024, 6, 20),  # besluit van het dagelijks bestuur d.d. 20 juni 2024
    "renewal_deadline": date(2025, 12, 31),  # art. 16.1
    "budget_rule": "15% van het Werkbudget (objectief rekenmodel Berenschot), na aftrek van de "
    "oude verplichtingen (art. 4a-b, toelichting keuzekaart)",
    "notes": "De eerste zes maanden van 2024 vallen onder de stilzwijgend verlengde DVO 2023; in de "
    "tweede helft van 2024 wordt de helft van de lokale keuzen voor 2024 geleverd.",
}

# Bijlage 2 Keuzekaart. (number, code, name, unit_kind, unit_label, quantity_label, bundle_size,
# price, allows_fractions, available_until_year)
SERVICES = [
    (
        1,
        "extra-arbeidsbemiddeling-op-locatie",
        "Extra arbeidsbemiddeling op locatie",
        "half_day_per_week",
        "1 dagdeel/week",
        "dagdelen per week",
        D(1),
        D(10000),
        False,
        None,
    ),
    (
        2,
        "intensieve-aansluiting-buurtteams",
        "Intensieve aansluiting buurtteams",
        "location",
        "per locatie",
        "locaties",
        D(1),
        D(20000),
        False,
        None,
    ),
    (
        3,
        "doelgroepbenadering",
        "Doelgroepbenadering",
        "candidates",
        "10 kandidaten",
        "kandidaten",
        D(10),
        D(10000),
        False,
        None,
    ),
    (
        4,
        "maatwerk-interventies",
        "Maatwerk-interventies",
        "candidates",
        "10 kandidaten",
        "kandidaten",
        D(10),
        D(30000),
        False,
        None,
    ),
    (
        5,
        "zorgjongeren",
        "Zorgjongeren",
        "candidates",
        "10 kandidaten",
        "kandidaten",
        D(10),
        D(30000),
        False,
        2024,
    ),
    (
        6,
        "events-en-lokale-marktbewerking",
        "Organiseren events en lokale marktbewerking",
        "contacts_or_event",
        "20 contacten of 1 event",
        "keer (20 contacten of 1 event)",
        D(1),
        D(10000),
        False,
        None,
    ),
    (
        7,
        "participatiecoaching",
        "Participatiecoaching",
        "fte",
        "1 fte",
        "fte",
        D(1),
        D(85000),
        True,
        None,
    ),
]

SERVICE_DESCRIPTIONS = {
    "extra-arbeidsbemiddeling-op-locatie": "Extra dagdelen arbeidsbemiddeling op locatie, bovenop "
    "het regionale dagdeel per week; gericht op zichtbaarheid, samenwerking en lokale "
    "dienstverlening aan kandidaat en ondernemer.",
    "intensieve-aansluiting-buurtteams": "Een medewerker van WerkBedrijf werkt regelmatig bij een "
    "sociaal (wijk)team en is daar het eerste aanspreekpunt voor arbeidsbemiddeling.",
    "doelgroepbenadering": "Screening van een afgesproken doelgroep op bemiddelbaarheid en een "
    "vervolgtraject naar werk (bijv. parttime werkenden, statushouders, alleenstaande ouders).",
    "maatwerk-interventies": "Vier extra intensieve interventies; de consulent kiest per "
    "kandidaat: De Versnelling, Samen sterk naar werk, Activeringstraject (3 maanden), Intensieve "
    "begeleiding multiproblematiek 27+.",
    "zorgjongeren": "Begeleiding van jongeren met problemen op meerdere leefgebieden richting "
    "werk. Alleen voor 2024 in de keuzekaart; vanaf 2025 regionale dienstverlening.",
    "events-en-lokale-marktbewerking": "Afspraken over contacten met lokale ondernemers, of een "
    "lokale vacaturemarkt of ander event.",
    "participatiecoaching": "Niet-loonvormende activering (vrijwilligerswerk, sportclub, cursus). "
    "Een deel van een fte is mogelijk (bijvoorbeeld 0,2 fte).",
}

# Per municipality: article, aim, budget per year (after legacy obligations), legacy obligations
# per year (None: not stated), choices per year as
# (service code or None, quantity, agreed amount, as written, name if not on the card).
MUNICIPALITIES = {
    "GM1945": {
        "article": "5",
        "aim": "Gemeente Berg en Dal vindt bij de lokale dienstverlening het van belang dat "
        "samenwerking tussen lokale organisaties wordt gestimuleerd. De lokale accenten worden "
        "vooral ingezet om er voor te zorgen dat mensen niet onnodig vaak aan verschillende "
        "mensen hun verhaal moeten doen.",
        "budgets": {2024: D(310000), 2025: D(270000)},
        "legacy": {2024: D(5000), 2025: None},
        "choices": {
            2024: [
                (
                    "participatiecoaching",
                    D("1.5"),
                    D(128000),
                    "ca. 1,5 fte participatiecoaching",
                    "",
                ),
                ("maatwerk-interventies", D(40), D(120000), "40 maatwerk interventies", ""),
                ("zorgjongeren", D(18), D(54000), "18 zorgjongeren", ""),
                (
                    "events-en-lokale-marktbewerking",
                    D(1),
                    D(10000),
                    "Lokale marktbewerking 20 contacten",
                    "",
                ),
            ],
            2025: [
                (
                    "participatiecoaching",
                    D("1.5"),
                    D(128000),
                    "ca. 1,5 fte participatiecoaching",
                    "",
                ),
                ("maatwerk-interventies", D(44), D(132000), "44 maatwerk interventies", ""),
                (
                    "events-en-lokale-marktbewerking",
                    D(1),
                    D(10000),
                    "Lokale marktbewerking 20 contacten",
                    "",
                ),
            ],
        },
    },
    "GM0209": {
        "article": "6",
        "aim": "Gemeenten Beuningen wil de lokale accenten richten op de kandidaten die "
        "zelfstandig lastig aan het werk komen.",
        "budgets": {2024: D(100000), 2025: D(150000)},
        "legacy": {2024: D(0), 2025: D(0)},
        "choices": {
            2024: [
                (
                    "participatiecoaching",
                    D("1.0"),
                    D(85000),
                    "ca. 1,0 fte participatiecoaching",
                    "",
                ),
                ("doelgroepbenadering", D(15), D(15000), "15 kandidaten doelgroepbenadering", ""),
            ],
            2025: [
                (
                    "participatiecoaching",
                    D("1.0"),
                    D(85000),
                    "ca. 1,0 fte participatiecoaching",
                    "",
                ),
                ("doelgroepbenadering", D(20), D(20000), "20 kandidaten doelgroepbenadering", ""),
                ("events-en-lokale-marktbewerking", D(1), D(10000), "1 x event", ""),
                ("maatwerk-interventies", D(12), D(36000), "12 x maatwerkinterventie", ""),
            ],
        },
    },
    "GM0225": {
        "article": "7",
        "aim": "Gemeente Druten vindt het belangrijk lokale betrokkenheid te organiseren en lokale "
        "afspraken te maken ten behoeve van de inwoners zonder werk en de ondernemers binnen de "
        "eigen gemeentegrens.",
        "budgets": {2024: D(85000), 2025: D(120000)},
        "legacy": {2024: D(0), 2025: D(0)},
        "choices": {
            2024: [
                (
                    "participatiecoaching",
                    D("0.4"),
                    D(35000),
                    "ca. 0,4 fte participatiecoaching (t.b.v. dekking menskracht Druten)",
                    "",
                ),
                (
                    "extra-arbeidsbemiddeling-op-locatie",
                    D(1),
                    D(10000),
                    "1 x extra arbeidsbemiddeling op locatie",
                    "",
                ),
                (
                    "intensieve-aansluiting-buurtteams",
                    D(1),
                    D(20000),
                    "1 x intensieve lokale aansluiting buurtteams",
                    "",
                ),
                ("zorgjongeren", D(4), D(10000), "4 zorgjongeren", ""),
                (
                    "events-en-lokale-marktbewerking",
                    D(1),
                    D(10000),
                    "1 x event of 20 contacten marktbewerking",
                    "",
                ),
            ],
            2025: [
                (
                    "participatiecoaching",
                    D("1.0"),
                    D(80000),
                    "ca. 1,0 fte participatiecoaching (t.b.v. dekking menskracht Druten)",
                    "",
                ),
                (
                    "extra-arbeidsbemiddeling-op-locatie",
                    D(1),
                    D(10000),
                    "1 x extra arbeidsbemiddeling op locatie",
                    "",
                ),
                (
                    "intensieve-aansluiting-buurtteams",
                    D(1),
                    D(20000),
                    "1 x intensieve lokale aansluiting buurtteams",
                    "",
                ),
                (
                    "events-en-lokale-marktbewerking",
                    D(1),
                    D(10000),
                    "1 x event of 20 contacten marktbewerking",
                    "",
                ),
            ],
        },
    },
    "GM0252": {
        "article": "8",
        "aim": "Voor gemeente Heumen is de aansluiting tussen participatiekandidaten en "
        "WerkBedrijf op lokaal niveau van belang. De dienstverlening moet aansluiten bij lokale "
        "behoeften en op operationeel niveau wordt een vruchtbare samenwerking tussen de "
        "organisaties gestimuleerd.",
        "budgets": {2024: D(65000), 2025: D(90000)},
        "legacy": {2024: D(0), 2025: D(0)},
        "choices": {
            2024: [
                (
                    "participatiecoaching",
                    D("0.8"),
                    D(65000),
                    "ca. 0,8 fte participatiecoaching (via menskracht WBRN)",
                    "",
                ),
                # The DVO names no amount for Heumen's zorgjongeren in 2024.
                ("zorgjongeren", D(5), None, "5 zorgjongeren", ""),
            ],
            2025: [
                (
                    "participatiecoaching",
                    D("0.9"),
                    D(81000),
                    "ca. 0,9 fte participatiecoaching (via menskracht WBRN)",
                    "",
                ),
                (
                    None,
                    None,
                    D(9000),
                    "vrij budget voor accentkeuzen",
                    "Vrij budget voor accentkeuzen",
                ),
            ],
        },
    },
    "GM0944": {
        "article": "9",
        "aim": "Gemeente Mook en Middelaar vindt het belangrijk de lokale dienstverlening vooral "
        "te richten op de inwoners die een steuntje in de rug nodig hebben om een stap richting de "
        "arbeidsmarkt te zetten.",
        "budgets": {2024: D(20000), 2025: D(35000)},
        "legacy": {2024: D(0), 2025: D(0)},
        "choices": {
            2024: [
                (
                    "participatiecoaching",
                    D("0.1"),
                    D(10000),
                    "ca. 0,1 fte participatiecoaching (via menskracht WBRN)",
                    "",
                ),
                ("doelgroepbenadering", D(10), D(10000), "10 kandidaten doelgroepbenadering", ""),
            ],
            2025: [
                (
                    "participatiecoaching",
                    D("0.3"),
                    D(25000),
                    "ca. 0,3 fte participatiecoaching (via menskracht WBRN)",
                    "",
                ),
                # "1 x doelgroepbenadering" for € 10k: one bundle of 10 candidates.
                ("doelgroepbenadering", D(10), D(10000), "1 x doelgroepbenadering", ""),
            ],
        },
    },
    "GM0268": {
        "article": "10",
        "aim": "Middels de lokale dienstverlening zet de gemeente Nijmegen extra in op de "
        "focusgroepen uit het regionaal arbeidsmarktbeleidsplan door hen extra aandacht en "
        "ondersteuning te bieden bij hun zoektocht naar passend werk. Dit in nauwe samenwerking "
        "met alle relevante partijen in de arbeidsmarktregio en in het bijzonder met de afdeling "
        "Inkomen van de gemeente Nijmegen.",
        "budgets": {2024: D(1500000), 2025: D(1100000)},
        "legacy": {2024: D(1400000), 2025: D(1400000)},
        "signed_on": date(2024, 8, 27),
        "signed_by": "J.A.R. Brom, wethouder Werk en Inkomen",
        "choices": {
            2024: [
                (
                    "extra-arbeidsbemiddeling-op-locatie",
                    D(1),
                    D(10000),
                    "1 x extra arbeidsbemiddeling op locatie",
                    "",
                ),
                (
                    "intensieve-aansluiting-buurtteams",
                    D(10),
                    D(200000),
                    "10 x intensieve aansluiting Buurtteams",
                    "",
                ),
                ("maatwerk-interventies", D(130), D(390000), "130 x Maatwerkinterventies", ""),
                ("zorgjongeren", D(275), D(825000), "275 x Zorgjongeren", ""),
                ("events-en-lokale-marktbewerking", D(4), D(40000), "4 x organiseren Events", ""),
                (
                    None,
                    None,
                    D(35000),
                    "Kwartiermaker Economisch Collectief Nijmegen",
                    "Kwartiermaker Economisch Collectief Nijmegen",
                ),
            ],
            2025: [
                (
                    "extra-arbeidsbemiddeling-op-locatie",
                    D(3),
                    D(30000),
                    "3 x extra arbeidsbemiddeling op locatie",
                    "",
                ),
                (
                    "intensieve-aansluiting-buurtteams",
                    D(10),
                    D(200000),
                    "10 x intensieve aansluiting Buurtteams",
                    "",
                ),
                ("maatwerk-interventies", D(265), D(795000), "265 x Maatwerkinterventies", ""),
                ("events-en-lokale-marktbewerking", D(4), D(40000), "4 x organiseren Events", ""),
                (
                    None,
                    None,
                    D(35000),
                    "Kwartiermaker Economisch Collectief Nijmegen",
                    "Kwartiermaker Economisch Collectief Nijmegen",
                ),
            ],
        },
        "custom_notes": {
            "Kwartiermaker Economisch Collectief Nijmegen": "Extra activiteit (art. 10.2): centrale "
            "regie op ondernemersinitiatieven op meerdere werklocaties van Economisch Collectief "
            "Nijmegen (ECN) (m.n. Winkelsteeg, Bijsterhuizen en TPN-West) m.b.t. de thema's "
            "inclusief/sociaal ondernemen, Leven-lang-Leren, groei en behoud van werkgelegenheid. "
            "Per jaar € 35.000.",
        },
        "extra_work": [
            {
                "description": "0,8 fte consulent van WerkBedrijf in het team Re-integratie "
                "(ex-)gedetineerden",
                "fte": D("0.8"),
                "amount": None,
                "period_start": date(2024, 1, 1),
                "period_end": date(2024, 12, 31),
                "note": "Art. 10.3. Of de inzet in 2025 gecontinueerd wordt, zal in nader overleg "
                "bekeken worden.",
            },
            {
                "description": "Realisatie van de lokale maatwerkbanen: werving van kandidaten en "
                "acquisitie van banen, het matchingsproces en de begeleiding van de werknemer na "
                "plaatsing",
                "fte": None,
                "amount": None,
                "period_start": None,
                "period_end": None,
                "note": "Art. 10.3. Omvang, bedrag en periode noemt de DVO niet.",
            },
        ],
    },
    "GM0296": {
        "article": "11",
        "aim": "Gemeente Wijchen ziet 'nabijheid' naar zowel ondernemers als werkzoekenden als een "
        "cruciale factor om maximale uitstroom te bereiken. Zo kan een pro-actieve houding naar "
        "ondernemers en een prikkelende werkwijze naar kandidaten het best worden verankerd.",
        "budgets": {2024: D(200000), 2025: D(275000)},
        "legacy": {2024: D(21000), 2025: D(5000)},
        "choices": {
            2024: [
                (
                    "participatiecoaching",
                    D("0.8"),
                    D(68000),
                    "ca. 0,8 fte participatiecoaching (t.b.v. dekking menskracht Wijchen)",
                    "",
                ),
                (
                    "extra-arbeidsbemiddeling-op-locatie",
                    D(3),
                    D(30000),
                    "3 x extra arbeidsbemiddeling op locatie",
                    "",
                ),
                (
                    "intensieve-aansluiting-buurtteams",
                    D(1),
                    D(20000),
                    "1 x intensieve lokale aansluiting buurtteams",
                    "",
                ),
                ("maatwerk-interventies", D(14), D(42000), "14 maatwerkinterventies", ""),
                ("zorgjongeren", D(7), D(20000), "7 zorgjongeren", ""),
                (
                    "events-en-lokale-marktbewerking",
                    D(2),
                    D(20000),
                    "2 x event of 20 contacten marktbewerking",
                    "",
                ),
            ],
            2025: [
                (
                    "participatiecoaching",
                    D("1.6"),
                    D(136000),
                    "ca. 1,6 fte participatiecoaching (t.b.v. dekking menskracht Wijchen)",
                    "",
                ),
                (
                    "extra-arbeidsbemiddeling-op-locatie",
                    D(3),
                    D(30000),
                    "3 x extra arbeidsbemiddeling op locatie",
                    "",
                ),
                (
                    "intensieve-aansluiting-buurtteams",
                    D(1),
                    D(20000),
                    "1 x intensieve lokale aansluiting buurtteams",
                    "",
                ),
                ("maatwerk-interventies", D(23), D(69000), "23 maatwerkinterventies", ""),
                (
                    "events-en-lokale-marktbewerking",
                    D(2),
                    D(20000),
                    "2 x event of 40 contacten marktbewerking",
                    "",
                ),
            ],
        },
    },
}
