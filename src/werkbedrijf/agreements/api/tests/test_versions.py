"""Setting up a DVO version through the API: create it from a previous card, change a service of
the card, enter a budget; bad input refused with invalidParams, nothing saved."""

from datetime import date
from decimal import Decimal

import pytest

from werkbedrijf.agreements.models import (
    AgreementStatus,
    AgreementVersion,
    Budget,
    LocalChoice,
    MunicipalAgreement,
)
from werkbedrijf.api.testing import API, call, invalid_names, problem_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted_dvo(draft_dvo):
    AgreementVersion.objects.filter(pk=draft_dvo.pk).update(
        status=AgreementStatus.ADOPTED, adopted_on=date(2024, 6, 20)
    )
    draft_dvo.refresh_from_db()
    return draft_dvo


def _create(client, nijmegen, wijchen, source, **changes):
    body = {
        "title": "DVO 2026-2027 api",
        "periodStart": "2026-01-01",
        "periodEnd": "2027-12-31",
        "municipalities": [str(nijmegen.uuid), str(wijchen.uuid)],
        "copyFrom": str(source.uuid),
        "budgetRule": "15% van het Participatiebudget",
        **changes,
    }
    return call(client, "post", f"{API}/agreements", body)


@pytest.fixture
def new_version(client_for, dvo_admin, nijmegen, wijchen, adopted_dvo):
    response = _create(client_for(dvo_admin), nijmegen, wijchen, adopted_dvo)
    assert response.status_code == 201, response.content
    return AgreementVersion.objects.get(uuid=response.json()["uuid"])


def test_a_dvo_administrator_creates_a_version_from_the_previous_card(new_version, adopted_dvo):
    assert new_version.status == AgreementStatus.DRAFT
    assert new_version.catalogue.services.count() == adopted_dvo.catalogue.services.count()
    assert new_version.municipal_agreements.count() == 2


def test_an_overlapping_period_is_refused(client_for, dvo_admin, nijmegen, wijchen, adopted_dvo):
    response = _create(
        client_for(dvo_admin), nijmegen, wijchen, adopted_dvo, periodStart="2025-06-01"
    )
    body = problem_of(response, 400)
    (param,) = [p for p in body["invalidParams"] if p["name"] == "periodStart"]
    assert param["code"] == "period_overlaps_adopted"
    assert not AgreementVersion.objects.filter(title="DVO 2026-2027 api").exists()


def test_a_policy_adviser_may_not_create_a_version(
    client_for, policy_adviser_nijmegen, nijmegen, wijchen, adopted_dvo
):
    response = _create(client_for(policy_adviser_nijmegen), nijmegen, wijchen, adopted_dvo)
    problem_of(response, 403)


def _service_url(service):
    return f"{API}/catalogue-services/{service.uuid}"


def test_a_service_of_the_card_is_changed(client_for, dvo_admin, new_version):
    service = new_version.catalogue.services.get(code="maatwerk-interventies")
    response = call(
        client_for(dvo_admin),
        "patch",
        _service_url(service),
        {"price": "31500", "unitLabel": "per 10 kandidaten", "availableFromYear": 2027},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["price"] == "31500.00" and body["unitLabel"] == "per 10 kandidaten"
    assert body["availableYears"] == [2027]


@pytest.mark.parametrize(
    ("body", "name", "code"),
    [
        ({"price": "0"}, "price", "price_not_positive"),
        ({"price": -1}, "price", "price_not_positive"),
        ({"unitLabel": ""}, "unitLabel", "unit_unnamed"),
    ],
)
def test_a_bad_price_or_an_unnamed_unit_is_refused(
    client_for, dvo_admin, new_version, body, name, code
):
    service = new_version.catalogue.services.get(code="maatwerk-interventies")
    response = call(client_for(dvo_admin), "patch", _service_url(service), body)
    problem = problem_of(response, 400)
    assert {(p["name"], p["code"]) for p in problem["invalidParams"]} == {(name, code)}
    service.refresh_from_db()
    assert service.price == Decimal(30000) and service.unit_label == "10 kandidaten"


def test_an_adopted_card_cannot_be_changed(client_for, dvo_admin, adopted_dvo):
    service = adopted_dvo.catalogue.services.first()
    response = call(client_for(dvo_admin), "patch", _service_url(service), {"price": "1"})
    problem_of(response, 403)


def _budget_url(ma, year):
    return f"{API}/municipal-agreements/{ma.uuid}/budgets/{year}"


def test_a_budget_is_entered_with_the_share_rule(client_for, dvo_admin, new_version, nijmegen):
    ma = MunicipalAgreement.objects.get(agreement=new_version, municipality=nijmegen)
    response = call(
        client_for(dvo_admin),
        "put",
        _budget_url(ma, 2026),
        {
            "sharePercentage": "15",
            "baseName": "Participatiebudget",
            "baseAmount": "1000000",
            "legacyObligations": "20000",
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["effectiveAmount"] == "130000.00"


@pytest.mark.parametrize("share", ["100.5", "250", "0"])
def test_a_share_outside_0_to_100_is_refused(client_for, dvo_admin, new_version, nijmegen, share):
    ma = MunicipalAgreement.objects.get(agreement=new_version, municipality=nijmegen)
    response = call(
        client_for(dvo_admin),
        "put",
        _budget_url(ma, 2026),
        {"sharePercentage": share, "baseAmount": "1000000"},
    )
    assert invalid_names(response) == {"sharePercentage"}
    assert not Budget.objects.filter(municipal_agreement=ma).exists()


def test_a_year_outside_the_period_is_refused(client_for, dvo_admin, new_version, nijmegen):
    ma = MunicipalAgreement.objects.get(agreement=new_version, municipality=nijmegen)
    response = call(client_for(dvo_admin), "put", _budget_url(ma, 2030), {"amount": "1"})
    assert invalid_names(response) == {"year"}


def test_a_choice_not_on_the_card_declares_its_kind_of_service(
    client_for, policy_adviser_nijmegen, draft_dvo, nijmegen
):
    ma = MunicipalAgreement.objects.get(agreement=draft_dvo, municipality=nijmegen)
    url = f"{API}/municipal-agreements/{ma.uuid}/choices"
    client = client_for(policy_adviser_nijmegen)
    response = call(
        client,
        "post",
        url,
        {
            "year": 2025,
            "customName": "Kwartiermaker",
            "agreedAmount": "35000",
            "activityKind": "participation_coaching",
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["activityKind"] == "participation_coaching"
    refused = call(
        client,
        "post",
        url,
        {"year": 2025, "customName": "X", "agreedAmount": "1", "activityKind": "nonsense"},
    )
    assert invalid_names(refused) == {"activityKind"}
    assert LocalChoice.objects.filter(municipal_agreement=ma).count() == 1
