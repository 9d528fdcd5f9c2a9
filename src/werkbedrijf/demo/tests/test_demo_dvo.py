"""The demo fills the DVO of the current year, relative to today: every municipality has a budget
and choices in it, and what the documents give is left as it is."""

from datetime import date

import pytest

from werkbedrijf.agreements import selectors
from werkbedrijf.agreements.models import AgreementStatus, AgreementVersion, LocalChoice
from werkbedrijf.demo.dvo import fill_current_year
from werkbedrijf.reference_data import organisations as orgs

pytestmark = pytest.mark.django_db


def _choices(title, year):
    return list(
        LocalChoice.objects.filter(municipal_agreement__agreement__title=title, year=year)
        .order_by("municipal_agreement__municipality__name", "position")
        .values_list(
            "municipal_agreement__municipality__name",
            "custom_name",
            "service__code",
            "quantity",
            "agreed_amount",
        )
    )


def test_every_municipality_gets_a_filled_current_year(reference_dvo):
    before_2024_2025 = _choices("DVO 2024-2025", 2025)
    nijmegen_2026 = [c for c in _choices("DVO 2026-2027", 2026) if c[0] == "Nijmegen"]
    agreement = fill_current_year(date(2026, 12, 7))
    assert agreement.title == "DVO 2026-2027"
    assert agreement.status == AgreementStatus.OPINIONS_REQUESTED  # the draft stays a draft
    assert agreement.catalogue.services.count() == reference_dvo.catalogue.services.count()
    for ma in agreement.municipal_agreements.select_related("municipality"):
        for year in (2026, 2027):
            budget = selectors.budget_of(ma, year)
            assert selectors.budget_amount(budget, "eur"), (ma.municipality, year)
            assert ma.choices.filter(year=year).exists(), (ma.municipality, year)
    # The documents' data is untouched: 2024-2025, and Nijmegen's own 2026 choices.
    assert _choices("DVO 2024-2025", 2025) == before_2024_2025
    assert [c for c in _choices("DVO 2026-2027", 2026) if c[0] == "Nijmegen"] == nijmegen_2026
    # Wijchen's 2026 choices are its 2025 choices, on the new card.
    wijchen = orgs.municipality("GM0296")
    services_2025 = {c[2] for c in _choices("DVO 2024-2025", 2025) if c[0] == wijchen.name}
    services_2026 = {c[2] for c in _choices("DVO 2026-2027", 2026) if c[0] == wijchen.name}
    assert services_2026 == services_2025


def test_filling_twice_changes_nothing(reference_dvo):
    fill_current_year(date(2026, 12, 7))
    first = _choices("DVO 2026-2027", 2026)
    fill_current_year(date(2026, 12, 7))
    assert _choices("DVO 2026-2027", 2026) == first


def test_a_year_without_a_version_gets_a_demo_draft(reference_dvo):
    agreement = fill_current_year(date(2029, 3, 1))
    assert agreement.title == "DVO 2029-2030 (demo)" and agreement.status == "draft"
    assert agreement.municipal_agreements.count() == 7
    assert LocalChoice.objects.filter(municipal_agreement__agreement=agreement, year=2029).exists()
    assert AgreementVersion.objects.filter(title="DVO 2026-2027").exists()
