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


def build_draft_dvo(region, nijmegen, wijchen, title: str = "DVO ontwerp test") -> AgreementVersion:
    """A draft DVO 2024-2025 look-alike for composing: a small card (maatwerk-interventies and
    zorgjongeren per 10 candidates at € 30.000, zorgjongeren until 2024; participatiecoaching per
    fte at € 85.000), budgets for Nijmegen (€ 100.000) and Wijchen (€ 50.000) in both years; no
    choices yet."""
    agreement = AgreementVersion.objects.create(
        region=region,
        title=title,
        period_start=date(2024, 7, 1),
        period_end=date(2025, 12, 31),
        status="draft",
    )
    catalogue = Catalogue.objects.create(agreement=agreement)
    per_ten = {
        "catalogue": catalogue,
        "unit_kind": UnitKind.CANDIDATES,
        "unit_label": "10 kandidaten",
        "quantity_label": "kandidaten",
        "bundle_size": Decimal(10),
        "price": Decimal(30000),
    }
    CatalogueService.objects.create(
        **per_ten, number=4, code="maatwerk-interventies", name="Maatwerk-interventies"
    )
    CatalogueService.objects.create(
        **per_ten, number=5, code="zorgjongeren", name="Zorgjongeren", available_until_year=2024
    )
    CatalogueService.objects.create(
        catalogue=catalogue,
        number=7,
        code="participatiecoaching",
        name="Participatiecoaching",
        unit_kind=UnitKind.FTE,
        unit_label="1 fte",
        quantity_label="fte",
        bundle_size=Decimal(1),
        price=Decimal(85000),
        allows_fractions=True,
    )
    for municipality, amount in ((nijmegen, 100000), (wijchen, 50000)):
        ma = MunicipalAgreement.objects.create(agreement=agreement, municipality=municipality)
        for year in (2024, 2025):
            Budget.objects.create(municipal_agreement=ma, year=year, amount=Decimal(amount))
    return agreement
