"""The satisfaction figures through the API, as the figures screen shows them: response rate and
averages, masked below five answers, only the municipalities the user may see."""

from datetime import date, timedelta

import pytest

from werkbedrijf.api.testing import API, invalid_names, problem_of
from werkbedrijf.candidates import services as candidates
from werkbedrijf.candidates.models import Phase
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.satisfaction import services
from werkbedrijf.utils.bsn import nth_test_bsn

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)


def _ended(case_manager, municipality, n):
    trajectory = candidates.refer_candidate(
        actor=case_manager,
        municipality=municipality,
        person=PersonInput(
            bsn=nth_test_bsn(800 + n),
            first_name="Tevreden",
            last_name=f"Kandidaat {n}",
            date_of_birth=date(1990, 1, 1),
        ),
        referred_on=TODAY - timedelta(days=100),
    )
    trajectory.phase = Phase.RETURNED
    trajectory.closed_on = TODAY - timedelta(days=2)
    trajectory.save()
    return trajectory


def _row(body, code_name: str, moment: str = "end") -> dict:
    return next(
        r for r in body["rows"] if r["municipalityName"] == code_name and r["moment"] == moment
    )


def test_the_figures_masked_below_five_and_shown_from_five(
    case_manager, nijmegen, board_member, client_for
):
    for n in range(6):
        _ended(case_manager, nijmegen, n)
    invitations = services.invite_due(TODAY)
    for invitation, score in zip(invitations[:4], (6, 7, 8, 9), strict=True):
        services.answer(
            token=invitation.token, score=score, statements={"listened": 4}, today=TODAY
        )
    client = client_for(board_member)
    response = client.get(f"{API}/satisfaction-figures?year=2026")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["year"], body["threshold"]) == (2026, 5)
    small = _row(body, "Nijmegen")
    assert (small["invited"], small["answered"], small["responseRate"]) == (6, 4, "66.7")
    assert small["masked"] is True and small["averageScore"] is None
    assert small["averageScoreText"] == "< 5" and small["listened"] is None
    assert _row(body, "Regio")["masked"] is True  # the region: the same four answers
    services.answer(token=invitations[4].token, score=10, statements={}, today=TODAY)
    shown = _row(client.get(f"{API}/satisfaction-figures?year=2026").json(), "Nijmegen")
    assert shown["masked"] is False
    assert (shown["averageScore"], shown["averageScoreText"]) == ("8.0", "8,0")
    assert (shown["responseRate"], shown["listened"]) == ("83.3", "4.0")


def test_a_policy_adviser_sees_only_their_own_municipality(
    policy_adviser_wijchen, client_for, region
):
    body = client_for(policy_adviser_wijchen).get(f"{API}/satisfaction-figures").json()
    assert {r["municipalityName"] for r in body["rows"]} == {"Wijchen"}


def test_refused_role_and_bad_year(consultant, dvo_admin, client_for, region):
    problem_of(client_for(consultant).get(f"{API}/satisfaction-figures"), 403)
    bad = client_for(dvo_admin).get(f"{API}/satisfaction-figures?year=twintig")
    assert invalid_names(bad) == {"year"}
