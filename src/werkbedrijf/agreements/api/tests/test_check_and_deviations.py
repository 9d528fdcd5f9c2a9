"""The budget check through the API, and accepting its deviations before adoption."""

import pytest

from werkbedrijf.agreements import services
from werkbedrijf.agreements.models import DeviationAcceptance
from werkbedrijf.agreements.services import LineInput
from werkbedrijf.api.testing import API, call, invalid_names, problem_of

from .conftest import card

pytestmark = pytest.mark.django_db


@pytest.fixture
def overrun(draft_dvo, nijmegen_ma, policy_adviser_nijmegen):
    """40 maatwerk-interventies agreed at € 125.000 (card: € 120.000) on a € 100.000 budget."""
    return services.save_choices(
        actor=policy_adviser_nijmegen,
        municipal_agreement=nijmegen_ma,
        year=2024,
        lines=[
            LineInput(
                service=card(draft_dvo, "maatwerk-interventies"),
                quantity=40,
                agreed_amount="125000",
            )
        ],
    )


def check(client, ma, year=2024):
    return client.get(f"{API}/municipal-agreements/{ma.uuid}/check", {"year": year})


def test_the_check_reports_overrun_and_price_deviation(
    client_for, policy_adviser_nijmegen, nijmegen_ma, overrun
):
    body = check(client_for(policy_adviser_nijmegen), nijmegen_ma).json()
    assert (body["budget"], body["total"], body["difference"], body["overBudget"]) == (
        "100000.00",
        "125000.00",
        "25000.00",
        True,
    )
    findings = {f["kind"]: f for f in body["findings"]}
    assert set(findings) == {"overrun", "price_deviation"}
    deviation = findings["price_deviation"]
    assert (deviation["expected"], deviation["actual"], deviation["difference"]) == (
        "120000.00",
        "125000.00",
        "5000.00",
    )
    assert deviation["severity"] == "acceptance" and deviation["accepted"] is False
    assert deviation["choice"] == str(overrun[0].uuid)
    assert deviation["key"] and deviation["message"]
    assert body["openDeviations"] == 2


def test_an_administrator_accepts_each_deviation_and_then_adopts(
    client_for, dvo_admin, draft_dvo, nijmegen_ma, overrun
):
    client = client_for(dvo_admin)
    url = f"{API}/municipal-agreements/{nijmegen_ma.uuid}/deviation-acceptances"
    transitions = f"{API}/agreements/{draft_dvo.uuid}/transitions"
    call(
        client,
        "post",
        transitions,
        {"target": "opinions_requested", "opinionDeadline": "2024-05-01"},
    )
    refused = call(client, "post", transitions, {"target": "adopted", "decidedOn": "2024-06-20"})
    reasons = problem_of(refused, 400)["invalidParams"]
    assert {p["name"] for p in reasons} == {"target"}
    assert {p["code"] for p in reasons} == {"deviation_not_accepted"}
    assert len(reasons) == 2

    for finding in check(client, nijmegen_ma).json()["findings"]:
        response = call(
            client,
            "post",
            url,
            {"year": 2024, "findingKey": finding["key"], "reason": "Besproken in het DB."},
        )
        assert response.status_code == 201, response.content
        assert response.json()["findingKey"] == finding["key"]
    body = check(client, nijmegen_ma).json()
    assert all(f["accepted"] for f in body["findings"]) and body["openDeviations"] == 0
    assert len(client.get(url).json()) == 2
    assert client.get(url, {"year": 2025}).json() == []

    adopted = call(client, "post", transitions, {"target": "adopted", "decidedOn": "2024-06-20"})
    assert adopted.status_code == 201 and adopted.json()["status"] == "adopted"


def test_an_adviser_cannot_accept_a_deviation(
    client_for, policy_adviser_nijmegen, nijmegen_ma, overrun
):
    client = client_for(policy_adviser_nijmegen)
    key = check(client, nijmegen_ma).json()["findings"][0]["key"]
    response = call(
        client,
        "post",
        f"{API}/municipal-agreements/{nijmegen_ma.uuid}/deviation-acceptances",
        {"year": 2024, "findingKey": key, "reason": "Zelf goedgekeurd"},
    )
    problem_of(response, 403)
    assert not DeviationAcceptance.objects.exists()


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({"year": 2024, "findingKey": "overrun::nothing", "reason": "ok"}, "findingKey"),
        ({"year": 2024, "findingKey": "KEY", "reason": ""}, "reason"),
        ({"year": 2024, "findingKey": "KEY", "reason": "   "}, "reason"),
        ({"year": 2030, "findingKey": "KEY", "reason": "ok"}, "year"),
        ({"findingKey": "KEY", "reason": "ok"}, "year"),
    ],
)
def test_a_bad_acceptance_is_refused(client_for, dvo_admin, nijmegen_ma, overrun, body, name):
    client = client_for(dvo_admin)
    key = check(client, nijmegen_ma).json()["findings"][0]["key"]
    body = {k: key if v == "KEY" else v for k, v in body.items()}
    response = call(
        client, "post", f"{API}/municipal-agreements/{nijmegen_ma.uuid}/deviation-acceptances", body
    )
    assert name in invalid_names(response)
    assert not DeviationAcceptance.objects.exists()


def test_a_changed_amount_needs_a_fresh_acceptance(
    client_for, dvo_admin, policy_adviser_nijmegen, nijmegen_ma, overrun
):
    admin = client_for(dvo_admin)
    deviation = next(
        f for f in check(admin, nijmegen_ma).json()["findings"] if f["kind"] == "price_deviation"
    )
    call(
        admin,
        "post",
        f"{API}/municipal-agreements/{nijmegen_ma.uuid}/deviation-acceptances",
        {"year": 2024, "findingKey": deviation["key"], "reason": "ok"},
    )
    call(
        client_for(policy_adviser_nijmegen),
        "patch",
        f"{API}/choices/{overrun[0].uuid}",
        {"agreedAmount": "126000"},
    )
    again = next(
        f for f in check(admin, nijmegen_ma).json()["findings"] if f["kind"] == "price_deviation"
    )
    assert again["accepted"] is False and again["key"] != deviation["key"]
