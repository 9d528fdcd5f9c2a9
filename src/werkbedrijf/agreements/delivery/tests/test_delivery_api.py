"""The delivery API: record, list, and the realisation per quarter; bad input as a Dutch problem."""

from werkbedrijf.agreements.delivery.models import DeliveryNote, HalfDaySession
from werkbedrijf.api.testing import invalid_names, problem_of

API = "/api/v1/deliveries"


def half_day(municipality, choice, date="2025-02-04", status="held"):
    return {
        "municipality": str(municipality.uuid),
        "deliveryKind": "halfDay",
        "localChoice": str(choice.uuid),
        "location": "Wijkcentrum Dukenburg",
        "date": date,
        "partOfDay": "morning",
        "status": status,
    }


def test_a_half_day_is_recorded_listed_and_counted(client_for, manager, nijmegen, choice):
    client = client_for(manager)
    half_days = choice("extra-arbeidsbemiddeling-op-locatie")
    response = client.post(API, half_day(nijmegen, half_days), content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["deliveryKind"] == "halfDay"
    listed = client.get(API, {"municipality": nijmegen.uuid, "year": 2025}).json()
    assert [h["location"] for h in listed["halfDays"]] == ["Wijkcentrum Dukenburg"]
    realisation = client.get(
        "/api/v1/quarterly-realisation", {"municipality": nijmegen.uuid, "year": 2025}
    ).json()
    row = next(r for r in realisation["rows"] if r["localChoice"] == str(half_days.uuid))
    assert row["deliveredBy"] == "half_days"
    assert [(q["bought"], q["delivered"]) for q in row["quarters"]][0] == ("39.00", "1.00")


def test_a_quarter_outside_the_agreement_is_a_dutch_problem(client_for, manager, nijmegen, choice):
    response = client_for(manager).post(
        API,
        half_day(nijmegen, choice("extra-arbeidsbemiddeling-op-locatie", 2024), "2024-04-02"),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    problem = problem_of(response, 400)
    assert invalid_names(response) == {"date"}
    assert "valt buiten de periode van de overeenkomst" in str(problem)
    assert not HalfDaySession.objects.exists()


def test_a_note_for_another_municipalitys_choice_is_refused(client_for, manager, wijchen, choice):
    body = {
        "municipality": str(wijchen.uuid),
        "deliveryKind": "note",
        "localChoice": str(choice("Kwartiermaker Economisch Collectief Nijmegen").uuid),
        "noteKind": "periodic",
        "date": "2025-03-31",
        "text": "Bijeenkomsten",
    }
    response = client_for(manager).post(API, body, content_type="application/json")
    assert invalid_names(response) == {"localChoice"}
    assert not DeliveryNote.objects.exists()


def test_a_policy_adviser_reads_their_own_and_records_nothing(
    client_for, policy_adviser_nijmegen, nijmegen, wijchen, choice
):
    client = client_for(policy_adviser_nijmegen)
    assert client.get(API, {"municipality": nijmegen.uuid, "year": 2025}).status_code == 200
    assert client.get(API, {"municipality": wijchen.uuid, "year": 2025}).status_code == 404
    response = client.post(
        API,
        half_day(nijmegen, choice("extra-arbeidsbemiddeling-op-locatie")),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not HalfDaySession.objects.exists()
