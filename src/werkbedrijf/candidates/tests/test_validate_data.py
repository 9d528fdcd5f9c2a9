"""The synthetic population keeps the rules that keep the figures true, and validate_data finds
a violation planted in it."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from werkbedrijf.candidates import synthetic
from werkbedrijf.candidates.models import Activity, JourneyStep, Phase, Placement, Trajectory
from werkbedrijf.employers.models import Employer

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)


@pytest.fixture
def population(reference_dvo):
    result = synthetic.generate_population("demo", seed=7, today=TODAY, count=80)
    assert not result.skipped
    return result


def test_every_trajectory_that_went_to_work_has_a_placement_from_that_day(population):
    went_to_work = JourneyStep.objects.filter(to_phase=Phase.AT_WORK)
    assert went_to_work.exists()
    assert not Trajectory.objects.filter(phase=Phase.AT_WORK, placements__isnull=True).exists()
    for step in went_to_work.select_related("trajectory"):
        placement = Placement.objects.select_related("employer").get(
            trajectory=step.trajectory, start=step.occurred_on
        )
        assert placement.employer.name.startswith("Voorbeeldbedrijf ")
    assert population.placements == Placement.objects.count() == went_to_work.count()


def test_instruments_follow_the_phase_and_the_rules(population):
    from decimal import Decimal

    from django.db.models import Sum

    from werkbedrijf.candidates import policies
    from werkbedrijf.candidates.models import Instrument, InstrumentKind

    instruments = Instrument.objects.select_related("trajectory__candidate")
    assert population.instruments == instruments.count() > 0
    assert instruments.filter(kind=InstrumentKind.TRAINING).exists()
    for instrument in instruments:
        trajectory, candidate = instrument.trajectory, instrument.trajectory.candidate
        assert instrument.start >= trajectory.referred_on
        assert instrument.start <= (trajectory.closed_on or TODAY)
        if trajectory.closed_on and instrument.end:
            assert instrument.end <= trajectory.closed_on
        if instrument.kind == InstrumentKind.TRAINING:  # on the main route
            assert trajectory.steps.filter(
                to_phase=Phase.MAIN_ROUTE, occurred_on__lte=instrument.start
            ).exists()
        else:  # with a placement, from its start
            assert trajectory.placements.filter(start=instrument.start).exists()
        if instrument.kind == InstrumentKind.WAGE_SUBSIDY:
            assert candidate.job_agreement_register and instrument.job_agreement_indication
        assert instrument.srg_category == policies.SRG_CATEGORY[instrument.kind]
    spent = (
        Instrument.objects.filter(kind=InstrumentKind.TRAINING)
        .values("trajectory__candidate")
        .annotate(total=Sum("amount"))
    )
    assert all(row["total"] <= Decimal("1500") for row in spent)


def test_validate_data_finds_no_violation_in_the_synthetic_population(population):
    out = StringIO()
    call_command("validate_data", stdout=out)
    assert "Geen overtredingen" in out.getvalue()


def test_validate_data_reports_an_activity_before_its_referral(population):
    activity = Activity.objects.select_related("trajectory", "trajectory__candidate").first()
    Activity.objects.filter(pk=activity.pk).update(
        start=activity.trajectory.referred_on - timedelta(days=1)
    )
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("validate_data", stdout=out)
    assert raised.value.returncode == 1
    printed = out.getvalue()
    assert f"traject {activity.trajectory.uuid}: activiteit {activity.uuid} (start" in printed
    assert activity.trajectory.candidate.bsn not in printed


def test_deleting_the_population_deletes_the_synthetic_employers_only(population):
    Employer.objects.create(
        name="Echt Bedrijf BV", kvk_number="12345678", sector_group="grey_green"
    )
    assert synthetic.synthetic_employers().exists()
    synthetic.delete_synthetic_population()
    assert not Placement.objects.exists()
    assert list(Employer.objects.values_list("name", flat=True)) == ["Echt Bedrijf BV"]
