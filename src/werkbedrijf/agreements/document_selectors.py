"""Reads for the documents: a municipality's choices per version and year, to compare them."""

from __future__ import annotations

from .models import AgreementEvent, DocumentTemplate, MunicipalAgreement, PartyConsent
from .policies import comparison
from .selectors import agreements_for, current_choices, municipal_agreements_for


def comparable_years(
    user, municipal_agreement: MunicipalAgreement
) -> list[tuple[MunicipalAgreement, int]]:
    """Every (agreement, year) of the same municipality the user may see, oldest first."""
    mas = (
        municipal_agreements_for(user)
        .filter(municipality_id=municipal_agreement.municipality_id)
        .order_by("agreement__period_start")
    )
    return [(ma, year) for ma in mas for year in ma.agreement.years]


def choice_items(ma: MunicipalAgreement, year: int) -> list[comparison.Item]:
    """The choices in effect for a year, as the comparison sees them."""
    items = []
    for choice in current_choices(ma, year):
        unit = choice.service.quantity_label if choice.service_id else choice.custom_unit
        items.append(comparison.Item(choice.label, choice.quantity, unit, choice.agreed_amount))
    return items


def document_template_version(agreement) -> int:
    """The lock_version of the agreement's template; 0 while none is saved."""
    found = DocumentTemplate.objects.filter(agreement=agreement).values_list(
        "lock_version", flat=True
    )
    return found.first() or 0


def agreement_events(user):
    """Changes of the whole agreement and withdrawals: as public as the DVO versions."""
    return AgreementEvent.objects.filter(agreement__in=agreements_for(user)).select_related(
        "agreement", "municipality"
    )


def party_consents(user):
    return PartyConsent.objects.filter(event__in=agreement_events(user)).select_related(
        "party", "event"
    )
