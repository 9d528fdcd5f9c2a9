"""Art. 16.2 changes and art. 16.4 withdrawals through the API: multipart with the documents, as
the screen accepts them; the same services; refused input stores nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from werkbedrijf.agreements.models import AgreementEvent, PartyConsent
from werkbedrijf.api.testing import API, invalid_names, problem_of

pytestmark = pytest.mark.django_db


def _pdf(name="besluit.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 besluit", content_type="application/pdf")


def _amendment(draft_dvo, parties, **changes):
    body = {
        "effectiveOn": "2025-04-01",
        "description": "Art. 14.2: de tussenrapportage verschijnt per kwartaal.",
        "decidedOn": "2025-03-10",
        "decisionDocument": _pdf(),
        "consents": json.dumps(
            [{"party": str(p.uuid), "consentedOn": "2025-03-01"} for p in parties]
        ),
        "consentDocuments": [_pdf(f"instemming-{p.name}.pdf") for p in parties],
    }
    body.update(changes)
    return body


def test_a_change_of_the_whole_agreement_with_every_consent(
    client_for, dvo_admin, board_member, draft_dvo, nijmegen, wijchen
):
    client = client_for(dvo_admin)
    url = f"{API}/agreements/{draft_dvo.uuid}/amendments"
    response = client.post(url, _amendment(draft_dvo, [nijmegen, wijchen]))
    assert response.status_code == 201, response.content
    event = response.json()
    assert event["kind"] == "amendment" and event["municipality"] is None
    assert event["decisionDocumentName"].startswith("besluit")
    assert {c["partyName"] for c in event["consents"]} == {"Nijmegen", "Wijchen"}
    # The stored name may get a suffix when the name is taken already.
    for consent in event["consents"]:
        assert consent["documentName"].startswith(f"instemming-{consent['partyName']}")
    # Anyone on the staff reads the events, as on the screen.
    listed = client_for(board_member).get(f"{API}/agreements/{draft_dvo.uuid}/events")
    assert listed.status_code == 200
    assert [e["uuid"] for e in listed.json()] == [event["uuid"]]


def test_a_missing_consent_is_refused_and_nothing_is_stored(
    client_for, dvo_admin, draft_dvo, nijmegen
):
    client = client_for(dvo_admin)
    url = f"{API}/agreements/{draft_dvo.uuid}/amendments"
    response = client.post(url, _amendment(draft_dvo, [nijmegen]))
    body = problem_of(response, 400)
    reasons = {p["name"]: p["reason"] for p in body["invalidParams"]}
    assert "Wijchen" in reasons["consents"] and "instemming" in reasons["consents"]
    assert not AgreementEvent.objects.exists() and not PartyConsent.objects.exists()


def test_documents_must_match_the_consents(client_for, dvo_admin, draft_dvo, nijmegen, wijchen):
    client = client_for(dvo_admin)
    url = f"{API}/agreements/{draft_dvo.uuid}/amendments"
    body = _amendment(draft_dvo, [nijmegen, wijchen], consentDocuments=[_pdf()])
    assert invalid_names(client.post(url, body)) == {"consentDocuments"}
    not_json = _amendment(draft_dvo, [nijmegen, wijchen], consents="geen json")
    assert invalid_names(client.post(url, not_json)) == {"consents"}
    outside = _amendment(draft_dvo, [nijmegen, wijchen], effectiveOn="2030-01-01")
    assert invalid_names(client.post(url, outside)) == {"effectiveOn"}
    assert not AgreementEvent.objects.exists()


def test_a_municipality_leaves_once(client_for, dvo_admin, draft_dvo, wijchen):
    client = client_for(dvo_admin)
    url = f"{API}/agreements/{draft_dvo.uuid}/withdrawals"
    body = {
        "municipality": str(wijchen.uuid),
        "effectiveOn": "2025-07-01",
        "description": "Uittreding volgens de voorwaarden van het AB.",
        "decidedOn": "2025-06-01",
    }
    response = client.post(url, {**body, "decisionDocument": _pdf()})
    assert response.status_code == 201, response.content
    assert response.json()["municipalityName"] == "Wijchen"
    again = client.post(url, {**body, "decisionDocument": _pdf()})
    assert "al uitgetreden" in problem_of(again, 400)["invalidParams"][0]["reason"]
    no_document = client.post(url, body)
    assert invalid_names(no_document) == {"decisionDocument"}
    assert AgreementEvent.objects.count() == 1


def test_only_a_dvo_administrator_records_them(
    client_for, policy_adviser_nijmegen, draft_dvo, nijmegen, wijchen
):
    client = client_for(policy_adviser_nijmegen)
    url = f"{API}/agreements/{draft_dvo.uuid}/amendments"
    problem_of(client.post(url, _amendment(draft_dvo, [nijmegen, wijchen])), 403)
    withdrawal = {
        "municipality": str(wijchen.uuid),
        "effectiveOn": "2025-07-01",
        "description": "Uittreding",
        "decidedOn": "2025-06-01",
        "decisionDocument": _pdf(),
    }
    problem_of(client.post(f"{API}/agreements/{draft_dvo.uuid}/withdrawals", withdrawal), 403)
    assert not AgreementEvent.objects.exists()
