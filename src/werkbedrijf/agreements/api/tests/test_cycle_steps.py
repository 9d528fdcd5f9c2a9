"""GET /api/v1/cycle-steps: the steps of the cycle, and with mine=true the user's work list."""

from datetime import date, timedelta

import pytest

from werkbedrijf.agreements.models import AgreementVersion, CycleStep, Opinion
from werkbedrijf.api.testing import invalid_names, problem_of


@pytest.fixture
def on_7_december_2026(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 12, 7))


def test_the_work_list_of_nijmegens_adviser(
    reference_dvo, policy_adviser_nijmegen, client_for, on_7_december_2026
):
    client = client_for(policy_adviser_nijmegen)
    response = client.get("/api/v1/cycle-steps?mine=true")
    assert response.status_code == 200
    by_kind = {s["kind"]: s for s in response.json()}
    assert by_kind["review"]["dueOn"] == "2026-12-31"
    assert by_kind["review"]["state"] == "due" and by_kind["review"]["daysLeft"] == 24
    assert by_kind["municipality_signs"]["state"] == "overdue"
    assert "board_adopts" not in by_kind


def test_every_step_of_one_agreement(reference_dvo, board_member, client_for):
    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    client = client_for(board_member)
    steps = client.get(f"/api/v1/cycle-steps?agreement={draft.uuid}").json()
    assert len(steps) == draft.steps.count() == 9
    assert client.get(f"/api/v1/cycle-steps?agreement={reference_dvo.uuid}").json() == []
    assert client.get("/api/v1/cycle-steps?agreement=nope").status_code == 400


def test_the_opinions_carry_the_answer_and_the_promised_step(
    reference_dvo, policy_adviser_nijmegen, client_for
):
    wish = Opinion.objects.get(kind="council_wishes", number=1)
    url = f"/api/v1/municipal-agreements/{wish.municipal_agreement.uuid}/opinions"
    found = {
        (o["kind"], o["number"]): o for o in client_for(policy_adviser_nijmegen).get(url).json()
    }
    first = found["council_wishes", 1]
    assert first["answeredOn"] == "2026-03-03" and first["answerReference"] == "E26.000183"
    assert first["promisedSteps"][0]["dueOn"] == "2026-12-31"


# --- planning, moving and completing steps: the same services as the screens ------------------


@pytest.fixture
def draft_step(reference_dvo):
    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    return draft.steps.filter(depends_on__isnull=False, done_on__isnull=True).first()


def _plan(draft, nijmegen, **changes):
    return {
        "agreement": str(draft.uuid),
        "kind": "other",
        "title": "Raad informeren over de begroting",
        "dueOn": "2027-03-01",
        "actorRole": "policy_adviser",
        "actorOrganisation": str(nijmegen.uuid),
        **changes,
    }


def test_a_dvo_administrator_plans_a_step(reference_dvo, dvo_admin, nijmegen, client_for):
    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    response = client_for(dvo_admin).post(
        "/api/v1/cycle-steps", _plan(draft, nijmegen), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    step = CycleStep.objects.get(uuid=body["uuid"])
    assert (step.agreement, step.due_on, step.actor_organisation) == (
        draft,
        date(2027, 3, 1),
        nijmegen,
    )
    assert body["actorOrganisationName"] == "Nijmegen" and body["doneOn"] is None


def test_a_step_before_the_one_it_follows_is_refused(
    reference_dvo, dvo_admin, nijmegen, wijchen, client_for
):
    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    before = draft.steps.order_by("-due_on").first()
    count = CycleStep.objects.count()
    response = client_for(dvo_admin).post(
        "/api/v1/cycle-steps",
        _plan(
            draft,
            wijchen,
            title="",
            dueOn=(before.due_on - timedelta(days=1)).isoformat(),
            followsStep=str(before.uuid),
            actorRole="dvo_admin",
        ),
        content_type="application/json",
    )
    assert invalid_names(response) == {"title"}  # the input is checked first
    response = client_for(dvo_admin).post(
        "/api/v1/cycle-steps",
        _plan(
            draft,
            wijchen,
            dueOn=(before.due_on - timedelta(days=1)).isoformat(),
            followsStep=str(before.uuid),
            actorRole="dvo_admin",
        ),
        content_type="application/json",
    )
    assert invalid_names(response) == {"dueOn", "actorRole"}
    assert CycleStep.objects.count() == count


def test_a_policy_adviser_cannot_plan(reference_dvo, policy_adviser_nijmegen, nijmegen, client_for):
    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    response = client_for(policy_adviser_nijmegen).post(
        "/api/v1/cycle-steps", _plan(draft, nijmegen), content_type="application/json"
    )
    problem_of(response, 403)


def test_moving_a_deadline_changes_only_what_is_named(draft_step, dvo_admin, client_for):
    later = draft_step.due_on + timedelta(days=1)
    response = client_for(dvo_admin).patch(
        f"/api/v1/cycle-steps/{draft_step.uuid}",
        {"dueOn": later.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    step = CycleStep.objects.get(pk=draft_step.pk)
    assert step.due_on == later
    assert (step.title, step.depends_on_id, step.actor_organisation_id) == (
        draft_step.title,
        draft_step.depends_on_id,
        draft_step.actor_organisation_id,
    )
    assert response.json()["followsStep"] == str(draft_step.depends_on.uuid)


def test_a_deadline_before_the_step_it_follows_is_refused(draft_step, dvo_admin, client_for):
    too_early = draft_step.depends_on.due_on - timedelta(days=1)
    response = client_for(dvo_admin).patch(
        f"/api/v1/cycle-steps/{draft_step.uuid}",
        {"dueOn": too_early.isoformat()},
        content_type="application/json",
    )
    assert invalid_names(response) == {"dueOn"}
    assert CycleStep.objects.get(pk=draft_step.pk).due_on == draft_step.due_on


def test_whoever_must_act_completes_a_step(reference_dvo, policy_adviser_nijmegen, client_for):
    client = client_for(policy_adviser_nijmegen)
    (mine,) = [
        s for s in client.get("/api/v1/cycle-steps?mine=true").json() if s["kind"] == "review"
    ]
    response = client.post(
        f"/api/v1/cycle-steps/{mine['uuid']}/completion",
        {"doneOn": "2026-12-01", "note": "Besproken in het college"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["doneOn"] == "2026-12-01" and response.json()["state"] == "done"
    step = CycleStep.objects.get(uuid=mine["uuid"])
    assert step.done_note == "Besproken in het college"


def test_a_completion_without_a_date_is_refused(draft_step, dvo_admin, client_for):
    response = client_for(dvo_admin).post(
        f"/api/v1/cycle-steps/{draft_step.uuid}/completion",
        {"doneOn": "1-12-2026"},
        content_type="application/json",
    )
    assert invalid_names(response) == {"doneOn"}
    assert CycleStep.objects.get(pk=draft_step.pk).done_on is None


def test_an_unknown_organisation_is_named_in_dutch(reference_dvo, dvo_admin, nijmegen, client_for):
    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    body = _plan(draft, nijmegen, actorOrganisation="00000000-0000-4000-8000-000000000000")
    response = client_for(dvo_admin).post(
        "/api/v1/cycle-steps", body, content_type="application/json"
    )
    (param,) = problem_of(response, 400)["invalidParams"]
    assert param["name"] == "actorOrganisation"
    assert param["reason"] == "Er is geen organisatie met deze UUID."
