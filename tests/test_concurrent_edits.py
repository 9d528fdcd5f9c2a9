"""No lost updates: two people save the same record at the same moment, on the version they both
loaded. Each test lines two threads up on a barrier, each thread with its own database connection
(real PostgreSQL transactions, no test transaction around them): exactly one save passes, the
other is refused as a conflict, and the stored state is the winner's, never a mix."""

from datetime import date

import pytest

from tests.concurrency import race
from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements import selectors as agreement_selectors
from werkbedrijf.agreements import services as agreement_services
from werkbedrijf.agreements.models import LocalChoice, MunicipalAgreement
from werkbedrijf.agreements.services import LineInput
from werkbedrijf.candidates import selectors as candidate_selectors
from werkbedrijf.candidates import services as candidate_services
from werkbedrijf.candidates.models import ContactAssignment, JourneyStep, Trajectory
from werkbedrijf.utils.bsn import nth_test_bsn
from werkbedrijf.utils.exceptions import ConflictError

pytestmark = pytest.mark.django_db(transaction=True)

API = "/api/v1"


def winner_and_loser(results):
    """The one result that passed and the one that was refused; fails unless it is one of each."""
    kinds = sorted(kind for kind, _value in results)
    assert kinds == ["error", "ok"], results
    (winner,) = [i for i, (kind, _v) in enumerate(results) if kind == "ok"]
    (loser,) = [i for i, (kind, _v) in enumerate(results) if kind == "error"]
    assert isinstance(results[loser][1], ConflictError), results[loser][1]
    return winner, loser


def card(agreement, code: str) -> str:
    return str(agreement.catalogue.services.get(code=code).uuid)


def stored_lines(ma, year):
    return list(
        LocalChoice.objects.filter(municipal_agreement=ma, year=year)
        .order_by("position")
        .values_list("service__code", "custom_name", "quantity", "agreed_amount")
    )


@pytest.fixture
def ma(draft_dvo, nijmegen):
    return MunicipalAgreement.objects.get(agreement=draft_dvo, municipality=nijmegen)


# --- the local choices: the service behind the compose screen, and the API -----------------------


def test_two_saves_of_the_same_choices_version_one_passes_the_other_is_refused(
    draft_dvo, ma, policy_adviser_nijmegen, dvo_admin
):
    version = agreement_selectors.choices_version(ma, 2025)
    lock_before = ma.lock_version
    proposals = [
        (
            policy_adviser_nijmegen,
            [LineInput(service=card(draft_dvo, "maatwerk-interventies"), quantity=10)],
        ),
        (dvo_admin, [LineInput(custom_name="Kwartiermaker", agreed_amount="35000")]),
    ]

    results = race(
        *[
            lambda actor=actor, lines=lines: agreement_services.save_choices(
                actor=actor,
                municipal_agreement=ma,
                year=2025,
                lines=lines,
                expected_version=version,
            )
            for actor, lines in proposals
        ]
    )

    winner, _loser = winner_and_loser(results)
    expected = {
        0: [("maatwerk-interventies", "", 10, 30000)],
        1: [(None, "Kwartiermaker", None, 35000)],
    }[winner]
    assert stored_lines(ma, 2025) == expected
    ma.refresh_from_db()
    assert ma.lock_version == lock_before + 1  # one save, not two
    assert agreement_selectors.choices_version(ma, 2025) != version


def test_two_api_changes_of_one_choice_with_the_same_etag_give_one_200_and_one_412(
    client_for, draft_dvo, ma, policy_adviser_nijmegen, dvo_admin
):
    (choice,) = agreement_services.save_choices(
        actor=policy_adviser_nijmegen,
        municipal_agreement=ma,
        year=2024,
        lines=[LineInput(service=card(draft_dvo, "maatwerk-interventies"), quantity=10)],
    )
    url = f"{API}/choices/{choice.uuid}"
    clients = [client_for(policy_adviser_nijmegen), client_for(dvo_admin)]
    quantities = ["20", "30"]

    results = race(
        *[
            lambda client=client, quantity=quantity: client.patch(
                url,
                data=f'{{"quantity": "{quantity}", "agreedAmount": null}}',
                content_type="application/json",
                headers={"If-Match": '"1"'},
            )
            for client, quantity in zip(clients, quantities, strict=True)
        ]
    )

    assert all(kind == "ok" for kind, _ in results), results
    codes = [response.status_code for _kind, response in results]
    assert sorted(codes) == [200, 412], [r.content for _k, r in results]
    winner = codes.index(200)
    assert results[1 - winner][1]["Content-Type"] == "application/problem+json"
    choice.refresh_from_db()
    assert choice.lock_version == 2
    assert str(choice.quantity) == f"{quantities[winner]}.00"
    assert results[winner][1]["ETag"] == '"2"'


