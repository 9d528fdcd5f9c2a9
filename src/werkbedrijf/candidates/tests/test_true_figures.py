"""Rules that keep the figures true: nothing is dated before the referral or after the
trajectory's end, an activity is charged only to a local choice of its own kind and the
candidate's municipality, and "At work" needs a placement. Each refusal saves nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.models import LocalChoice
from werkbedrijf.candidates import policies, services
from werkbedrijf.candidates.models import (
    Activity,
    ActivityKind,
    Instrument,
    JourneyStep,
    Phase,
    Placement,
)
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.employers.services import register_employer

REFERRED_ON = date(2024, 8, 1)


def _nl(msgid: str, **values) -> str:
    """A message as the Dutch user reads it."""
    with translation.override("nl"):
        text = translation.gettext(msgid)
    return text % values if values else text


BEFORE_REFERRAL = "This date is before the referral (%(date)s)."
AFTER_END = "This date is after the end of the trajectory (%(date)s)."
OTHER_MUNICIPALITY = "This local choice belongs to another municipality than the candidate's."

# --- the pure rules --------------------------------------------------------------------------


@given(st.dates(), st.dates(), st.one_of(st.none(), st.dates()))
def test_a_date_is_refused_exactly_outside_referral_and_end(day, referred_on, closed_on):
    error = policies.trajectory_date_error(day, referred_on, closed_on)
    outside = day < referred_on or (closed_on is not None and day > closed_on)
    assert (error is not None) == outside


def test_a_date_before_the_referral_names_the_referral_date():
    error = policies.trajectory_date_error(date(2024, 7, 31), REFERRED_ON, None)
    assert error == _nl(BEFORE_REFERRAL, date="01-08-2024")
    assert error == "Deze datum ligt vóór de aanmelding (01-08-2024)."
    assert policies.trajectory_date_error(REFERRED_ON, REFERRED_ON, REFERRED_ON) is None


def test_a_date_after_the_end_of_the_trajectory_is_refused():
    error = policies.trajectory_date_error(date(2025, 1, 2), REFERRED_ON, date(2025, 1, 1))
    assert error == _nl(AFTER_END, date="01-01-2025")


def test_participatiecoaching_cannot_be_charged_to_extra_arbeidsbemiddeling():
    assert policies.charge_error(
        kind=ActivityKind.PARTICIPATION_COACHING,
        service_code="extra-arbeidsbemiddeling-op-locatie",
        choice_municipality_id=1,
        municipality_id=1,
    )
    assert (
        policies.charge_error(
            kind=ActivityKind.PARTICIPATION_COACHING,
            service_code="participatiecoaching",
            choice_municipality_id=1,
            municipality_id=1,
        )
        is None
    )


def _return(consultant, trajectory, day):
    """The trajectory ends on ``day``: returned to the municipality."""
    services.take_step(
        actor=consultant,
        trajectory=trajectory,
        target="returned",
        reason="Niet haalbaar",
        occurred_on=day,
    )


@pytest.mark.parametrize("kind", ActivityKind.values)
def test_each_kind_is_charged_only_to_the_services_it_is_bought_as(kind):
    services_on_cards = set().union(*policies.CHARGEABLE_AS.values()) | {
        "extra-arbeidsbemiddeling-op-locatie",
        "events-en-lokale-marktbewerking",
    }
    allowed = {
        code
        for code in services_on_cards
        if policies.charge_error(
            kind=kind, service_code=code, choice_municipality_id=1, municipality_id=1
        )
        is None
    }
    assert allowed == policies.CHARGEABLE_AS.get(kind, frozenset())


def test_a_workshop_is_regional_service_and_never_charged():
    assert ActivityKind.WORKSHOP not in policies.CHARGEABLE_AS
    assert ActivityKind.TRAINING not in policies.CHARGEABLE_AS


def test_a_choice_of_another_municipality_is_refused_whatever_the_kind():
    error = policies.charge_error(
        kind=ActivityKind.CARE_YOUTH,
        service_code="zorgjongeren",
        choice_municipality_id=2,
        municipality_id=1,
    )
    assert error == _nl(OTHER_MUNICIPALITY)


def test_a_choice_not_on_the_card_takes_no_activities():
    assert policies.charge_error(
        kind=ActivityKind.VERSNELLING, service_code="", choice_municipality_id=1, municipality_id=1
    )


def test_at_work_needs_a_placement():
    assert policies.at_work_error(Phase.AT_WORK, has_placement=False)
    assert policies.at_work_error(Phase.AT_WORK, has_placement=True) is None
    assert policies.at_work_error(Phase.MAIN_ROUTE, has_placement=False) is None


# --- the services ----------------------------------------------------------------------------


@pytest.fixture
def druten(region):
    from werkbedrijf.reference_data import organisations as orgs

    return orgs.municipality("GM0225")


@pytest.fixture
def druten_trajectory(reference_dvo, make_user, druten):
    return services.refer_candidate(
        actor=make_user(Role.INCOME_CASE_MANAGER, druten),
        municipality=druten,
        person=PersonInput("999990019", "Jan", "de Vries", date(1985, 3, 3)),
        referred_on=REFERRED_ON,
    )


def _choice(municipality, code, year=2024):
    return LocalChoice.objects.get(
        municipal_agreement__municipality=municipality,
        municipal_agreement__agreement__title="DVO 2024-2025",
        year=year,
        service__code=code,
        valid_until__isnull=True,
    )


@pytest.fixture
def employer(consultant):
    return register_employer(
        actor=consultant, name="Schoon BV", kvk_number="12345678", sector_group="cleaning"
    )


@pytest.mark.django_db
def test_an_activity_dated_before_the_referral_is_refused(druten_trajectory, druten, consultant):
    with pytest.raises(ValidationError) as error:
        services.add_activity(
            actor=consultant,
            trajectory=druten_trajectory,
            kind="care_youth",
            start=date(2024, 7, 15),
            charge_to=_choice(druten, "zorgjongeren"),
        )
    assert error.value.message_dict == {"start": [_nl(BEFORE_REFERRAL, date="01-08-2024")]}
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_an_activity_of_another_kind_than_the_choice_is_refused(
    druten_trajectory, druten, consultant
):
    with pytest.raises(ValidationError) as error:
        services.add_activity(
            actor=consultant,
            trajectory=druten_trajectory,
            kind="participation_coaching",
            start=date(2024, 9, 1),
            charge_to=_choice(druten, "zorgjongeren"),
        )
    assert list(error.value.message_dict) == ["charge_to"]
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_an_activity_charged_to_another_municipalitys_choice_is_refused(
    druten_trajectory, consultant
):
    elsewhere = (
        LocalChoice.objects.filter(year=2024, service__code="zorgjongeren")
        .exclude(municipal_agreement__municipality=druten_trajectory.municipality)
        .first()
    )
    with pytest.raises(ValidationError) as error:
        services.add_activity(
            actor=consultant,
            trajectory=druten_trajectory,
            kind="care_youth",
            start=date(2024, 9, 1),
            charge_to=elsewhere,
        )
    assert error.value.message_dict == {"charge_to": [_nl(OTHER_MUNICIPALITY)]}
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_an_activity_of_its_own_kind_municipality_and_year_is_charged(
    druten_trajectory, druten, consultant
):
    activity, _warning = services.add_activity(
        actor=consultant,
        trajectory=druten_trajectory,
        kind="care_youth",
        start=date(2024, 9, 1),
        charge_to=_choice(druten, "zorgjongeren"),
    )
    assert activity.charged_to.service.code == "zorgjongeren"


@pytest.mark.django_db
def test_an_activity_cannot_end_after_the_trajectory_ends(druten_trajectory, consultant):
    activity, _warning = services.add_activity(
        actor=consultant, trajectory=druten_trajectory, kind="workshop", start=date(2024, 9, 1)
    )
    _return(consultant, druten_trajectory, date(2024, 10, 1))
    with pytest.raises(ValidationError) as error:
        services.update_activity_status(
            actor=consultant, activity=activity, status="completed", end=date(2024, 10, 2)
        )
    assert list(error.value.message_dict) == ["end"]
    activity.refresh_from_db()
    assert activity.status == "planned" and activity.end is None
    # Without an end date it ends on the trajectory's last day, not today.
    activity = services.update_activity_status(
        actor=consultant, activity=activity, status="completed"
    )
    assert activity.end == date(2024, 10, 1)


@pytest.mark.django_db
def test_a_step_dated_before_the_referral_is_refused(druten_trajectory, consultant):
    with pytest.raises(ValidationError):
        services.take_step(
            actor=consultant,
            trajectory=druten_trajectory,
            target="welcome",
            occurred_on=date(2024, 7, 1),
        )
    assert JourneyStep.objects.filter(trajectory=druten_trajectory).count() == 1


def _in_main_route(trajectory, consultant):
    for target, extra in (
        ("intake", {}),
        ("main_route", {"sector_group": "cleaning", "business_consultant": consultant}),
    ):
        trajectory = services.take_step(
            actor=consultant,
            trajectory=trajectory,
            target=target,
            occurred_on=date(2024, 9, 1),
            **extra,
        )
    return trajectory


@pytest.mark.django_db
def test_at_work_without_a_placement_is_refused_and_with_one_allowed(
    druten_trajectory, consultant, employer
):
    trajectory = _in_main_route(druten_trajectory, consultant)
    with pytest.raises(ValidationError) as error:
        services.take_step(
            actor=consultant, trajectory=trajectory, target="at_work", occurred_on=date(2024, 10, 1)
        )
    assert list(error.value.message_dict) == ["placement"]
    trajectory.refresh_from_db()
    assert trajectory.phase == "main_route"
    services.add_placement(
        actor=consultant,
        trajectory=trajectory,
        employer=employer,
        form="regular",
        start=date(2024, 10, 1),
        planned_end=None,
        hours_per_week=32,
    )
    trajectory = services.take_step(
        actor=consultant, trajectory=trajectory, target="at_work", occurred_on=date(2024, 10, 1)
    )
    assert trajectory.phase == "at_work"


@pytest.mark.django_db
def test_a_placement_dated_before_the_referral_is_refused(druten_trajectory, consultant, employer):
    with pytest.raises(ValidationError) as error:
        services.add_placement(
            actor=consultant,
            trajectory=druten_trajectory,
            employer=employer,
            form="regular",
            start=date(2024, 7, 1),
            planned_end=None,
            hours_per_week=32,
        )
    assert list(error.value.message_dict) == ["start"]
    assert not Placement.objects.exists()


@pytest.mark.django_db
def test_an_instrument_dated_after_the_trajectory_ended_is_refused(druten_trajectory, consultant):
    _return(consultant, druten_trajectory, date(2024, 10, 1))
    with pytest.raises(ValidationError) as error:
        services.add_instrument(
            actor=consultant,
            trajectory=druten_trajectory,
            kind="job_coaching",
            start=date(2024, 11, 1),
        )
    assert list(error.value.message_dict) == ["start"]
    assert not Instrument.objects.exists()


@pytest.mark.django_db
def test_a_further_diagnosis_dated_before_the_referral_is_refused(druten_trajectory, consultant):
    with pytest.raises(ValidationError) as error:
        services.start_further_diagnosis(
            actor=consultant,
            trajectory=druten_trajectory,
            kind="health",
            start=date(2024, 7, 1),
        )
    assert list(error.value.message_dict) == ["start"]
