"""A resident who moves to another municipality of the region is moved by an explicit step (who,
when, from, to, why) that both municipalities see and the processing log records; a referral
never moves anybody."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import selectors, services
from werkbedrijf.candidates.models import (
    Candidate,
    CandidateMove,
    ContactAssignment,
    Phase,
    Trajectory,
)
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.reference_data import organisations as orgs
from werkbedrijf.utils.bsn import nth_test_bsn

pytestmark = pytest.mark.django_db

API = "/api/v1"
BSN = nth_test_bsn(811)
YESTERDAY = timezone.localdate() - timedelta(days=1)


def _nl(msgid: str, **values) -> str:
    with translation.override("nl"):
        text = translation.gettext(msgid)
    return text % values if values else text


@pytest.fixture
def case_manager_wijchen(make_user, wijchen):
    return make_user(Role.INCOME_CASE_MANAGER, wijchen)


@pytest.fixture
def berg_en_dal(region):
    return orgs.municipality("GM1945")


def refer(actor, municipality, bsn=BSN, referred_on=None):
    return services.refer_candidate(
        actor=actor,
        municipality=municipality,
        person=PersonInput(bsn, "Mirre", "Meeverhuizer", date(1991, 2, 3)),
        referred_on=referred_on or timezone.localdate() - timedelta(days=60),
    )


@pytest.fixture
def running(case_manager, nijmegen):
    """A Nijmegen resident in service, whose contact person is Nijmegen's case manager."""
    trajectory = refer(case_manager, nijmegen)
    services.assign_contact(
        actor=case_manager, candidate=trajectory.candidate, contact=case_manager
    )
    return trajectory


def move(actor, candidate, to, **kwargs):
    return services.move_candidate(
        actor=actor,
        candidate=candidate,
        to_municipality=to,
        moved_on=kwargs.pop("moved_on", YESTERDAY),
        reason=kwargs.pop("reason", "Nieuw adres in de BRP"),
    )


# --- the step ------------------------------------------------------------------------------------


def test_a_move_takes_the_person_and_the_running_trajectory_to_the_new_municipality(
    running, consultant, nijmegen, wijchen
):
    recorded = move(consultant, running.candidate, wijchen)
    candidate = Candidate.objects.get(pk=running.candidate_id)
    running.refresh_from_db()
    assert candidate.municipality == wijchen and running.municipality == wijchen
    assert (recorded.from_municipality, recorded.to_municipality) == (nijmegen, wijchen)
    assert recorded.trajectory == running and recorded.recorded_by == consultant
    assert (recorded.moved_on, recorded.reason) == (YESTERDAY, "Nieuw adres in de BRP")


def test_closed_trajectories_stay_with_the_municipality_they_ran_for(
    case_manager, consultant, nijmegen, wijchen
):
    returned = refer(case_manager, nijmegen)
    services.take_step(
        actor=consultant,
        trajectory=returned,
        target=Phase.RETURNED,
        reason="Eerst zorg",
        occurred_on=timezone.localdate() - timedelta(days=30),
    )
    recorded = move(consultant, returned.candidate, wijchen)
    returned.refresh_from_db()
    assert returned.municipality == nijmegen and recorded.trajectory is None


def test_a_contact_person_of_the_municipality_left_is_handed_back(
    running, consultant, case_manager, wijchen
):
    move(consultant, running.candidate, wijchen)
    contact = ContactAssignment.objects.get(candidate=running.candidate)
    assert contact.contact == case_manager and contact.until is not None


def test_a_contact_person_at_werkbedrijf_stays(running, consultant, wijchen):
    services.assign_contact(actor=consultant, candidate=running.candidate, contact=consultant)
    move(consultant, running.candidate, wijchen)
    current = ContactAssignment.objects.get(candidate=running.candidate, until__isnull=True)
    assert current.contact == consultant


def test_the_move_is_in_the_processing_log_with_the_person(running, consultant, wijchen):
    move(consultant, running.candidate, wijchen)
    entry = ProcessingLogEntry.objects.get(actor=consultant, detail="move:GM0268->GM0296")
    assert entry.action == "update" and entry.data_subject_uuid == running.candidate.uuid
    assert entry.purpose and entry.legal_basis
    assert running.candidate.bsn not in entry.detail


def test_the_case_manager_of_the_municipality_left_may_move_the_person(
    running, case_manager, wijchen
):
    assert move(case_manager, running.candidate, wijchen).recorded_by == case_manager
    assert not policy.can_view_candidate(
        case_manager, Candidate.objects.get(pk=running.candidate_id)
    )


