"""The satisfaction questionnaire: invited after intake and at the end, answered once through a
link that expires, typed in from paper by its code, reported only in aggregate with '< 5'."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from werkbedrijf.candidates import services as candidates
from werkbedrijf.candidates.models import Phase
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.satisfaction import policies, services
from werkbedrijf.satisfaction.models import Invitation, Moment, SurveyResponse
from werkbedrijf.utils.bsn import nth_test_bsn

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)


def _ended(case_manager, municipality, n, email=""):
    trajectory = candidates.refer_candidate(
        actor=case_manager,
        municipality=municipality,
        person=PersonInput(
            bsn=nth_test_bsn(700 + n),
            first_name="Tevreden",
            last_name=f"Kandidaat {n}",
            date_of_birth=date(1990, 1, 1),
            extra={"email": email} if email else {},
        ),
        referred_on=TODAY - timedelta(days=100),
    )
    trajectory.phase = Phase.RETURNED
    trajectory.closed_on = TODAY - timedelta(days=2)
    trajectory.save()
    return trajectory


def test_an_ended_trajectory_is_invited_once_and_emailed_when_there_is_an_address(
    case_manager, nijmegen, django_capture_on_commit_callbacks
):
    _ended(case_manager, nijmegen, 1, email="kandidaat@example.org")
    _ended(case_manager, nijmegen, 2)
    with django_capture_on_commit_callbacks(execute=True):
        invited = services.invite_due(TODAY)
    assert len(invited) == 2 and {i.moment for i in invited} == {Moment.END}
    assert services.invite_due(TODAY) == []  # not twice
    assert len(mail.outbox) == 1
    token = Invitation.objects.get(emailed=True).token
    assert f"/tevredenheid/{token}/" in mail.outbox[0].body
    assert "Tevreden" not in mail.outbox[0].body


def test_a_link_answers_once_and_the_page_shows_no_personal_data(case_manager, nijmegen, client):
    _ended(case_manager, nijmegen, 3)
    invitation = services.invite_due(TODAY)[0]
    url = f"/tevredenheid/{invitation.token}/"
    page = client.get(url).content.decode()
    assert "Kandidaat 3" not in page and "Tevreden" not in page
    answers = {"score": "8", "listened": "4", "clear": "5", "comment": "Prima"}
    assert "data-thanks" in client.post(url, answers).content.decode()
    response = SurveyResponse.objects.get()
    assert (response.score, response.listened, response.helped) == (8, 4, None)
    again = client.post(url, answers)
    assert again.status_code == 410
    assert "al ingevuld" in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_an_expired_link_and_an_answer_out_of_range_are_refused(case_manager, nijmegen):
    _ended(case_manager, nijmegen, 4)
    invitation = services.invite_due(TODAY)[0]
    with pytest.raises(ValidationError) as error:
        services.answer(token=invitation.token, score=11, statements={}, today=TODAY)
    assert "score" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.answer(
            token=invitation.token,
            score=7,
            statements={"listened": 6},
            today=TODAY,
        )
    assert "listened" in error.value.message_dict
    late = invitation.expires_on + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.answer(token=invitation.token, score=7, statements={}, today=late)
    assert "verlopen" in str(error.value)
    assert not SurveyResponse.objects.exists()
    invitation.refresh_from_db()
    assert invitation.used_on is None


def test_a_paper_form_is_typed_in_by_its_code(case_manager, nijmegen, consultant, client_for):
    _ended(case_manager, nijmegen, 5)
    invitation = services.invite_due(TODAY)[0]
    response = client_for(consultant).post(
        "/tevredenheid/papier/", {"token": invitation.token, "score": "6"}
    )
    assert response.status_code == 302
    answer = SurveyResponse.objects.get()
    assert answer.from_paper and answer.entered_by == consultant
    refused = client_for(consultant).post(
        "/tevredenheid/papier/", {"token": invitation.token, "score": "6"}
    )
    assert refused.status_code == 400


def test_figures_hide_averages_of_fewer_than_five_answers(
    case_manager, nijmegen, board_member, client_for
):
    for n in range(6):
        _ended(case_manager, nijmegen, 10 + n)
    invitations = services.invite_due(TODAY)
    for invitation, score in zip(invitations[:4], (6, 7, 8, 9), strict=True):
        services.answer(token=invitation.token, score=score, statements={}, today=TODAY)
    client = client_for(board_member)
    page = client.get("/tevredenheid/cijfers/?jaar=2026").content.decode()
    assert 'data-row="GM0268-end"' in page
    assert "data-small" in page  # four answers: the average is hidden
    services.answer(token=invitations[4].token, score=10, statements={}, today=TODAY)
    page = client.get("/tevredenheid/cijfers/?jaar=2026").content.decode()
    assert "8,0" in page or "8.0" in page  # (6+7+8+9+10)/5
    csv_text = client.get("/tevredenheid/cijfers/?jaar=2026&formaat=csv").content.decode(
        "utf-8-sig"
    )
    assert csv_text.splitlines()[0].startswith("Gemeente;")
    assert "Nijmegen;Aan het einde van het traject;6;5;83,3;8,0" in csv_text


def test_response_rate_and_averages():
    figures = policies.figures(3, [7, 8], {"listened": [4]})
    assert figures.response_rate == policies.Decimal("66.7")
    assert figures.average_score == policies.Decimal("7.5")
    assert policies.hidden(figures, 5)


def test_a_paper_form_can_be_typed_in_through_the_api(
    case_manager, nijmegen, consultant, client_for
):
    _ended(case_manager, nijmegen, 20)
    invitation = services.invite_due(TODAY)[0]
    client = client_for(consultant)
    body = {"code": invitation.token, "score": 11}
    refused = client.post("/api/v1/questionnaire-answers", body, content_type="application/json")
    assert refused.status_code == 400 and "score" in str(refused.json())
    body["score"] = 7
    created = client.post("/api/v1/questionnaire-answers", body, content_type="application/json")
    assert created.status_code == 201
    again = client.post("/api/v1/questionnaire-answers", body, content_type="application/json")
    assert again.status_code == 400 and "code" in str(again.json())
    assert SurveyResponse.objects.get().from_paper
