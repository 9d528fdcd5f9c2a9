"""What seeds/000_28201c0e331876df.txt (Oct 2025) and 002_1f8277ee075efcee.txt (Mar 2026) say of the
draft DVO 2026-2027. Its keuzekaart, prices and the other municipalities' choices are not in the
documents, so they stay empty or unknown."""

from datetime import date
from decimal import Decimal as D

SOURCE = "000_28201c0e331876df.txt, 002_1f8277ee075efcee.txt"

AGREEMENT = {
    "title": "DVO 2026-2027",
    "citation_title": "Ontwerp-Dienstverleningsovereenkomst WerkBedrijf regio Rijk van Nijmegen "
    "2026-2027",
    # The letter speaks of "de periode 2026-2027"; the DVO is agreed per two calendar years.
    "period_start": date(2026, 1, 1),
    "period_end": date(2027, 12, 31),
    "status": "opinions_requested",
    "adopted_on": None,
    "opinion_deadline": None,
    "renewal_deadline": None,
    "budget_rule": "15% van het Participatiebudget voor lokale keuzes; 85% financiert de "
    "regionale dienstverlening",
    "notes": "Ontwerp aan de raad van Nijmegen gezonden op 28 oktober 2025. Gepland: college "
    "besluit in januari 2026 over wensen en bedenkingen; dagelijks bestuur stelt de definitieve "
    "DVO vast in januari/februari 2026. De keuzes voor 2027 kunnen in het vierde kwartaal van 2026 "
    "worden bijgesteld.",
}

NIJMEGEN_CHOICES = {
    2026: [
        ("Participatiecoaches", "fte", D(2)),
        ("Maatwerkinterventies", "", None),
        (
            "Samenwerking op locatie bij de Buurtteams en de teams Inkomen, Zorg en Leerrecht",
            "",
            None,
        ),
    ],
    2027: [
        ("Participatiecoaches", "fte", D(4)),
        ("Maatwerkinterventies", "", None),
        (
            "Samenwerking op locatie bij de Buurtteams en de teams Inkomen, Zorg en Leerrecht",
            "",
            None,
        ),
    ],
}

# The kind of activity charged to a choice that is not on a keuzekaart: the letter's
# "Participatiecoaches" are participatiecoaching; the other lines name no one kind.
NIJMEGEN_KINDS = {"Participatiecoaches": "participation_coaching"}

NIJMEGEN_EXTRA_WORK = {
    "description": "Part-time consulent Werk van WerkBedrijf in het team 'Nazorg voor "
    "ex-gedetineerden', bekostigd uit het programma Werk en Inkomen",
    "note": "Meerwerk uit eigen middelen (brief 28 oktober 2025); omvang en bedrag niet genoemd.",
}

NIJMEGEN_OPINIONS = [
    (
        "council_wishes",
        date(2025, 12, 17),
        "1. De gemeenteraad spreekt de wens uit dat het college vasthoudt aan het niveau van lokale "
        "aanwezigheid en samenwerking minimaal op het niveau van 2026, en alleen afschaalt als "
        "duidelijk is dat inwoners daardoor niet slechter af zijn.\n2. De gemeenteraad spreekt de "
        "wens uit dat college de samenwerking tussen WerkBedrijf, Buurtteams en de gemeentelijke "
        "teams Inkomen, Zorg en Leerrecht zo organiseert dat elke inwoner in een traject, binnen de "
        "keten van samenwerkingspartners, één aanspreekpunt / vast loket heeft, ook als die tussen "
        "participatie- en werktrajecten schakelt.",
    ),
    (
        "client_council_advice",
        None,
        "De Cliëntenraad Participatiewet heeft geen aanleiding gezien om een advies uit te brengen "
        "over de ontwerp-DVO en de voorgestelde lokale dienstverlening.",
    ),
    (
        "college_opinion",
        date(2026, 3, 3),
        "Het college ziet geen noodzaak tot het kenbaar maken van een zienswijze op de ontwerp-DVO "
        "2026-2027, noch tot een aanpassing van de oorspronkelijke lokale keuzes, en informeert het "
        "dagelijks bestuur van de MGR over de definitieve lokale keuzes voor 2026-2027 (brief "
        "E26.000183).",
    ),
]
