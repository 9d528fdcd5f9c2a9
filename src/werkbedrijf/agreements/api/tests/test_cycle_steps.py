"""GET /api/v1/cycle-steps: the steps of the cycle, and with mine=true the user's work list."""

from datetime import date

import pytest

from werkbedrijf.agreements.models import AgreementVersion, Opinion


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
