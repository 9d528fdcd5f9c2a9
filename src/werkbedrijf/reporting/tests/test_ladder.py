"""The step on the participatieladder (1-6) recorded in the journey: the data of ladder_rose."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import services
from werkbedrijf.candidates.models import LadderStep

pytestmark = pytest.mark.django_db


def test_a_step_outside_one_to_six_is_refused_and_nothing_saved(
    population, make_user, werkbedrijf_org
):
    consultant = make_user(Role.CONSULTANT, werkbedrijf_org)
    trajectory = population.t[2]
    before = LadderStep.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.record_ladder_step(
            actor=consultant,
            trajectory=trajectory,
            moment="later",
            step=7,
            recorded_on=date(2025, 3, 1),
        )
    assert set(refused.value.message_dict) == {"moment", "step"}
    assert LadderStep.objects.count() == before
    with pytest.raises(IntegrityError), transaction.atomic():
        LadderStep.objects.create(
            trajectory=trajectory, moment="end", step=0, recorded_on=date(2025, 3, 1)
        )


def test_a_consultant_records_the_step_at_the_end(population, make_user, werkbedrijf_org):
    consultant = make_user(Role.CONSULTANT, werkbedrijf_org)
    step = services.record_ladder_step(
        actor=consultant,
        trajectory=population.t[2],
        moment="end",
        step=4,
        recorded_on=date(2025, 6, 20),
    )
    assert (step.step, step.moment, step.recorded_by) == (4, "end", consultant)


def test_a_policy_adviser_records_no_step(population, policy_adviser_nijmegen):
    from werkbedrijf.access.policy import AccessDenied

    with pytest.raises(AccessDenied):
        services.record_ladder_step(
            actor=policy_adviser_nijmegen, trajectory=population.t[2], moment="end", step=4
        )


def test_a_consultant_records_the_step_on_the_candidates_page(
    population, make_user, werkbedrijf_org
):
    from werkbedrijf.conftest import verified_client

    consultant = make_user(Role.CONSULTANT, werkbedrijf_org)
    client = verified_client(consultant)
    trajectory = population.t[2]
    url = f"/kandidaten/trajecten/{trajectory.uuid}/participatieladder/"
    refused = client.post(url, {"ladder-moment": "review", "ladder-step": "9"})
    assert refused.status_code == 400
    page = client.get(f"/kandidaten/{trajectory.candidate.uuid}/").content.decode()
    assert 'id="ladder"' in page
    saved = client.post(
        url,
        {"ladder-moment": "review", "ladder-step": "4", "ladder-recorded_on": "2025-06-20"},
    )
    assert saved.status_code == 302
    assert trajectory.ladder_steps.order_by("-recorded_on").first().step == 4
