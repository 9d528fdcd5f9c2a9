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

WISH_1 = (
    "De gemeenteraad spreekt de wens uit dat het college vasthoudt aan het niveau van lokale "
    "aanwezigheid en samenwerking minimaal op het niveau van 2026, en alleen afschaalt als "
    "duidelijk is dat inwoners daardoor niet slechter af zijn."
)
WISH_2 = (
    "De gemeenteraad spreekt de wens uit dat college de samenwerking tussen WerkBedrijf, "
    "Buurtteams en de gemeentelijke teams Inkomen, Zorg en Leerrecht zo organiseert dat elke "
    "inwoner in een traject, binnen de keten van samenwerkingspartners, één aanspreekpunt /vast "
    "loket heeft, ook als die tussen participatie- en werktrajecten schakelt. Om daarmee te "
    "voorkomen dat inwoners steeds opnieuw hun verhaal moeten doen en langs meerdere loketten "
    "moeten."
)
LETTER = "E26.000183"
LETTER_DATE = date(2026, 3, 3)

# (kind, number, received_on, text, answer, action taken). The answers are the letter of
# 3 March 2026 (002_…txt); received_on of the wishes is the council meeting of 17-12-2025.
NIJMEGEN_OPINIONS = [
    (
        "council_wishes",
        1,
        date(2025, 12, 17),
        WISH_1,
        "Wij hebben begrip voor de wens van de raad om de aanwezigheid van een Werkconsulent in de "
        "Buurtteams en bij teams Inkomen na 2026 niet verder te doen afnemen, zodat de "
        "dienstverlening aan inwoners op peil blijft. De keuze om gedurende de looptijd van de "
        "voorliggende DVO het aantal dagdelen af te schalen is ingegeven door de ervaringen in de "
        "praktijk. We zeggen de raad toe dat we in het vierde kwartaal 2026 bij zowel de Buurt- en "
        "Inkomenteams als bij WerkBedrijf de ervaringen zullen inventariseren om te kunnen "
        "beoordelen of een verdere afname van de dagdelen in 2027 verantwoord is.",
        "Geen aanpassing van de lokale keuzes. Toegezegd: inventarisatie van de ervaringen in het "
        "vierde kwartaal van 2026 (stap in de cyclus, vóór de bijstelling van de keuzes 2027).",
    ),
    (
        "council_wishes",
        2,
        date(2025, 12, 17),
        WISH_2,
        "Deze wens is erg lastig te verwezenlijken: er zijn vele (in- en externe) partners "
        "betrokken in het sociaal domein die elk op hun eigen wijze werken en elk over hun "
        "specifiek benodigde informatie beschikken. Wel zien wij mogelijkheden om de samenwerking "
        "binnen de keten van Participatie, Werk en Inkomen te optimaliseren. Wij zullen in gesprek "
        "gaan met betrokken partners en collega's om te komen tot samenwerkingsafspraken hierover.",
        "Geen aanpassing van de lokale keuzes. Toegezegd: gesprekken met betrokken partners en "
        "collega's over samenwerkingsafspraken in de keten van Participatie, Werk en Inkomen "
        "(geen datum genoemd).",
    ),
    (
        "client_council_advice",
        None,
        None,
        "De Cliëntenraad Participatiewet heeft geen aanleiding gezien om een advies uit te brengen "
        "over de ontwerp-DVO en de voorgestelde lokale dienstverlening.",
        "",
        "De Cliëntenraad wordt geïnformeerd over het doorlopen proces en de definitieve DVO "
        "(brief 3 maart 2026).",
    ),
    (
        "college_opinion",
        None,
        LETTER_DATE,
        "Het college ziet geen noodzaak tot het kenbaar maken van een zienswijze op de ontwerp-DVO "
        "2026-2027, noch tot een aanpassing van de oorspronkelijke lokale keuzes, en informeert het "
        "dagelijks bestuur van de MGR over de definitieve lokale keuzes voor 2026-2027 (brief "
        "E26.000183).",
        "",
        "",
    ),
]

