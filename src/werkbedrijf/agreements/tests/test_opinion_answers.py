"""A council wish or advice linked to the college's answer and what was done about it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements import services
from werkbedrijf.agreements.models import AgreementVersion, Opinion


@pytest.fixture
def wish_1(reference_dvo):
    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    return Opinion.objects.get(
        municipal_agreement__agreement=draft, kind="council_wishes", number=1
    )


def test_wish_1_shows_the_answer_of_march_2026_and_the_promised_review(
    wish_1, make_user, nijmegen, client_for
):
    client = client_for(make_user(Role.POLICY_ADVISER, nijmegen))
    url = reverse(
        "agreements:municipal_agreement", kwargs={"uuid": wish_1.municipal_agreement.uuid}
    )
    page = client.get(url).content.decode()
    assert "03-03-2026" in page and "E26.000183" in page
    assert "ervaringen met de dagdelen inventariseren" in page
    assert "31-12-2026" in page


def test_the_adviser_records_what_was_done(wish_1, make_user, nijmegen, client_for):
    client = client_for(make_user(Role.POLICY_ADVISER, nijmegen))
    url = reverse("agreements:answer_opinion", kwargs={"uuid": wish_1.uuid})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "answer": wish_1.answer,
            "answered_on": "2026-03-03",
            "answer_reference": "E26.000183",
            "action_taken": "Inventarisatie gehouden; geen verdere afname in 2027.",
        },
    )
    assert response.status_code == 302
    wish_1.refresh_from_db()
    assert wish_1.action_taken.startswith("Inventarisatie gehouden")


def test_an_answer_before_the_wish_was_received_is_refused(wish_1, dvo_admin):
    with pytest.raises(ValidationError) as exc:
        services.answer_opinion(
            actor=dvo_admin, opinion=wish_1, answer="Antwoord", answered_on=date(2025, 12, 1)
        )
    assert "17-12-2025" in exc.value.message_dict["answered_on"][0]
    wish_1.refresh_from_db()
    assert wish_1.answered_on == date(2026, 3, 3)


def test_an_answer_needs_text_and_a_date(wish_1, dvo_admin):
    with pytest.raises(ValidationError) as exc:
        services.answer_opinion(actor=dvo_admin, opinion=wish_1, answer=" ", answered_on=None)
    assert set(exc.value.message_dict) == {"answer", "answered_on"}


def test_another_municipality_cannot_answer(wish_1, policy_adviser_wijchen):
    with pytest.raises(AccessDenied):
        services.answer_opinion(
            actor=policy_adviser_wijchen,
            opinion=wish_1,
            answer="Antwoord",
            answered_on=date(2026, 3, 3),
        )
