"""POST /api/v1/access-requests: the access request (AVG art. 15) as JSON, with the screen's remit
and logging."""

import pytest

from werkbedrijf.accounts.models import Role
from werkbedrijf.api.problems import camel
from werkbedrijf.privacy import services
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.processing_log.services import ACCESS_REQUEST

from .conftest import BSN, OTHER_BSN, UNKNOWN_BSN, WIJCHEN_BSN

pytestmark = pytest.mark.django_db
URL = "/api/v1/access-requests"


def post(client, bsn):
    return client.post(URL, {"bsn": bsn}, content_type="application/json")


def test_the_answer_holds_everything_about_the_person_and_nothing_about_another(
    client_for, officer_werkbedrijf, person, other_person
):
    response = post(client_for(officer_werkbedrijf), BSN)
    assert response.status_code == 200, response.content
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert data["personalData"]["bsn"] == BSN
    assert data["personalData"]["dateOfBirth"] == "1990-05-01"
    assert data["controller"]["name"] == "Nijmegen"
    assert data["legalBasis"] == ACCESS_REQUEST.legal_basis
    assert set(data["records"]) == {
        "trajectories",
        "steps",
        "notes",
        "diagnoses",
        "activities",
        "placements",
        "instruments",
        "signals",
        "talks",
        "ladder",
        "certificates",
        "contacts",
        "assessments",
        "legalHolds",
        "moves",
        "surveyInvitations",
        "workProfile",
        "proposals",
    }
    assert all(data["records"][k] for k in data["records"]), "every kind has a record"
    assert data["records"]["notes"][0]["text"] == "PERSOON-A notitie"
    assert data["records"]["instruments"][0]["amount"] == "123.45"
    text = response.content.decode()
    assert "PERSOON-B" not in text and OTHER_BSN not in text
    log = data["processingLog"]
    assert {e["purpose"] for e in log} >= {ACCESS_REQUEST.purpose}
    assert log[-1]["action"] == "export" and log[-1]["channel"] == "api"
    assert set(log[0]) == {camel(name) for name in services.LOG_COLUMNS}


def test_another_municipalitys_resident_is_not_found_like_an_unknown_number(
    client_for, officer_nijmegen, wijchen_resident
):
    client = client_for(officer_nijmegen)
    other, unknown = post(client, WIJCHEN_BSN), post(client, UNKNOWN_BSN)
    assert other.status_code == unknown.status_code == 404
    assert other.json() == unknown.json()
    assert not ProcessingLogEntry.objects.filter(
        data_subject_uuid=wijchen_resident.uuid, actor=officer_nijmegen
    ).exists()


def test_an_invalid_bsn_is_a_problem_on_the_bsn(client_for, officer_nijmegen):
    response = post(client_for(officer_nijmegen), "123456789")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert [p["name"] for p in response.json()["invalidParams"]] == ["bsn"]
    assert "123456789" not in response.content.decode()


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.DVO_ADMIN, Role.FUNCTIONAL_ADMIN])
def test_other_roles_are_refused(client_for, make_user, werkbedrijf_org, person, role):
    response = post(client_for(make_user(role, werkbedrijf_org)), BSN)
    assert response.status_code == 403
    assert not ProcessingLogEntry.objects.filter(purpose=ACCESS_REQUEST.purpose).exists()


def test_the_case_manager_is_refused(client_for, case_manager, person):
    assert post(client_for(case_manager), BSN).status_code == 403


def test_a_bsn_sent_as_a_json_number_is_refused_as_the_wrong_type(
    client_for, officer_nijmegen, person
):
    response = client_for(officer_nijmegen).post(
        "/api/v1/access-requests", {"bsn": int(BSN)}, content_type="application/json"
    )
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["bsn"]
