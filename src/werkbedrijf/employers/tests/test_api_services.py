"""The employer services API: contact moments, locations, wishes, events and reach, with
problem+json refusals naming the API's fields, and the municipality's view limited to its own."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from werkbedrijf.employers import services
from werkbedrijf.employers.models import ContactMoment, EmployerEvent

pytestmark = pytest.mark.django_db

API = "/api/v1"
PROBLEM = "application/problem+json"


def send(client, method, url, data=None):
    return getattr(client, method)(API + url, data or {}, content_type="application/json")


def invalid_names(response) -> set[str]:
    assert response["Content-Type"] == PROBLEM, response.content
    return {param["name"] for param in response.json()["invalidParams"]}


@pytest.fixture
def employer(consultant):
    return services.register_employer(
        actor=consultant, name="Schoon BV", kvk_number="12345678", sector_group="cleaning"
    )


def test_a_contact_is_recorded_and_listed(client_for, consultant, employer, nijmegen):
    client = client_for(consultant)
    today = timezone.localdate()
    url = f"/employers/{employer.uuid}/contacts"
    refused = send(
        client,
        "post",
        url,
        {
            "kind": "visit",
            "contactOn": str(today),
            "subject": "Kennismaking",
            "followUpOn": str(today - timedelta(days=2)),
        },
    )
    assert refused.status_code == 400
    assert invalid_names(refused) == {"followUpOn", "municipality"}
    assert not ContactMoment.objects.exists()
    created = send(
        client,
        "post",
        url,
        {
            "kind": "visit",
            "contactOn": str(today),
            "subject": "Kennismaking",
            "contactPerson": "Mevrouw Jansen",
            "municipality": str(nijmegen.uuid),
        },
    )
    assert created.status_code == 201, created.content
    listed = client.get(API + url).json()["results"]
    assert [c["contactPerson"] for c in listed] == ["Mevrouw Jansen"]


def test_a_municipality_reads_locations_but_not_contacts(
    client_for, consultant, policy_adviser_nijmegen, employer, nijmegen
):
    services.add_location(
        actor=consultant,
        employer=employer,
        street="Markt",
        house_number="1",
        postcode="6511PP",
        city="Nijmegen",
        municipality=nijmegen,
    )
    client = client_for(policy_adviser_nijmegen)
    locations = client.get(f"{API}/employers/{employer.uuid}/locations")
    assert locations.status_code == 200 and locations.json()["results"][0]["postcode"] == "6511PP"
    assert client.get(f"{API}/employers/{employer.uuid}/contacts").status_code == 403
    assert client.get(f"{API}/employer-events").status_code == 403


def test_an_event_in_the_future_is_not_recorded_as_held(client_for, consultant, nijmegen):
    response = send(
        client_for(consultant),
        "post",
        "/employer-events",
        {
            "kind": "speed_date",
            "title": "Speeddates",
            "heldOn": str(timezone.localdate() + timedelta(days=10)),
            "place": "Thermen",
            "municipality": str(nijmegen.uuid),
            "status": "held",
        },
    )
    assert response.status_code == 400
    assert invalid_names(response) == {"status"}
    assert not EmployerEvent.objects.exists()


def test_an_event_is_updated_and_read_with_its_employers(
    client_for, consultant, employer, nijmegen
):
    client = client_for(consultant)
    created = send(
        client,
        "post",
        "/employer-events",
        {
            "kind": "job_market",
            "title": "Banenmarkt",
            "heldOn": str(timezone.localdate()),
            "place": "De Klif",
            "municipality": str(nijmegen.uuid),
        },
    )
    assert created.status_code == 201, created.content
    uuid = created.json()["uuid"]
    updated = send(
        client,
        "patch",
        f"/employer-events/{uuid}",
        {"status": "held", "employers": [str(employer.uuid)]},
    )
    assert updated.status_code == 200, updated.content
    event = client.get(f"{API}/employer-events/{uuid}").json()
    assert event["status"] == "held" and [e["name"] for e in event["employers"]] == ["Schoon BV"]


def test_a_wish_and_the_profile(client_for, consultant, employer):
    client = client_for(consultant)
    wish = send(
        client,
        "post",
        f"/employers/{employer.uuid}/wishes",
        {"kind": "job_carving", "description": "Inpakwerk", "places": 2},
    )
    assert wish.status_code == 201, wish.content
    changed = send(
        client, "patch", f"/employer-wishes/{wish.json()['uuid']}", {"status": "realised"}
    )
    assert changed.json()["status"] == "realised"
    profile = send(
        client,
        "patch",
        f"/employers/{employer.uuid}",
        {"sizeClass": "large", "accountManager": str(consultant.uuid)},
    )
    assert profile.status_code == 200, profile.content
    assert profile.json()["accountManager"] == str(consultant.uuid)


def test_reach_for_the_own_municipality_only(
    client_for, consultant, policy_adviser_nijmegen, employer, nijmegen, wijchen
):
    services.record_contact(
        actor=consultant,
        employer=employer,
        kind="call",
        contact_on=date(2025, 4, 1),
        subject="Vacatures",
        municipality=nijmegen,
    )
    region = client_for(consultant).get(f"{API}/employer-reach", {"year": 2025}).json()
    assert region["employersReached"] == 1 and region["municipality"] is None
    adviser = client_for(policy_adviser_nijmegen)
    own = adviser.get(f"{API}/employer-reach", {"year": 2025}).json()
    assert own["municipality"]["name"] == nijmegen.name and own["contacts"] == 1
    other = adviser.get(f"{API}/employer-reach", {"year": 2025, "municipality": str(wijchen.uuid)})
    assert other.status_code == 404


def test_the_realisation_api_shows_item_6_contacts_and_events(
    client_for, consultant, reference_dvo, employer, make_user
):
    from werkbedrijf.accounts.models import Role
    from werkbedrijf.reference_data import organisations as orgs

    beuningen = orgs.municipality("GM0209")  # bought "1 x event" of item 6 for 2025
    services.record_event(
        actor=consultant,
        kind="job_market",
        title="Banenmarkt Beuningen",
        held_on=date(2025, 4, 10),
        place="Beuningen",
        municipality=beuningen,
        status="held",
    )
    adviser = make_user(Role.POLICY_ADVISER, beuningen)
    answer = client_for(adviser).get(
        f"{API}/realisation", {"municipality": str(beuningen.uuid), "year": 2025}
    )
    assert answer.status_code == 200, answer.content
    rows = {r["service"]["code"]: r for r in answer.json()["services"]}
    item_6 = rows["events-en-lokale-marktbewerking"]
    assert item_6["delivered"] == "1.00"
    assert item_6["marketWork"] == {"contacts": 0, "eventsHeld": 1, "eventsPlanned": 0}
    assert rows["maatwerk-interventies"]["marketWork"] is None
