"""The matching API: bad input is a problem+json naming the field, a stale decision is refused,
the match list comes with its evidence, and nothing is half-written."""

from datetime import timedelta

import pytest
from django.utils import timezone

from werkbedrijf.matching import services
from werkbedrijf.matching.models import Proposal, Vacancy

pytestmark = pytest.mark.django_db

API = "/api/v1"
PROBLEM = "application/problem+json"


def _vacancy_body(employer, **changes):
    body = {
        "employer": str(employer.uuid),
        "title": "Orderpicker",
        "occupation": "orderpicker",
        "sectorGroup": "production_logistics",
        "postcode": "6601 AB",
        "hoursPerWeek": 24,
        "days": ["mon"],
        "startDate": (timezone.localdate() + timedelta(days=7)).isoformat(),
        "employmentForms": ["regular"],
        "competencesRequired": ["orders-verzamelen"],
    }
    body.update(changes)
    return body


def _invalid(response) -> dict:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == PROBLEM
    return {p["name"]: p["reason"] for p in response.json()["invalidParams"]}


def test_a_vacancy_with_zero_hours_or_an_unknown_code_is_a_problem(
    client_for, consultant, employer, catalogue
):
    client = client_for(consultant)
    response = client.post(
        API + "/vacancies",
        _vacancy_body(employer, hoursPerWeek=0, competencesRequired=["vliegen"]),
        content_type="application/json",
    )
    invalid = _invalid(response)
    assert "meer dan 0" in invalid["hoursPerWeek"]
    assert "vliegen" in invalid["competencesRequired"]
    assert not Vacancy.objects.exists()
    response = client.post(
        API + "/vacancies", _vacancy_body(employer), content_type="application/json"
    )
    assert response.status_code == 201
    assert response["Location"].endswith(response.json()["uuid"])


def test_a_work_profile_with_500_km_is_a_problem(client_for, consultant, make_candidate):
    candidate = make_candidate(profile=False)
    response = client_for(consultant).put(
        f"{API}/candidates/{candidate.uuid}/work-profile",
        {"maxTravelKm": 500},
        content_type="application/json",
    )
    assert "100 km" in _invalid(response)["maxTravelKm"]


def test_shortlist_with_evidence_and_a_stale_decision(
    client_for, consultant, vacancy, make_candidate
):
    candidate = make_candidate()
    client = client_for(consultant)
    shortlist = client.get(f"{API}/vacancies/{vacancy.uuid}/candidates").json()
    assert [r["candidate"] for r in shortlist["results"]] == [str(candidate.uuid)]
    assert {c["code"] for c in shortlist["results"][0]["match"]["categories"]} >= {"distance"}
    response = client.post(
        API + "/proposals",
        {"vacancy": str(vacancy.uuid), "candidate": str(candidate.uuid), "reason": "Past"},
        content_type="application/json",
    )
    assert response.status_code == 201
    proposal = Proposal.objects.get()
    services.record_candidate_view(
        actor=consultant, proposal=proposal, version=1, view="Ja", agrees=True
    )
    response = client.post(
        f"{API}/proposals/{proposal.uuid}/decisions",
        {"step": "rejected", "reason": "Nee"},
        content_type="application/json",
        headers={"If-Match": '"1"'},
    )
    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM
    assert "Iemand anders heeft over dit voorstel besloten" in response.json()["detail"]
    proposal.refresh_from_db()
    assert (proposal.status, proposal.outcome_reason) == ("proposed", "")


def test_a_stale_work_profile_is_still_a_failed_precondition(
    client_for, consultant, make_candidate
):
    """A replace with an old ETag fails its If-Match (412); only a decision that meets another
    decision is a conflict with the proposal's state (409)."""
    candidate = make_candidate()
    client = client_for(consultant)
    url = f"{API}/candidates/{candidate.uuid}/work-profile"
    current = client.get(url)["ETag"]
    assert (
        client.put(
            url, {"maxTravelKm": 20}, content_type="application/json", headers={"If-Match": current}
        ).status_code
        == 200
    )
    response = client.put(
        url, {"maxTravelKm": 30}, content_type="application/json", headers={"If-Match": current}
    )
    assert response.status_code == 412
    assert response["Content-Type"] == PROBLEM


def test_an_excluded_candidate_cannot_be_proposed_through_the_api(
    client_for, consultant, vacancy, make_candidate
):
    candidate = make_candidate(profile={"limitations": ["long_standing"]})
    response = client_for(consultant).post(
        API + "/proposals",
        {"vacancy": str(vacancy.uuid), "candidate": str(candidate.uuid), "reason": "Toch"},
        content_type="application/json",
    )
    assert "harde eis" in _invalid(response)["candidate"]
    assert not Proposal.objects.exists()


def test_vacancy_status_changes_with_a_date_and_a_version_check(client_for, consultant, vacancy):
    client = client_for(consultant)
    url = f"{API}/vacancies/{vacancy.uuid}"
    assert client.get(url)["ETag"] == '"1"'
    response = client.post(
        url + "/status-changes",
        {"status": "on_hold"},
        content_type="application/json",
        headers={"If-Match": '"1"'},
    )
    assert response.status_code == 200, response.content
    assert response["ETag"] == '"2"'
    assert (response.json()["status"], response.json()["statusSince"]) == (
        "on_hold",
        timezone.localdate().isoformat(),
    )
    # Someone else changed it after this client read version 1: a conflict, nothing written.
    response = client.post(
        url + "/status-changes",
        {"status": "withdrawn"},
        content_type="application/json",
        headers={"If-Match": '"1"'},
    )
    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM
    assert "Iemand anders heeft deze vacature gewijzigd" in response.json()["detail"]
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.lock_version) == ("on_hold", 2)


def test_a_transition_the_status_does_not_allow_is_a_problem(client_for, consultant, vacancy):
    services.change_vacancy_status(actor=consultant, vacancy=vacancy, status="withdrawn", version=1)
    response = client_for(consultant).post(
        f"{API}/vacancies/{vacancy.uuid}/status-changes",
        {"status": "open"},
        content_type="application/json",
    )
    assert "nieuwe vacature" in _invalid(response)["status"]
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.lock_version) == ("withdrawn", 2)


def test_a_team_manager_reads_a_vacancy_but_cannot_change_its_status(
    client_for, make_user, werkbedrijf_org, vacancy
):
    from werkbedrijf.accounts.models import Role

    client = client_for(make_user(Role.MANAGER, werkbedrijf_org))
    assert client.get(f"{API}/vacancies/{vacancy.uuid}").status_code == 200
    response = client.post(
        f"{API}/vacancies/{vacancy.uuid}/status-changes",
        {"status": "on_hold"},
        content_type="application/json",
    )
    assert response.status_code == 403
    vacancy.refresh_from_db()
    assert vacancy.status == "open"
