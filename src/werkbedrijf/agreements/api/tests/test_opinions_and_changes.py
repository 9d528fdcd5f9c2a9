"""Opinions on a draft, and mid-term changes of an adopted agreement (art. 16.3)."""

import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from werkbedrijf.agreements.models import ChoiceChange, LocalChoice, Opinion
from werkbedrijf.api.testing import API, call, invalid_names, problem_of

from .conftest import card, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)


def pdf(name="instemming.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def opinions_url(ma):
    return f"{API}/municipal-agreements/{ma.uuid}/opinions"


def changes_url(ma):
    return f"{API}/municipal-agreements/{ma.uuid}/changes"


def test_an_adviser_records_an_opinion_as_json(client_for, policy_adviser_nijmegen, nijmegen_ma):
    client = client_for(policy_adviser_nijmegen)
    response = call(
        client,
        "post",
        opinions_url(nijmegen_ma),
        {"kind": "college_opinion", "text": "Akkoord met de keuzes.", "receivedOn": "2024-04-20"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["receivedOn"] == "2024-04-20"
    listed = client.get(opinions_url(nijmegen_ma)).json()
    assert [(o["kind"], o["text"], o["documentName"]) for o in listed] == [
        ("college_opinion", "Akkoord met de keuzes.", "")
    ]


def test_an_opinion_with_a_document_is_sent_as_multipart(
    client_for, policy_adviser_nijmegen, nijmegen_ma
):
    response = client_for(policy_adviser_nijmegen).post(
        opinions_url(nijmegen_ma),
        {"kind": "client_council_advice", "text": "Advies", "document": pdf("advies.pdf")},
    )
    assert response.status_code == 201, response.content
    assert response.json()["documentName"].startswith("advies")


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({"kind": "college_opinion", "text": ""}, "text"),
        ({"kind": "college_opinion", "text": "   "}, "text"),
        ({"kind": "gossip", "text": "x"}, "kind"),
        ({"kind": "college_opinion", "text": "x", "receivedOn": "gisteren"}, "receivedOn"),
    ],
)
def test_a_bad_opinion_is_refused(client_for, policy_adviser_nijmegen, nijmegen_ma, body, name):
    response = call(client_for(policy_adviser_nijmegen), "post", opinions_url(nijmegen_ma), body)
    assert name in invalid_names(response)
    assert not Opinion.objects.exists()


@override_settings(DOCUMENT_MAX_BYTES=10)
def test_a_document_that_is_too_large_is_refused(client_for, policy_adviser_nijmegen, nijmegen_ma):
    response = client_for(policy_adviser_nijmegen).post(
        opinions_url(nijmegen_ma), {"kind": "college_opinion", "text": "x", "document": pdf()}
    )
    assert invalid_names(response) == {"document"}
    assert not Opinion.objects.exists()


def test_an_adviser_cannot_record_an_opinion_for_another_municipality(
    client_for, policy_adviser_wijchen, nijmegen_ma
):
    response = call(
        client_for(policy_adviser_wijchen),
        "post",
        opinions_url(nijmegen_ma),
        {"kind": "college_opinion", "text": "x"},
    )
    problem_of(response, 404)
    assert not Opinion.objects.exists()


# --- mid-term changes --------------------------------------------------------------------------


def change_form(draft_dvo, **overrides):
    form = {
        "year": 2025,
        "effectiveFrom": "2025-07-01",
        "reason": "Meer participatiecoaching vanaf juli",
        "lines": json.dumps(
            [{"service": card(draft_dvo, "participatiecoaching"), "quantity": "1"}]
        ),
        "municipalityConsentOn": "2025-05-01",
        "municipalityConsentDocument": pdf("gemeente.pdf"),
        "boardConsentOn": "2025-06-01",
        "boardConsentDocument": pdf("db.pdf"),
    }
    form.update(overrides)
    return {k: v for k, v in form.items() if v is not None}


@pytest.fixture
def adopted_with_2025_choices(draft_dvo, nijmegen_ma, policy_adviser_nijmegen, adopt):
    from werkbedrijf.agreements import services
    from werkbedrijf.agreements.services import LineInput

    old = services.save_choices(
        actor=policy_adviser_nijmegen,
        municipal_agreement=nijmegen_ma,
        year=2025,
        lines=[LineInput(service=card(draft_dvo, "maatwerk-interventies"), quantity=10)],
    )
    adopt(draft_dvo)
    return old


def test_an_administrator_records_a_midterm_change_with_both_consents(
    client_for, dvo_admin, draft_dvo, nijmegen_ma, adopted_with_2025_choices
):
    client = client_for(dvo_admin)
    response = client.post(changes_url(nijmegen_ma), change_form(draft_dvo))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["effectiveFrom"] == "2025-07-01"
    assert body["municipalityConsentDocument"].startswith("gemeente")
    assert body["boardConsentDocument"].startswith("db")
    assert body["endedChoices"] == [str(adopted_with_2025_choices[0].uuid)]
    (new_uuid,) = body["introducedChoices"]

    current = client.get(f"{API}/municipal-agreements/{nijmegen_ma.uuid}/choices?year=2025")
    assert [c["uuid"] for c in current.json()] == [new_uuid]
    history = client.get(
        f"{API}/municipal-agreements/{nijmegen_ma.uuid}/choices?year=2025&history=true"
    ).json()
    assert [(c["validFrom"], c["validUntil"]) for c in history] == [
        (None, "2025-06-30"),
        ("2025-07-01", None),
    ]
    assert history[0]["endedBy"] == history[1]["introducedBy"] == body["uuid"]
    assert [c["uuid"] for c in client.get(changes_url(nijmegen_ma)).json()] == [body["uuid"]]


@pytest.mark.parametrize(
    ("overrides", "name"),
    [
        ({"municipalityConsentDocument": None}, "municipalityConsentDocument"),
        ({"boardConsentDocument": None}, "boardConsentDocument"),
        ({"boardConsentOn": None}, "boardConsentOn"),
        ({"reason": ""}, "reason"),
        ({"effectiveFrom": "2024-12-01"}, "effectiveFrom"),
        ({"year": 2027}, "year"),
        ({"lines": "geen json"}, "lines"),
        ({"lines": json.dumps([{"customName": "X"}])}, "lines.0.agreedAmount"),
        ({"lines": json.dumps([{"service": "x", "quantity": 1}])}, "lines.0.service"),
    ],
)
def test_a_bad_change_is_refused_and_nothing_changes(
    client_for, dvo_admin, draft_dvo, nijmegen_ma, adopted_with_2025_choices, overrides, name
):
    before = snapshot(nijmegen_ma)
    response = client_for(dvo_admin).post(
        changes_url(nijmegen_ma), change_form(draft_dvo, **overrides)
    )
    assert name in invalid_names(response)
    assert snapshot(nijmegen_ma) == before
    assert not ChoiceChange.objects.exists()


def test_a_change_as_json_is_unsupported(
    client_for, dvo_admin, nijmegen_ma, adopted_with_2025_choices
):
    response = call(client_for(dvo_admin), "post", changes_url(nijmegen_ma), {"year": 2025})
    problem_of(response, 415)


def test_only_an_administrator_records_a_change(
    client_for, policy_adviser_nijmegen, draft_dvo, nijmegen_ma, adopted_with_2025_choices
):
    response = client_for(policy_adviser_nijmegen).post(
        changes_url(nijmegen_ma), change_form(draft_dvo)
    )
    problem_of(response, 403)
    assert not ChoiceChange.objects.exists()


def test_a_draft_is_not_changed_midterm(client_for, dvo_admin, draft_dvo, nijmegen_ma):
    response = client_for(dvo_admin).post(changes_url(nijmegen_ma), change_form(draft_dvo))
    problem_of(response, 403)
    assert not LocalChoice.objects.exists()


# --- the college's answer to an opinion: POST /opinions/{uuid}/answer ----------------------------


@pytest.fixture
def wish(nijmegen_ma, policy_adviser_nijmegen):
    from werkbedrijf.agreements import services

    return services.record_opinion(
        actor=policy_adviser_nijmegen,
        municipal_agreement=nijmegen_ma,
        kind="council_wishes",
        text="Betrek de inburgering.",
        received_on=date(2024, 4, 10),
    )


def answer_url(opinion):
    return f"{API}/opinions/{opinion.uuid}/answer"


def test_an_adviser_records_the_colleges_answer(client_for, policy_adviser_nijmegen, wish):
    response = client_for(policy_adviser_nijmegen).post(
        answer_url(wish),
        {
            "answer": "De inburgering doet mee.",
            "answeredOn": "2024-04-30",
            "answerReference": "E24.000042",
            "actionTaken": "Opgenomen in art. 7.",
            "document": pdf("antwoord.pdf"),
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["answeredOn"], body["answerReference"]) == ("2024-04-30", "E24.000042")
    assert body["answerDocumentName"] == "antwoord.pdf"
    wish.refresh_from_db()
    assert (wish.answer, wish.action_taken) == ("De inburgering doet mee.", "Opgenomen in art. 7.")


def test_an_answer_before_the_opinion_is_refused(client_for, policy_adviser_nijmegen, wish):
    response = call(
        client_for(policy_adviser_nijmegen),
        "post",
        answer_url(wish),
        {"answer": "Te vroeg.", "answeredOn": "2024-04-01"},
    )
    assert invalid_names(response) == {"answeredOn"}
    assert "10-04-2024" in response.json()["invalidParams"][0]["reason"]
    wish.refresh_from_db()
    assert wish.answered_on is None and wish.answer == ""


def test_another_municipality_cannot_answer(client_for, policy_adviser_wijchen, wish):
    response = call(
        client_for(policy_adviser_wijchen),
        "post",
        answer_url(wish),
        {"answer": "Niet van ons.", "answeredOn": "2024-04-30"},
    )
    problem_of(response, 404)
