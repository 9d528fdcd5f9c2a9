"""The MGR region, WerkBedrijf and the seven municipalities with their CBS codes."""

from django.db import transaction

from werkbedrijf.organisations.models import Organisation, OrganisationKind, Region, Team, TeamKind

REGION = "Rijk van Nijmegen"
MGR = "MGR Rijk van Nijmegen"
WERKBEDRIJF = "WerkBedrijf Rijk van Nijmegen"

MUNICIPALITIES = {
    "GM1945": "Berg en Dal",
    "GM0209": "Beuningen",
    "GM0225": "Druten",
    "GM0252": "Heumen",
    "GM0944": "Mook en Middelaar",
    "GM0268": "Nijmegen",
    "GM0296": "Wijchen",
}

# Teams named in the documents: an Inkomen department everywhere; in Nijmegen also Buurtteams and
# the teams Zorg and Leerrecht (000_…txt). Buurtteam locations are not listed; one is created.
TEAMS = [(code, TeamKind.INCOME, f"Inkomen {name}") for code, name in MUNICIPALITIES.items()] + [
    ("GM0268", TeamKind.NEIGHBOURHOOD, "Buurtteam Nijmegen"),
    ("GM0268", TeamKind.CARE, "Zorg Nijmegen"),
    ("GM0268", TeamKind.LEARNING_RIGHTS, "Leerrecht Nijmegen"),
]


@transaction.atomic
def load_organisations() -> Region:
    region, _ = Region.objects.get_or_create(name=REGION)
    Organisation.objects.update_or_create(
        name=MGR, defaults={"region": region, "kind": OrganisationKind.MGR, "cbs_code": None}
    )
    Organisation.objects.update_or_create(
        name=WERKBEDRIJF,
        defaults={"region": region, "kind": OrganisationKind.WERKBEDRIJF, "cbs_code": None},
    )
    for code, name in MUNICIPALITIES.items():
        Organisation.objects.update_or_create(
            cbs_code=code,
            defaults={"region": region, "kind": OrganisationKind.MUNICIPALITY, "name": name},
        )
    werkbedrijf = Organisation.objects.get(name=WERKBEDRIJF)
    Team.objects.get_or_create(
        organisation=werkbedrijf, name="Intake en diagnose", defaults={"kind": TeamKind.WERKBEDRIJF}
    )
    Team.objects.get_or_create(
        organisation=werkbedrijf,
        name="Bedrijfsdienstverlening",
        defaults={"kind": TeamKind.WERKBEDRIJF},
    )
    for code, kind, name in TEAMS:
        Team.objects.get_or_create(
            organisation=Organisation.objects.get(cbs_code=code), name=name, defaults={"kind": kind}
        )
    return region


def municipality(code: str) -> Organisation:
    return Organisation.objects.get(cbs_code=code)


def werkbedrijf() -> Organisation:
    return Organisation.objects.get(name=WERKBEDRIJF)


def mgr() -> Organisation:
    return Organisation.objects.get(name=MGR)