def test_others_may_not_move_the_person(
    running, case_manager_wijchen, make_user, werkbedrijf_org, dvo_admin, wijchen
):
    manager = make_user(Role.MANAGER, werkbedrijf_org)
    for actor in (case_manager_wijchen, manager, dvo_admin):
        with pytest.raises(AccessDenied):
            move(actor, running.candidate, wijchen)
    assert not CandidateMove.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"to": "same"}, "to_municipality"),
        ({"to": "werkbedrijf"}, "to_municipality"),
        ({"moved_on": timezone.localdate() + timedelta(days=1)}, "moved_on"),
        ({"moved_on": None}, "moved_on"),
        ({"reason": "  "}, "reason"),
    ],
)
def test_a_move_that_makes_no_sense_is_refused(
    running, consultant, nijmegen, wijchen, werkbedrijf_org, change, field
):
    to = {"same": nijmegen, "werkbedrijf": werkbedrijf_org}.get(change.pop("to", None), wijchen)
    with pytest.raises(ValidationError) as refused:
        move(consultant, running.candidate, to, **change)
    assert field in refused.value.message_dict
    assert not CandidateMove.objects.exists()
    assert Candidate.objects.get(pk=running.candidate_id).municipality == nijmegen


def test_a_move_cannot_be_dated_before_the_previous_one(running, consultant, wijchen, berg_en_dal):
    move(consultant, running.candidate, wijchen, moved_on=YESTERDAY)
    with pytest.raises(ValidationError) as refused:
        move(consultant, running.candidate, berg_en_dal, moved_on=YESTERDAY - timedelta(days=1))
    assert "moved_on" in refused.value.message_dict


# --- a referral never moves anybody --------------------------------------------------------------


@pytest.fixture
def returned_in_nijmegen(case_manager, consultant, nijmegen):
    trajectory = refer(case_manager, nijmegen)
    return services.take_step(
        actor=consultant,
        trajectory=trajectory,
        target=Phase.RETURNED,
        reason="Eerst zorg",
        occurred_on=timezone.localdate() - timedelta(days=10),
    )


@pytest.mark.parametrize("referrer", ["consultant", "case_manager_wijchen"])
def test_a_referral_for_another_municipality_no_longer_moves_the_person(
    request, returned_in_nijmegen, nijmegen, wijchen, referrer
):
    """Before, a re-referral for Wijchen of a person registered in Nijmegen silently made them a
    Wijchen resident; now it is refused, and the message names the move step."""
    actor = request.getfixturevalue(referrer)
    with pytest.raises(ValidationError) as refused:
        refer(actor, wijchen)
    assert [e.code for e in refused.value.error_dict["bsn"]] == ["registered_elsewhere"]
    candidate = Candidate.objects.get(bsn=BSN)
    assert candidate.municipality == nijmegen
    assert Trajectory.objects.filter(candidate=candidate).count() == 1
    with translation.override("nl"):
        assert "Verhuizing naar een andere gemeente" in str(refused.value.messages[0])


def test_after_the_move_the_new_municipality_refers_the_person(
    returned_in_nijmegen, consultant, case_manager_wijchen, wijchen
):
    move(consultant, returned_in_nijmegen.candidate, wijchen)
    again = refer(case_manager_wijchen, wijchen, referred_on=timezone.localdate())
    assert again.candidate_id == returned_in_nijmegen.candidate_id
    assert again.municipality == wijchen


def test_the_referral_screen_shows_the_refusal_in_dutch(
    returned_in_nijmegen, consultant, client_for, wijchen
):
    response = client_for(consultant).post(
        reverse("candidates:refer"),
        {
            "municipality": str(wijchen.uuid),
            "bsn": BSN,
            "first_name": "Mirre",
            "last_name": "Meeverhuizer",
            "date_of_birth": "1991-02-03",
        },
    )
    assert response.status_code == 400
    assert escape(_nl(services.registered_elsewhere_message())) in response.content.decode()
    assert Candidate.objects.get(bsn=BSN).municipality.cbs_code == "GM0268"


