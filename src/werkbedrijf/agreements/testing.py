"""Builders of agreement data for tests and test worlds (fixtures, the access matrix, fuzzing)."""

from datetime import date
from decimal import Decimal

from .models import (
    AgreementVersion,
    Budget,
    Catalogue,
    CatalogueService,
    MunicipalAgreement,
    UnitKind,
)

PER_TEN_CANDIDATES = {
    "unit_kind": UnitKind.CANDIDATES,
    "unit_label": "10 kandidaten",
    "quantity_label": "kandidaten",
    "bundle_size": Decimal(10),
    "price": Decimal(30000),
}
# A small keuzekaart after the DVO 2024-2025, by service code.
CARD = {
    "maatwerk-interventies": {
        **PER_TEN_CANDIDATES,
        "number": 4,
        "name": "Maatwerk-interventies",
    },
    "zorgjongeren": {
        **PER_TEN_CANDIDATES,
        "number": 5,
        "name": "Zorgjongeren",
        "available_until_year": 2024,
    },
    "participatiecoaching": {
        "number": 7,
        "name": "Participatiecoaching",
        "unit_kind": UnitKind.FTE,
        "unit_label": "1 fte",
        "quantity_label": "fte",
        "bundle_size": Decimal(1),
        "price": Decimal(85000),
        "allows_fractions": True,
    },
}


def build_dvo(region, budgets: dict, *, title: str, services=tuple(CARD)) -> AgreementVersion:
    """A draft DVO 2024-2025 look-alike: a keuzekaart with ``services`` (codes of ``CARD``), and
    for each municipality in ``budgets`` a municipal agreement with that budget in both years;
    no choices yet."""
    agreement = AgreementVersion.objects.create(
        region=region,
        title=title,
        period_start=date(2024, 7, 1),
        period_end=date(2025, 12, 31),
        status="draft",
    )
    catalogue = Catalogue.objects.create(agreement=agreement)
    for code in services:
        CatalogueService.objects.create(catalogue=catalogue, code=code, **CARD[code])
    for municipality, amount in budgets.items():
        ma = MunicipalAgreement.objects.create(agreement=agreement, municipality=municipality)
        for year in (2024, 2025):
            Budget.objects.create(municipal_agreement=ma, year=year, amount=Decimal(amount))
    return agreement


def build_draft_dvo(region, nijmegen, wijchen, title: str = "DVO ontwerp test") -> AgreementVersion:
    """The draft of the tests: maatwerk-interventies and zorgjongeren per 10 candidates at
    € 30.000, zorgjongeren until 2024; participatiecoaching per fte at € 85.000; budgets for
    Nijmegen (€ 100.000) and Wijchen (€ 50.000) in both years; no choices yet."""
    return build_dvo(region, {nijmegen: 100000, wijchen: 50000}, title=title)
