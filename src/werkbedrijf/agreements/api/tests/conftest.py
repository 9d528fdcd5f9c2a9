"""Helpers for the DVO API tests: the keuzekaart by code, snapshots and the DVO in a known state."""

from datetime import date

import pytest

from werkbedrijf.agreements import services
from werkbedrijf.agreements.models import LocalChoice, MunicipalAgreement
from werkbedrijf.agreements.services import LineInput


def card(agreement, code: str) -> str:
    return str(agreement.catalogue.services.get(code=code).uuid)


def snapshot(municipal_agreement) -> list[tuple]:
    """Everything about a municipality's choices that a refused request must leave alone."""
    return list(
        LocalChoice.objects.filter(municipal_agreement=municipal_agreement)
        .order_by("id")
        .values_list(
            "uuid",
            "year",
            "position",
            "service_id",
            "custom_name",
            "quantity",
            "agreed_amount",
            "valid_from",
            "valid_until",
            "lock_version",
        )
    )


@pytest.fixture
def nijmegen_ma(draft_dvo, nijmegen):
    return MunicipalAgreement.objects.get(agreement=draft_dvo, municipality=nijmegen)


@pytest.fixture
def wijchen_ma(draft_dvo, wijchen):
    return MunicipalAgreement.objects.get(agreement=draft_dvo, municipality=wijchen)


@pytest.fixture
def nijmegen_choices(draft_dvo, nijmegen_ma, policy_adviser_nijmegen):
    """Nijmegen's 2024 draft: 10 maatwerk-interventies at card price, and 0.5 fte coaching."""
    return services.save_choices(
        actor=policy_adviser_nijmegen,
        municipal_agreement=nijmegen_ma,
        year=2024,
        lines=[
            LineInput(service=card(draft_dvo, "maatwerk-interventies"), quantity=10),
            LineInput(service=card(draft_dvo, "participatiecoaching"), quantity="0.5"),
        ],
    )


@pytest.fixture
def adopt(dvo_admin):
    """adopt(agreement): move a draft through opinions to adopted, as the DB would."""

    def run(agreement):
        services.transition_agreement(
            actor=dvo_admin,
            agreement=agreement,
            target="opinions_requested",
            opinion_deadline=date(2024, 5, 1),
        )
        services.transition_agreement(
            actor=dvo_admin, agreement=agreement, target="adopted", decided_on=date(2024, 6, 20)
        )
        agreement.refresh_from_db()
        return agreement

    return run
