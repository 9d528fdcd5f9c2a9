"""The synthetic population: labelled, valid test BSNs, and the journey's invariants kept."""

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import policies, services, synthetic
from werkbedrijf.candidates.models import (
    Activity,
    Candidate,
    ContactAssignment,
    JourneyStep,
    Trajectory,
)
from werkbedrijf.utils.bsn import is_valid_bsn

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)


def test_synthetic_bsns_are_the_valid_numbers_from_900000000_upwards_in_order():
    numbers = list(synthetic.synthetic_bsns(500))
    expected = [str(n) for n in range(900_000_000, 900_010_000) if is_valid_bsn(str(n))][:500]
    assert numbers == expected


@pytest.fixture
def demo(reference_dvo):
    result = synthetic.generate_population("demo", seed=7, today=TODAY)
    assert not result.skipped
    return result


def test_demo_population_is_generated_and_labelled_synthetic(demo):
    assert demo.candidates == Candidate.objects.count() == 300
    assert not Candidate.objects.filter(synthetic=False).exists()
    assert not Trajectory.objects.filter(synthetic=False).exists()
    assert not Activity.objects.filter(synthetic=False).exists()
    assert demo.activities == Activity.objects.count() > 0
    assert set(Candidate.objects.values_list("municipality__cbs_code", flat=True)) == set(
        synthetic.RESIDENTS
    )


def test_every_bsn_is_valid_unique_and_outside_the_issued_range(demo):
    bsns = list(Candidate.objects.values_list("bsn", flat=True))
    assert len(set(bsns)) == len(bsns) == 300
    assert all(is_valid_bsn(bsn) and bsn.startswith("9") for bsn in bsns)


def test_at_most_one_active_trajectory_and_only_the_last(demo):
    per_candidate = Candidate.objects.annotate(
        active=Count("trajectories", filter=~Q(trajectories__phase__in=["outflow", "returned"]))
    )
    assert max(c.active for c in per_candidate) == 1
    assert Trajectory.objects.exclude(phase__in=["outflow", "returned"]).count() > 50
    for candidate in Candidate.objects.prefetch_related("trajectories")[:100]:
        trajectories = sorted(candidate.trajectories.all(), key=lambda t: t.referred_on)
        assert all(t.closed_on and t.closed_on <= TODAY for t in trajectories[:-1])
        for before, after in zip(trajectories, trajectories[1:], strict=False):
            assert before.closed_on < after.referred_on


def test_the_journeys_follow_the_state_machine(demo):
    assert not Trajectory.objects.filter(
        phase__in=["outflow", "returned"], closed_on__isnull=True
    ).exists()
    assert not Trajectory.objects.filter(phase="returned", return_reason="").exists()
    for trajectory in Trajectory.objects.prefetch_related("steps"):
        steps = list(trajectory.steps.all())
        assert steps[0].from_phase == "" and steps[0].to_phase == "referred"
        assert steps[0].occurred_on == trajectory.referred_on
        for step in steps[1:]:
            assert step.to_phase in policies.STEPS[step.from_phase], (
                step.from_phase,
                step.to_phase,
            )
        assert steps[-1].to_phase == trajectory.phase
        assert steps[-1].occurred_on == trajectory.phase_since <= TODAY
        if any(s.to_phase == "main_route" for s in steps):
            assert trajectory.sector_group and trajectory.business_consultant_id


def test_every_candidate_has_exactly_one_contact_person(demo):
    current = ContactAssignment.objects.filter(until__isnull=True)
    assert current.count() == Candidate.objects.count()
    assert set(current.values_list("contact__organisation__kind", flat=True)) == {"werkbedrijf"}


def test_synthetic_staff_cannot_log_in(demo):
    from werkbedrijf.accounts.models import User

    staff = User.objects.filter(username__startswith="synth-")
    assert staff.filter(role_assignments__role=Role.CONSULTANT).count() == 8
    assert not any(user.has_usable_password() for user in staff)