def test_the_referral_api_refuses_it_too(
    returned_in_nijmegen, case_manager_wijchen, client_for, wijchen
):
    response = client_for(case_manager_wijchen).post(
        f"{API}/referrals",
        {
            "municipality": str(wijchen.uuid),
            "bsn": BSN,
            "firstName": "Mirre",
            "lastName": "Meeverhuizer",
            "dateOfBirth": "1991-02-03",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert [p["code"] for p in response.json()["invalidParams"]] == ["registered_elsewhere"]
    assert Candidate.objects.get(bsn=BSN).municipality.cbs_code == "GM0268"


# --- the screens ---------------------------------------------------------------------------------


def test_a_consultant_records_a_move_on_its_screen(running, consultant, client_for, wijchen):
    client = client_for(consultant)
    url = reverse("candidates:move_candidate", args=[running.candidate.uuid])
    page = client.get(reverse("candidates:candidate", args=[running.candidate.uuid]))
    assert url in page.content.decode()
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "move-to_municipality": str(wijchen.uuid),
            "move-moved_on": YESTERDAY.isoformat(),
            "move-reason": "Verhuisd naar Wijchen",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("candidates:candidate", args=[running.candidate.uuid])
    html = client.get(response["Location"]).content.decode()
    assert "data-candidate-moves" in html and "Verhuisd naar Wijchen" in html
    assert selectors.get_candidate(consultant, running.candidate.uuid).has_moves is True


def test_a_refused_move_keeps_what_was_typed_and_says_why(running, consultant, client_for):
    url = reverse("candidates:move_candidate", args=[running.candidate.uuid])
    response = client_for(consultant).post(
        url,
        {
            "move-to_municipality": str(running.municipality.uuid),
            "move-moved_on": YESTERDAY.isoformat(),
            "move-reason": "Typefout",
        },
    )
    assert response.status_code == 400
    assert "Typefout" in response.content.decode()
    assert not CandidateMove.objects.exists()


def test_both_municipalities_see_the_move_and_only_the_new_one_the_person(
    running, case_manager, case_manager_wijchen, make_user, client_for, wijchen, berg_en_dal
):
    old, new = client_for(case_manager), client_for(case_manager_wijchen)
    response = old.post(
        reverse("candidates:move_candidate", args=[running.candidate.uuid]),
        {
            "move-to_municipality": str(wijchen.uuid),
            "move-moved_on": YESTERDAY.isoformat(),
            "move-reason": "Nieuw adres in Wijchen",
        },
    )
    # The municipality left no longer sees the person's page: it is sent to the list of moves.
    assert response["Location"] == reverse("candidates:moves")
    page = reverse("candidates:candidate", args=[running.candidate.uuid])
    assert old.get(page).status_code == 404
    assert new.get(page).status_code == 200
    for client in (old, new):
        html = client.get(reverse("candidates:moves")).content.decode()
        assert "Meeverhuizer" in html and "Nieuw adres in Wijchen" in html
    third = client_for(make_user(Role.INCOME_CASE_MANAGER, berg_en_dal))
    assert "Meeverhuizer" not in third.get(reverse("candidates:moves")).content.decode()


def test_the_list_of_moves_is_a_logged_read(running, consultant, client_for, wijchen):
    recorded = move(consultant, running.candidate, wijchen)
    client_for(consultant).get(reverse("candidates:moves"))
    entry = ProcessingLogEntry.objects.get(action="read", record_uuid=recorded.uuid)
    assert entry.data_subject_uuid == running.candidate.uuid


def test_roles_that_may_not_move_are_refused_on_the_screen(
    running, make_user, werkbedrijf_org, case_manager_wijchen, client_for
):
    url = reverse("candidates:move_candidate", args=[running.candidate.uuid])
    manager = make_user(Role.MANAGER, werkbedrijf_org)
    assert client_for(manager).get(url).status_code in (403, 404)
    assert client_for(case_manager_wijchen).get(url).status_code == 404
    assert client_for(case_manager_wijchen).get(reverse("candidates:moves")).status_code == 200


# --- the API -------------------------------------------------------------------------------------


def test_the_api_moves_a_resident(running, consultant, client_for, wijchen):
    client = client_for(consultant)
    response = client.post(
        f"{API}/candidates/{running.candidate.uuid}/moves",
        {"toMunicipality": str(wijchen.uuid), "movedOn": str(YESTERDAY), "reason": "BRP"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["fromMunicipality"]["name"] == "Nijmegen"
    assert data["toMunicipality"]["name"] == "Wijchen"
    listed = client.get(f"{API}/candidate-moves").json()["results"]
    assert [m["uuid"] for m in listed] == [data["uuid"]]


def test_the_api_refuses_a_move_to_the_same_municipality(running, consultant, client_for):
    response = client_for(consultant).post(
        f"{API}/candidates/{running.candidate.uuid}/moves",
        {
            "toMunicipality": str(running.municipality.uuid),
            "movedOn": str(YESTERDAY),
            "reason": "BRP",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalidParams"]} == {"toMunicipality"}


def test_the_api_list_of_moves_is_refused_to_roles_without_candidates(
    dvo_admin, board_member, client_for
):
    for user in (dvo_admin, board_member):
        assert client_for(user).get(f"{API}/candidate-moves").status_code == 403


def test_the_moves_page_by_keyset(consultant, case_manager, nijmegen, wijchen, client_for):
    for n in range(3):
        trajectory = refer(case_manager, nijmegen, bsn=nth_test_bsn(820 + n))
        move(consultant, trajectory.candidate, wijchen, moved_on=YESTERDAY - timedelta(days=n))
    client = client_for(consultant)
    first = client.get(f"{API}/candidate-moves", {"pageSize": 2}).json()
    second = client.get(first["next"]).json()
    dates = [m["movedOn"] for m in first["results"] + second["results"]]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) == 3
    assert second["next"] is None
