"""Reads for the documents: a municipality's choices per version and year, to compare them."""

from __future__ import annotations

from django.http import Http404

from werkbedrijf.access import policy

from .models import (
    AgreementEvent,
    ChoiceChange,
    DocumentTemplate,
    MunicipalAgreement,
    Opinion,
    PartyConsent,
)
from .policies import comparison
from .selectors import (
    agreements_for,
    current_choices,
    get_municipal_agreement,
    municipal_agreements_for,
)


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


def _scoped(user, model):
    """Records under a municipal agreement, narrowed by the one authorisation layer."""
    return policy.municipal_agreement_scope(
        user, model.objects.all(), prefix="municipal_agreement__"
    )


# The kinds of uploaded document, by the name the screens use in their URL.
DOCUMENT_KINDS = (
    "zienswijze",
    "antwoord",
    "besluit",
    "instemming-partij",
    "instemming-gemeente",
    "instemming-db",
    "ondertekening",
)


def document_file(user, kind: str, uuid):
    """The uploaded document of ``kind`` on the record ``uuid``, within the user's scope; Http404
    when there is none (or the user may not see it). Uploads are never served directly: the
    screen agreements:document and the API getAgreementDocument both come through here."""
    try:
        if kind == "zienswijze":
            file = _scoped(user, Opinion).get(uuid=uuid).document
        elif kind == "antwoord":
            file = _scoped(user, Opinion).get(uuid=uuid).answer_document
        elif kind == "besluit":
            file = agreement_events(user).get(uuid=uuid).decision_document
        elif kind == "instemming-partij":
            file = party_consents(user).get(uuid=uuid).document
        elif kind == "instemming-gemeente":
            file = _scoped(user, ChoiceChange).get(uuid=uuid).municipality_consent_document
        elif kind == "instemming-db":
            file = _scoped(user, ChoiceChange).get(uuid=uuid).board_consent_document
        elif kind == "ondertekening":
            file = get_municipal_agreement(user, uuid).signature_document
        else:
            raise Http404
    except (
        Opinion.DoesNotExist,
        ChoiceChange.DoesNotExist,
        MunicipalAgreement.DoesNotExist,
        AgreementEvent.DoesNotExist,
        PartyConsent.DoesNotExist,
        ValueError,
    ):
        raise Http404 from None
    if not file:
        raise Http404
    return file