def test_activities_keep_the_rules_and_the_bought_units(demo):
    for activity in Activity.objects.filter(kind="multi_problem_27").select_related(
        "trajectory__candidate"
    ):
        assert policies.age_on(activity.trajectory.candidate.date_of_birth, activity.start) >= 27
    charged = Activity.objects.filter(charged_to__isnull=False).select_related(
        "charged_to__municipal_agreement__agreement", "trajectory"
    )
    assert charged.exists()
    for activity in charged:
        choice = activity.charged_to
        agreement = choice.municipal_agreement.agreement
        assert choice.municipal_agreement.municipality_id == activity.trajectory.municipality_id
        assert choice.year == activity.start.year
        assert services.units_used(choice) <= services.units_bought(
            choice, agreement.period_start, agreement.period_end
        )


def test_activities_lie_within_their_trajectory_and_are_charged_to_their_own_kind(demo):
    activities = Activity.objects.select_related("trajectory", "charged_to__service")
    assert activities.exists()
    for activity in activities:
        trajectory = activity.trajectory
        for day in (activity.start, activity.end):
            if day is not None:
                assert (
                    policies.trajectory_date_error(
                        day, trajectory.referred_on, trajectory.closed_on
                    )
                    is None
                ), activity.pk
        if activity.charged_to is not None:
            assert (
                policies.charge_error(
                    kind=activity.kind,
                    service_code=activity.charged_to.service.code,
                    choice_municipality_id=activity.charged_to.municipal_agreement.municipality_id,
                    municipality_id=trajectory.municipality_id,
                )
                is None
            )


def test_running_twice_does_not_duplicate(region):
    first = synthetic.generate_population("demo", seed=1, count=20, today=TODAY)
    again = synthetic.generate_population("demo", seed=1, count=20, today=TODAY)
    assert not first.skipped and again.skipped
    assert Candidate.objects.count() == 20
    assert JourneyStep.objects.count() == first.steps


def test_the_same_seed_gives_the_same_population(region):
    synthetic.generate_population("demo", seed=3, count=15, today=TODAY)
    before = list(Candidate.objects.order_by("bsn").values_list("bsn", "last_name", "uuid"))
    synthetic.generate_population("demo", seed=3, count=15, today=TODAY, replace=True)
    after = list(Candidate.objects.order_by("bsn").values_list("bsn", "last_name", "uuid"))
    assert before == after


def test_replace_deletes_and_regenerates_without_touching_real_candidates(region, nijmegen):
    from werkbedrijf.accounts.services import create_staff_account

    manager = create_staff_account(
        username="cm", organisation=nijmegen, roles=[Role.INCOME_CASE_MANAGER], password=None
    )
    real = services.refer_candidate(
        actor=manager,
        municipality=nijmegen,
        person=services.PersonInput("900000004", "Echt", "Mens", date(1980, 1, 1)),
    )
    out = StringIO()
    call_command("generate_population", "--size", "demo", "--count", "10", stdout=out)
    call_command("generate_population", "--count", "12", "--replace", stdout=out)
    assert Candidate.objects.filter(synthetic=True).count() == 12
    # The real person's BSN was already taken, so the generator skipped it.
    assert Candidate.objects.get(bsn="900000004").pk == real.candidate_id
    assert Trajectory.objects.filter(pk=real.pk).exists()
    call_command("generate_population", "--count", "5", stdout=out)
    assert "niets aangemaakt" in out.getvalue()
    assert Candidate.objects.filter(synthetic=True).count() == 12


def test_the_command_reports_in_dutch_with_dutch_number_formats(db):
    out = StringIO()
    call_command("generate_population", "--count", "300", stdout=out)
    report = out.getvalue()
    assert "300 kandidaten" in report and "candidates" not in report
    # 300 candidates have more than a thousand steps: a point groups the thousands.
    assert re.search(r" \d\.\d{3} stappen", report), report
    assert not re.search(r"\d,\d{3}", report), report
