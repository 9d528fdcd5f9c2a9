"""The standard steps of the cycle through the API: with a new version (standardSteps) or for a
version without steps (createStandardCycleSteps); the same service as the screen."""

import pytest

from werkbedrijf.agreements.models import AgreementVersion, CycleStep
from werkbedrijf.api.testing import API, call, invalid_names, problem_of

pytestmark = pytest.mark.django_db


def _create(client, nijmegen, wijchen, **changes):
    body = {
        "title": "DVO 2028-2029",
        "periodStart": "2028-01-01",
        "periodEnd": "2029-12-31",
        "municipalities": [str(nijmegen.uuid), str(wijchen.uuid)],
        **changes,
    }
    return call(client, "post", f"{API}/agreements", body)


def test_a_new_version_with_the_standard_steps(
    client_for, dvo_admin, nijmegen, wijchen, werkbedrijf_org, mgr_org
):
    client = client_for(dvo_admin)
    response = _create(client, nijmegen, wijchen, standardSteps=True)
    assert response.status_code == 201, response.content
    uuid = response.json()["uuid"]
    steps = client.get(f"{API}/cycle-steps?agreement={uuid}").json()
    assert len(steps) == 10
    by_kind = {}
    for step in steps:
        by_kind.setdefault(step["kind"], []).append(step)
    assert [s["dueOn"] for s in by_kind["draft_sent"]] == ["2027-10-31"]
    assert by_kind["board_adopts"][0]["actorOrganisation"] == str(mgr_org.uuid)
    assert {s["actorOrganisationName"] for s in by_kind["revision"]} == {"Nijmegen", "Wijchen"}
    assert {s["dueOn"] for s in by_kind["revision"]} == {"2028-12-31"}


def test_without_standard_steps_a_new_version_has_none_and_gets_them_later(
    client_for, dvo_admin, nijmegen, wijchen, werkbedrijf_org, mgr_org
):
    client = client_for(dvo_admin)
    uuid = _create(client, nijmegen, wijchen).json()["uuid"]
    assert client.get(f"{API}/cycle-steps?agreement={uuid}").json() == []
    planned = call(client, "post", f"{API}/agreements/{uuid}/standard-steps")
    assert planned.status_code == 201, planned.content
    assert len(planned.json()) == 10
    # A second time: refused, nothing added.
    again = call(client, "post", f"{API}/agreements/{uuid}/standard-steps")
    assert invalid_names(again) == {"agreement"}
    assert "al stappen" in problem_of(again, 400)["invalidParams"][0]["reason"]
    assert CycleStep.objects.filter(agreement__uuid=uuid).count() == 10


def test_a_policy_adviser_may_not_plan_them(
    client_for, dvo_admin, policy_adviser_nijmegen, nijmegen, wijchen, werkbedrijf_org, mgr_org
):
    uuid = _create(client_for(dvo_admin), nijmegen, wijchen).json()["uuid"]
    refused = call(
        client_for(policy_adviser_nijmegen), "post", f"{API}/agreements/{uuid}/standard-steps"
    )
    problem_of(refused, 403)
    assert not CycleStep.objects.filter(agreement__uuid=uuid).exists()


def test_bad_input_creates_neither_version_nor_steps(
    client_for, dvo_admin, nijmegen, wijchen, werkbedrijf_org, mgr_org
):
    client = client_for(dvo_admin)
    bad = _create(client, nijmegen, wijchen, periodEnd="2027-01-01", standardSteps=True)
    assert invalid_names(bad) == {"periodEnd"}
    not_a_flag = _create(client, nijmegen, wijchen, standardSteps="misschien")
    assert invalid_names(not_a_flag) == {"standardSteps"}
    assert not AgreementVersion.objects.filter(title="DVO 2028-2029").exists()
    assert not CycleStep.objects.exists()
