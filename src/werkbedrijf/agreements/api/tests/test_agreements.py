"""DVO versions and their cycle, the keuzekaart, municipal agreements, budgets."""

from decimal import Decimal

import pytest

from werkbedrijf.agreements.models import AgreementVersion, Budget
from werkbedrijf.api.testing import API, call, invalid_names, problem_of

pytestmark = pytest.mark.django_db


def test_an_agreement_shows_its_period_status_and_history(client_for, consultant, draft_dvo):
    client = client_for(consultant)
    listed = client.get(f"{API}/agreements").json()
    assert [a["uuid"] for a in listed] == [str(draft_dvo.uuid)]
    body = client.get(f"{API}/agreements/{draft_dvo.uuid}").json()
    assert body["periodStart"] == "2024-07-01" and body["periodEnd"] == "2025-12-31"
    assert body["years"] == [2024, 2025]
    assert body["status"] == body["effectiveStatus"] == "draft"
    assert body["statusHistory"] == []
    assert "id" not in body


def test_an_administrator_moves_the_cycle_to_adopted(client_for, dvo_admin, draft_dvo):
    client = client_for(dvo_admin)
    url = f"{API}/agreements/{draft_dvo.uuid}/transitions"
    response = call(
        client, "post", url, {"target": "opinions_requested", "opinionDeadline": "2024-05-01"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["opinionDeadline"] == "2024-05-01"
    response = call(
        client,
        "post",
        url,
        {"target": "adopted", "decidedOn": "2024-06-20", "reason": "DB-besluit 20 juni"},
    )
    body = response.json()
    assert response.status_code == 201
    assert body["status"] == "adopted" and body["adoptedOn"] == "2024-06-20"
    assert body["effectiveStatus"] in {"in_force", "tacitly_extended", "expired"}
    assert [(h["fromStatus"], h["toStatus"]) for h in body["statusHistory"]] == [
        ("draft", "opinions_requested"),
        ("opinions_requested", "adopted"),
    ]
    assert body["statusHistory"][1]["reason"] == "DB-besluit 20 juni"


def test_only_an_administrator_moves_the_cycle(client_for, policy_adviser_nijmegen, draft_dvo):
    response = call(
        client_for(policy_adviser_nijmegen),
        "post",
        f"{API}/agreements/{draft_dvo.uuid}/transitions",
        {"target": "opinions_requested", "opinionDeadline": "2024-05-01"},
    )
    problem_of(response, 403)
    draft_dvo.refresh_from_db()
    assert draft_dvo.status == "draft"


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({"target": "adopted", "decidedOn": "2024-06-20"}, "target"),  # skips opinions
        ({"target": "opinions_requested"}, "opinionDeadline"),
        ({"target": "in_force"}, "target"),
        ({"target": "opinions_requested", "opinionDeadline": "1 mei"}, "opinionDeadline"),
        ({}, "target"),
    ],
)
def test_a_transition_that_is_not_allowed_is_refused(client_for, dvo_admin, draft_dvo, body, name):
    response = call(
        client_for(dvo_admin), "post", f"{API}/agreements/{draft_dvo.uuid}/transitions", body
    )
    assert name in invalid_names(response)
    draft_dvo.refresh_from_db()
    assert draft_dvo.status == "draft" and not draft_dvo.status_changes.exists()


def test_adopting_needs_a_decision_date(client_for, dvo_admin, draft_dvo):
    client = client_for(dvo_admin)
    url = f"{API}/agreements/{draft_dvo.uuid}/transitions"
    call(client, "post", url, {"target": "opinions_requested", "opinionDeadline": "2024-05-01"})
    assert invalid_names(call(client, "post", url, {"target": "adopted"})) == {"decidedOn"}
    draft_dvo.refresh_from_db()
    assert draft_dvo.status == "opinions_requested"


def test_the_catalogue_lists_services_with_their_terms(client_for, consultant, draft_dvo):
    client = client_for(consultant)
    catalogue = client.get(f"{API}/agreements/{draft_dvo.uuid}/catalogue").json()
    assert catalogue == client.get(f"{API}/catalogues/{draft_dvo.catalogue.uuid}").json()
    assert [c["uuid"] for c in client.get(f"{API}/catalogues").json()] == [catalogue["uuid"]]
    assert catalogue["priceUnit"] == "eur"
    services = {s["code"]: s for s in catalogue["services"]}
    assert [s["number"] for s in catalogue["services"]] == [4, 5, 7]
    youth = services["zorgjongeren"]
    assert youth["price"] == "30000.00" and youth["bundleSize"] == "10.00"
    assert youth["allowsFractions"] is False
    assert youth["availableUntilYear"] == 2024 and youth["availableYears"] == [2024]
    assert services["participatiecoaching"]["allowsFractions"] is True
    assert services["maatwerk-interventies"]["availableYears"] == [2024, 2025]
    assert youth["printedOptions"] == []


def test_an_agreement_without_a_catalogue_has_none(client_for, consultant, draft_dvo):
    draft_dvo.catalogue.delete()
    problem_of(client_for(consultant).get(f"{API}/agreements/{draft_dvo.uuid}/catalogue"), 404)


def test_municipal_agreements_filter_by_agreement_and_municipality(
    client_for, consultant, draft_dvo, nijmegen, region
):
    other = AgreementVersion.objects.create(
        region=region,
        title="Andere DVO",
        period_start=draft_dvo.period_end.replace(year=2026, month=1, day=1),
        period_end=draft_dvo.period_end.replace(year=2027),
    )
    other.municipal_agreements.create(municipality=nijmegen)
    client = client_for(consultant)
    everything = client.get(f"{API}/municipal-agreements").json()
    assert len(everything) == 3
    of_draft = client.get(f"{API}/municipal-agreements", {"agreement": draft_dvo.uuid}).json()
    assert {m["municipality"]["cbsCode"] for m in of_draft} == {"GM0268", "GM0296"}
    assert {m["agreement"] for m in of_draft} == {str(draft_dvo.uuid)}
    nijmegen_only = client.get(
        f"{API}/municipal-agreements", {"agreement": draft_dvo.uuid, "municipality": nijmegen.uuid}
    ).json()
    assert len(nijmegen_only) == 1
    detail = client.get(f"{API}/municipal-agreements/{nijmegen_only[0]['uuid']}").json()
    assert detail == nijmegen_only[0]
    assert set(detail) >= {"aim", "signedOn", "municipality", "agreementStatus"}
    assert invalid_names(client.get(f"{API}/municipal-agreements", {"agreement": "x"})) == {
        "agreement"
    }


def test_budgets_per_year_with_the_amount_the_check_uses(
    client_for, policy_adviser_nijmegen, nijmegen_ma
):
    Budget.objects.filter(municipal_agreement=nijmegen_ma, year=2025).update(
        amount=None,
        share_percentage=Decimal(15),
        base_amount=Decimal(1_000_000),
        legacy_obligations=Decimal("20000.50"),
        base_name="Werkbudget",
    )
    budgets = (
        client_for(policy_adviser_nijmegen)
        .get(f"{API}/municipal-agreements/{nijmegen_ma.uuid}/budgets")
        .json()
    )
    assert [(b["year"], b["amount"], b["effectiveAmount"]) for b in budgets] == [
        (2024, "100000.00", "100000.00"),
        (2025, None, "129999.50"),
    ]
    assert budgets[1]["sharePercentage"] == "15.00" and budgets[1]["priceUnit"] == "eur"