# --- the candidate journey -----------------------------------------------------------------------


@pytest.fixture
def trajectory(make_user, nijmegen):
    case_manager = make_user(Role.INCOME_CASE_MANAGER, nijmegen)
    return candidate_services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=candidate_services.PersonInput(
            nth_test_bsn(7), "Sanne", "de Vries", date(1991, 3, 4)
        ),
        referred_on=date(2026, 1, 5),
    )


def test_two_steps_from_the_same_phase_one_is_taken_the_other_refused(
    make_user, werkbedrijf_org, trajectory
):
    first, second = (make_user(Role.CONSULTANT, werkbedrijf_org) for _ in range(2))
    version = trajectory.lock_version
    # From "referred" both are allowed, and welcome → intake is too: only the version check
    # stops the second from stacking its step on a journey it did not see.
    targets = ["welcome", "intake"]

    results = race(
        *[
            lambda actor=actor, target=target: candidate_services.take_step(
                actor=actor,
                trajectory=trajectory,
                target=target,
                occurred_on=date(2026, 1, 20),
                expected_version=version,
            )
            for actor, target in zip((first, second), targets, strict=True)
        ]
    )

    winner, _loser = winner_and_loser(results)
    trajectory.refresh_from_db()
    assert trajectory.phase == targets[winner]
    assert trajectory.lock_version == version + 1
    assert list(
        JourneyStep.objects.filter(trajectory=trajectory)
        .order_by("id")
        .values_list("from_phase", "to_phase")
    ) == [("", "referred"), ("referred", targets[winner])]


def test_two_handovers_from_the_same_contact_person_one_passes_the_other_is_refused(
    make_user, werkbedrijf_org, trajectory
):
    candidate = trajectory.candidate
    colleagues = [make_user(Role.CONSULTANT, werkbedrijf_org) for _ in range(3)]
    current = candidate_services.assign_contact(
        actor=colleagues[0], candidate=candidate, contact=colleagues[0]
    )

    results = race(
        *[
            lambda contact=contact: candidate_services.assign_contact(
                actor=contact,
                candidate=candidate,
                contact=contact,
                note="Ik neem het over",
                expected_current=str(current.uuid),
            )
            for contact in colleagues[1:]
        ]
    )

    winner, _loser = winner_and_loser(results)
    now = candidate_selectors.current_contact(candidate)
    assert now.contact == colleagues[1 + winner]
    assert ContactAssignment.objects.filter(candidate=candidate).count() == 2  # first + winner
    assert ContactAssignment.objects.filter(candidate=candidate, until__isnull=True).count() == 1


def test_two_first_contact_persons_at_once_one_passes_the_other_is_refused(
    make_user, werkbedrijf_org, trajectory
):
    """No assignment yet, so no assignment row to lock: the candidate's row serialises them."""
    candidate = trajectory.candidate
    colleagues = [make_user(Role.CONSULTANT, werkbedrijf_org) for _ in range(2)]

    results = race(
        *[
            lambda contact=contact: candidate_services.assign_contact(
                actor=contact, candidate=candidate, contact=contact, expected_current=None
            )
            for contact in colleagues
        ]
    )

    winner, _loser = winner_and_loser(results)
    assert list(
        ContactAssignment.objects.filter(candidate=candidate).values_list("contact", flat=True)
    ) == [colleagues[winner].pk]
    assert Trajectory.objects.get(pk=trajectory.pk).phase == "referred"
