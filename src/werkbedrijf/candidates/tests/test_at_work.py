"""'At work' asks for its placement: the step records the placement in the same transaction
(service, screen and API), and a refusal of either saves neither."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from werkbedrijf.candidates import services
from werkbedrijf.candidates.models import JourneyStep, Phase, Placement
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.candidates.tests.forms_on_demand import page_with_forms
from werkbedrijf.employers.services import register_employer

from .test_api import VALID_BSN, in_main_route, invalid_names, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def referred(case_manager, nijmegen):
    return services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=PersonInput(VALID_BSN, "Ådne", "Çelik", date(1990, 5, 1)),
        referred_on=date(2026, 1, 5),
    )


@pytest.fixture
def employer(consultant):
    return register_employer(
        actor=consultant, name="Schoon BV", kvk_number="12345678", sector_group="cleaning"
    )


DAY = date(2026, 3, 2)


def placement_input(at, **overrides) -> dict:
    data = {
        "employer": at,
        "form": "regular",
        "start": DAY,
        "planned_end": None,
        "hours_per_week": 32,
    }
    data.update(overrides)
    return data


def test_the_step_to_at_work_records_its_placement(referred, consultant, employer):
    trajectory = in_main_route(referred, consultant)
    trajectory = services.take_step(
        actor=consultant,
        trajectory=trajectory,
        target=Phase.AT_WORK,
        occurred_on=DAY,
        placement=placement_input(employer),
    )
    assert trajectory.phase == Phase.AT_WORK
    placement = Placement.objects.get(trajectory=trajectory)
    assert placement.employer == employer and placement.start == DAY


def test_a_refused_placement_saves_neither_the_placement_nor_the_step(
    referred, consultant, employer
):
    trajectory = in_main_route(referred, consultant)
    steps = JourneyStep.objects.count()
    with pytest.raises(ValidationError) as error:
        services.take_step(
            actor=consultant,
            trajectory=trajectory,
            target=Phase.AT_WORK,
            occurred_on=DAY,
            placement=placement_input(employer, start=date(2025, 1, 1), hours_per_week=0),
        )
    assert set(error.value.message_dict) == {"placement.start", "placement.hours_per_week"}
    trajectory.refresh_from_db()
    assert trajectory.phase == Phase.MAIN_ROUTE
    assert JourneyStep.objects.count() == steps
    assert not Placement.objects.exists()


def test_a_refused_step_saves_no_placement(referred, consultant, employer):
    trajectory = in_main_route(referred, consultant)
    with pytest.raises(ValidationError) as error:
        services.take_step(
            actor=consultant,
            trajectory=trajectory,
            target=Phase.AT_WORK,
            occurred_on=date(2026, 1, 20),  # before the previous step
            placement=placement_input(employer),
        )
    assert "phase" in error.value.message_dict
    assert not Placement.objects.exists()


def test_a_placement_goes_only_with_the_step_to_at_work(referred, consultant, employer):
    trajectory = services.take_step(
        actor=consultant, trajectory=referred, target="intake", occurred_on=DAY
    )
    with pytest.raises(ValidationError) as error:
        services.take_step(
            actor=consultant,
            trajectory=trajectory,
            target="main_route",
            occurred_on=DAY,
            sector_group="cleaning",
            business_consultant=consultant,
            placement=placement_input(employer),
        )
    assert list(error.value.message_dict) == ["placement"]
    assert not Placement.objects.exists()


def test_at_work_without_a_placement_says_so_in_dutch(referred, consultant):
    trajectory = in_main_route(referred, consultant)
    with pytest.raises(ValidationError) as error:
        services.take_step(
            actor=consultant, trajectory=trajectory, target=Phase.AT_WORK, occurred_on=DAY
        )
    from django.utils import translation

    with translation.override("nl"):
        message = str(error.value.message_dict["placement"][0])
    assert "plaatsing" in message.lower()


# --- the screen ---------------------------------------------------------------------------------


def _screen_post(client, trajectory, at, **overrides):
    data = {
        "at_work-version": trajectory.lock_version,
        "at_work-occurred_on": "02-03-2026",
        "at_work-employer": str(at.uuid),
        "at_work-form": "regular",
        "at_work-start": "02-03-2026",
        "at_work-hours_per_week": "32",
        "at_work-aftercare": "on",
    }
    data.update(overrides)
    url = reverse("candidates:take_step", args=[trajectory.uuid, Phase.AT_WORK])
    return client.post(url, data)


def test_the_step_form_asks_for_the_placement(client_for, referred, consultant, employer):
    trajectory = in_main_route(referred, consultant)
    client = client_for(consultant)
    html = page_with_forms(
        client, reverse("candidates:candidate", args=[trajectory.candidate.uuid])
    )
    assert 'id="form-at_work"' in html and 'name="at_work-hours_per_week"' in html
    response = _screen_post(client, trajectory, employer)
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.phase == Phase.AT_WORK and trajectory.aftercare
    assert Placement.objects.get(trajectory=trajectory).hours_per_week == 32


def test_the_step_form_shows_the_placements_messages_and_saves_nothing(
    client_for, referred, consultant, employer
):
    trajectory = in_main_route(referred, consultant)
    client = client_for(consultant)
    response = _screen_post(client, trajectory, employer, **{"at_work-start": "01-01-2025"})
    assert response.status_code == 400
    form = response.context["forms"]["step:at_work"]
    assert "start" in form.errors
    trajectory.refresh_from_db()
    assert trajectory.phase == Phase.MAIN_ROUTE
    assert not Placement.objects.exists()


# --- the API ------------------------------------------------------------------------------------


def test_the_api_step_to_at_work_takes_the_placement(client_for, referred, consultant, employer):
    trajectory = in_main_route(referred, consultant)
    client = client_for(consultant)
    payload = {
        "target": "at_work",
        "occurredOn": "2026-03-02",
        "placement": {
            "employer": str(employer.uuid),
            "form": "regular",
            "start": "2026-03-02",
            "hoursPerWeek": "32.0",
        },
    }
    refused = post(
        client,
        f"/trajectories/{trajectory.uuid}/steps",
        {**payload, "placement": {**payload["placement"], "start": "2025-01-01"}},
    )
    assert refused.status_code == 400
    assert invalid_names(refused) == {"placement.start"}
    assert not Placement.objects.exists()
    response = post(client, f"/trajectories/{trajectory.uuid}/steps", payload)
    assert response.status_code == 201, response.content
    trajectory.refresh_from_db()
    assert trajectory.phase == Phase.AT_WORK
    assert Placement.objects.filter(trajectory=trajectory, employer=employer).exists()


def test_the_api_refuses_at_work_without_a_placement(client_for, referred, consultant):
    trajectory = in_main_route(referred, consultant)
    response = post(
        client_for(consultant),
        f"/trajectories/{trajectory.uuid}/steps",
        {"target": "at_work", "occurredOn": "2026-03-02"},
    )
    assert response.status_code == 400
    assert invalid_names(response) == {"placement"}


# --- what the screen can change, the API can change too -----------------------------------------


def test_the_api_starts_a_further_diagnosis(client_for, referred, consultant):
    from werkbedrijf.candidates.models import FurtherDiagnosis

    client = client_for(consultant)
    trajectory = services.take_step(
        actor=consultant, trajectory=referred, target="intake", occurred_on=DAY
    )
    url = f"/trajectories/{trajectory.uuid}/further-diagnoses"
    refused = post(client, url, {"kind": "health", "start": "2025-12-01"})
    assert refused.status_code == 400 and invalid_names(refused) == {"start"}
    response = post(
        client, url, {"kind": "health", "start": "2026-03-02", "practicalDiagnosis": True}
    )
    assert response.status_code == 201, response.content
    assert response.json()["plannedEnd"] == "2026-06-08"
    trajectory.refresh_from_db()
    assert trajectory.phase == Phase.FURTHER_DIAGNOSIS
    assert FurtherDiagnosis.objects.filter(trajectory=trajectory).count() == 1


def test_the_api_registers_a_self_registration_as_the_screen_can(
    client_for, consultant, case_manager, nijmegen
):
    from werkbedrijf.candidates.models import Trajectory

    body = {
        "bsn": "999990032",
        "firstName": "Noor",
        "lastName": "Bakker",
        "dateOfBirth": "2005-04-01",
        "municipality": str(nijmegen.uuid),
        "selfRegistration": True,
    }
    refused = post(client_for(case_manager), "/referrals", body)
    assert refused.status_code == 403
    assert not Trajectory.objects.exists()
    too_old = post(client_for(consultant), "/referrals", {**body, "dateOfBirth": "1980-01-01"})
    assert too_old.status_code == 400 and invalid_names(too_old) == {"dateOfBirth"}
    response = post(client_for(consultant), "/referrals", body)
    assert response.status_code == 201, response.content
    trajectory = Trajectory.objects.get()
    assert trajectory.channel == "self" and trajectory.search_period_start is not None