NIJMEGEN = "GM0268"
# The cycle of the DVO 2026-2027 as the two letters plan it. ``who``: (role, organisation: a CBS
# code, "werkbedrijf" or "mgr"). A plan "in januari 2026" is due on its last day; "in het vierde
# kwartaal 2026" on 31-12-2026. ``done`` only where a letter says it happened.
STEPS = [
    {
        "key": "draft-sent",
        "kind": "draft_sent",
        "title": "Ontwerp-DVO 2026-2027 aan de colleges",
        "who": ("dvo_admin", "werkbedrijf"),
        "due_on": date(2025, 10, 28),
        "done_on": date(2025, 10, 28),
        "done_note": "Uiterlijk op deze dag: het college van Nijmegen zond het ontwerp op 28 "
        "oktober 2025 als bijlage 1 aan de raad; de dag van verzending door WerkBedrijf staat "
        "niet in de brondocumenten.",
        "source": "000_28201c0e331876df.txt",
    },
    {
        "key": "councils-asked",
        "kind": "councils_asked",
        "title": "Nijmegen vraagt de raad om wensen en bedenkingen en de Cliëntenraad om advies",
        "who": ("policy_adviser", NIJMEGEN),
        "after": "draft-sent",
        "due_on": date(2025, 10, 28),
        "done_on": date(2025, 10, 28),
        "done_note": "Brief aan de raad van 28 oktober 2025; de Cliëntenraad Participatiewet zag "
        "geen aanleiding om advies uit te brengen.",
        "source": "000_28201c0e331876df.txt, 002_1f8277ee075efcee.txt",
    },
    {
        "key": "council-wishes",
        "kind": "council_wishes",
        "title": "Raad van Nijmegen: wensen en bedenkingen bij de ontwerp-DVO",
        "who": ("policy_adviser", NIJMEGEN),
        "after": "councils-asked",
        "due_on": date(2025, 12, 17),
        "done_on": date(2025, 12, 17),
        "done_note": "Twee wensen na de raadsvergadering van 17 december 2025.",
        "source": "002_1f8277ee075efcee.txt",
    },
    {
        "key": "college-decides",
        "kind": "opinions_due",
        "title": "College van Nijmegen besluit over de wensen van de raad, de zienswijze en de "
        "definitieve lokale keuzes",
        "who": ("policy_adviser", NIJMEGEN),
        "after": "council-wishes",
        "due_on": date(2026, 1, 31),
        "done_on": LETTER_DATE,
        "done_note": "Brief E26.000183 van 3 maart 2026: geen zienswijze, geen aanpassing van de "
        "lokale keuzes; het dagelijks bestuur wordt over de definitieve keuzes geïnformeerd.",
        "description": "Het college besluit in januari 2026 hoe eventuele wensen en bedenkingen "
        "van de raad worden meegewogen in de definitieve zienswijze en keuzes van het college.",
        "source": "000_28201c0e331876df.txt, 002_1f8277ee075efcee.txt",
    },
    {
        "key": "board-adopts",
        "kind": "board_adopts",
        "title": "Dagelijks bestuur van de MGR stelt de definitieve DVO 2026-2027 vast",
        "who": ("board_member", "mgr"),
        "after": "college-decides",
        "due_on": date(2026, 2, 28),
        "description": "In januari/februari 2026 stelt het dagelijks bestuur van de MGR de "
        "definitieve DVO met alle gemeentelijke keuzes vast, met inachtneming van de zienswijzen "
        "van de gemeenten.",
        "source": "000_28201c0e331876df.txt",
    },
    {
        "key": "nijmegen-signs",
        "kind": "municipality_signs",
        "title": "Nijmegen ondertekent de definitieve DVO 2026-2027",
        "who": ("policy_adviser", NIJMEGEN),
        "municipal": NIJMEGEN,
        "after": "board-adopts",
        "due_on": date(2026, 3, 31),
        "description": "'Aansluitend zullen wij de definitieve DVO ondertekenen' (brief 3 maart "
        "2026); de raad wordt in het eerste kwartaal van 2026 over de definitieve DVO "
        "geïnformeerd.",
        "source": "000_28201c0e331876df.txt, 002_1f8277ee075efcee.txt",
    },
    {
        "key": "council-informed",
        "kind": "council_informed",
        "title": "Nijmegen informeert de raad en de Cliëntenraad over de zienswijzen en de "
        "definitieve DVO 2026-2027",
        "who": ("policy_adviser", NIJMEGEN),
        "after": "board-adopts",
        "due_on": date(2026, 3, 31),
        "description": "Het college informeert de raad in het eerste kwartaal van 2026 over "
        "eventuele regionaal uitgebrachte zienswijzen en de verwerking daarvan, alsmede over de "
        "definitieve DVO 2026-2027. Ook de Cliëntenraad wordt geïnformeerd.",
        "source": "000_28201c0e331876df.txt, 002_1f8277ee075efcee.txt",
    },
    {
        "key": "review-dagdelen",
        "kind": "review",
        "title": "Toezegging aan de raad: ervaringen met de dagdelen inventariseren bij de Buurt- "
        "en Inkomenteams en WerkBedrijf",
        "who": ("policy_adviser", NIJMEGEN),
        "municipal": NIJMEGEN,
        "opinion": ("council_wishes", 1),
        "due_on": date(2026, 12, 31),
        "description": "We zeggen de raad toe dat we in het vierde kwartaal 2026 bij zowel de "
        "Buurt- en Inkomenteams als bij WerkBedrijf de ervaringen zullen inventariseren om te "
        "kunnen beoordelen of een verdere afname van de dagdelen in 2027 verantwoord is.",
        "source": "002_1f8277ee075efcee.txt",
    },
    {
        "key": "revision-2027",
        "kind": "revision",
        "title": "Bijstelling van de lokale keuzes 2027 van Nijmegen",
        "who": ("policy_adviser", NIJMEGEN),
        "municipal": NIJMEGEN,
        "after": "review-dagdelen",
        "due_on": date(2026, 12, 31),
        "description": "De keuzes voor lokale dienstverlening in 2027 kunnen, afhankelijk van "
        "ervaringen en ontwikkelingen in 2026, in het vierde kwartaal van 2026 bijgesteld worden. "
        "Als het college dat wenst, leggen we de voorgenomen wijzigingen aan de raad voor.",
        "source": "000_28201c0e331876df.txt",
    },
]
