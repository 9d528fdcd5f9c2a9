"""Least privilege (AVG art. 5.1c): the DVO administrator, the board and the functional
administrator see agreements, budgets, realisation and aggregates, never a candidate's personal
data; a WerkBedrijf team manager sees the region's aggregates and the caseload of their team."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import EmptyResultSet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from werkbedrijf.access import policy
from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import services
from werkbedrijf.candidates.models import Candidate
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.organisations.models import Team
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.utils.bsn import nth_test_bsn

pytestmark = pytest.mark.django_db

API = "/api/v1"
PROBLEM = "application/problem+json"


def _nl(msgid: str) -> str:
    with translation.override("nl"):
        return escape(translation.gettext(msgid))


@pytest.fixture
def teams(werkbedrijf_org):
    return (
        Team.objects.get(organisation=werkbedrijf_org, name="Intake en diagnose"),
        Team.objects.get(organisation=werkbedrijf_org, name="Bedrijfsdienstverlening"),
    )


def _in_team(user, team):
    user.team = team
    user.save(update_fields=["team"])
    return user


@pytest.fixture
def manager(make_user, werkbedrijf_org, teams):
    return _in_team(make_user(Role.MANAGER, werkbedrijf_org), teams[0])


@pytest.fixture
def people(case_manager, consultant, make_user, werkbedrijf_org, teams, nijmegen, wijchen):
    """Two residents in service: one whose contact person is in the intake team, one whose contact
    person is in the other team."""
    in_team = _in_team(make_user(Role.CONSULTANT, werkbedrijf_org), teams[0])
    elsewhere = _in_team(make_user(Role.CONSULTANT, werkbedrijf_org), teams[1])
    wijchen_manager = make_user(Role.INCOME_CASE_MANAGER, wijchen)
    found = []
    for n, (actor, municipality, contact, last) in enumerate(
        (
            (case_manager, nijmegen, in_team, "Teamgenoot"),
            (wijchen_manager, wijchen, elsewhere, "Buitenstaander"),
        )
    ):
        trajectory = services.refer_candidate(
            actor=actor,
            municipality=municipality,
            person=PersonInput(nth_test_bsn(841 + n), "Kees", last, date(1990, 1, 1)),
            referred_on=timezone.localdate() - timedelta(days=20),
        )
        services.assign_contact(actor=consultant, candidate=trajectory.candidate, contact=contact)
        found.append(trajectory.candidate)
    return found


# --- the team manager ----------------------------------------------------------------------------


def test_a_team_manager_sees_the_caseload_of_the_team(people, manager, client_for):
    ours, theirs = people
    client = client_for(manager)
    html = client.get(reverse("candidates:caseload")).content.decode()
    assert "Teamgenoot" in html and "Buitenstaander" not in html
    assert client.get(reverse("candidates:candidate", args=[ours.uuid])).status_code == 200
    assert client.get(reverse("candidates:candidate", args=[theirs.uuid])).status_code == 404
    listed = client.get(f"{API}/candidates").json()["results"]
    assert [row["candidate"]["uuid"] for row in listed] == [str(ours.uuid)]
    assert client.get(f"{API}/candidates/{theirs.uuid}").status_code == 404


def test_the_caseload_follows_the_contact_person(people, manager, consultant, client_for):
    ours, _theirs = people
    services.assign_contact(actor=consultant, candidate=ours, contact=consultant)  # no team
    assert not policy.can_view_candidate(manager, ours)
    assert client_for(manager).get(f"{API}/candidates").json()["results"] == []


def test_a_manager_without_a_team_sees_no_candidates(people, make_user, werkbedrijf_org):
    manager = make_user(Role.MANAGER, werkbedrijf_org)
    assert not policy.candidate_scope(manager, Candidate.objects.all()).exists()


def test_a_team_manager_divides_the_caseload_but_does_not_work_on_journeys(
    people, manager, consultant, client_for
):
    ours, _theirs = people
    client = client_for(manager)
    response = client.post(
        reverse("candidates:assign_contact", args=[ours.uuid]),
        {"contact-contact": str(manager.uuid), "contact-note": "Tijdelijk bij mij"},
    )
    assert response.status_code == 302
    trajectory = ours.trajectories.get()
    note = client.post(
        reverse("candidates:add_note", args=[trajectory.uuid]),
        {"note-theme": "current", "note-text": "x", "note-written_on": "2026-02-01"},
    )
    assert note.status_code == 403 and not trajectory.notes.exists()
    assert client.get(reverse("candidates:refer")).status_code == 403


def test_a_team_manager_sees_the_regions_aggregates(manager, nijmegen, wijchen):
    assert policy.can_view_realisation(manager, nijmegen)
    assert policy.can_view_realisation(manager, wijchen)


# --- no personal data for the DVO administrator, the board and the functional administrator -------

NO_CANDIDATES = ["dvo_admin", "board_member", "functional_admin"]


@pytest.mark.parametrize("role", NO_CANDIDATES)
def test_the_screens_refuse_in_dutch_and_log_no_read(request, role, people, client_for):
    user = request.getfixturevalue(role)
    client = client_for(user)
    person = people[0]
    refusal = _nl("Your role does not give access to this page or this action.")
    for response in (
        client.get(reverse("candidates:candidate", args=[person.uuid])),
        client.get(reverse("candidates:caseload")),
        client.post(reverse("candidates:bsn_search"), {"bsn": person.bsn}),
        client.get(reverse("privacy:access_request")),
    ):
        assert response.status_code == 403
        html = response.content.decode()
        assert refusal in html
        assert person.last_name not in html and person.bsn not in html
    assert not ProcessingLogEntry.objects.filter(actor=user, data_subject_uuid=person.uuid).exists()


@pytest.mark.parametrize("role", NO_CANDIDATES)
def test_the_api_refuses_with_403_and_logs_no_read(request, role, people, client_for):
    user = request.getfixturevalue(role)
    client = client_for(user)
    person = people[0]
    for response in (
        client.get(f"{API}/candidates/{person.uuid}"),
        client.get(f"{API}/candidates"),
        client.get(f"{API}/trajectories/{person.trajectories.get().uuid}"),
        client.post(
            f"{API}/candidates/search-by-bsn", {"bsn": person.bsn}, content_type="application/json"
        ),
        client.post(f"{API}/access-requests", {"bsn": person.bsn}, content_type="application/json"),
    ):
        assert response.status_code == 403 and response["Content-Type"] == PROBLEM
        assert person.last_name not in response.content.decode()
    assert not ProcessingLogEntry.objects.filter(actor=user, data_subject_uuid=person.uuid).exists()


def test_the_dvo_administrator_still_runs_the_dvo(dvo_admin, client_for, reference_dvo):
    client = client_for(dvo_admin)
    assert client.get(reverse("agreements:agreements")).status_code == 200
    assert client.get(reverse("candidates:realisation")).status_code == 200
    assert client.get(f"{API}/agreements").status_code == 200


def test_a_functional_administrator_manages_accounts_not_cases(
    functional_admin, people, client_for
):
    client = client_for(functional_admin)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert not policy.can_view_candidates(functional_admin)
    assert client.get(reverse("candidates:caseload")).status_code == 403


def test_users_with_the_same_scope_key_get_the_same_narrowing(
    make_user, werkbedrijf_org, mgr_org, nijmegen, wijchen, teams
):
    """policy.candidate_scope_key stands for candidate_scope: the caseload keeps SQL made for one
    user and reuses it for another with the same key (selectors._page_ids). Equal keys must give
    the same statement and parameters."""
    users = [
        make_user(Role.CONSULTANT, werkbedrijf_org),
        make_user(Role.CONSULTANT, werkbedrijf_org),
        _in_team(make_user(Role.MANAGER, werkbedrijf_org), teams[0]),
        _in_team(make_user(Role.MANAGER, werkbedrijf_org), teams[0]),
        _in_team(make_user(Role.MANAGER, werkbedrijf_org), teams[1]),
        make_user(Role.MANAGER, werkbedrijf_org),
        make_user(Role.INCOME_CASE_MANAGER, nijmegen),
        make_user(Role.INCOME_CASE_MANAGER, nijmegen),
        make_user(Role.INCOME_CASE_MANAGER, wijchen),
        make_user(Role.POLICY_ADVISER, nijmegen),
        make_user(Role.BOARD_MEMBER, mgr_org),
    ]

    def narrowing(user):
        try:
            return str(policy.candidate_scope(user, Candidate.objects.all()).query)
        except EmptyResultSet:  # qs.none() has no SQL
            return "none"

    seen: dict = {}
    for user in users:
        user = type(user).objects.get(pk=user.pk)  # fresh, as a request loads it
        seen.setdefault(policy.candidate_scope_key(user), set()).add(narrowing(user))
    assert all(len(statements) == 1 for statements in seen.values()), seen
    assert len(seen) >= 6  # all, two teams, a manager without a team, two municipalities, none
