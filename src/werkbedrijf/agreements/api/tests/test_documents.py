"""Downloading the DVO's uploaded documents through the API, as the screen offers them: within
the user's scope, 404 otherwise; never another municipality's."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from werkbedrijf.agreements import services
from werkbedrijf.api.testing import API, problem_of

pytestmark = pytest.mark.django_db


def _pdf(name, content=b"%PDF-1.4 zienswijze"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def opinion(dvo_admin, draft_dvo, nijmegen):
    ma = draft_dvo.municipal_agreements.get(municipality=nijmegen)
    return services.record_opinion(
        actor=dvo_admin,
        municipal_agreement=ma,
        kind="college_opinion",
        text="Het college stemt in.",
        received_on=date(2024, 5, 1),
        document=_pdf("zienswijze.pdf"),
    )


def test_an_opinion_and_a_decision_are_downloaded(
    client_for, dvo_admin, policy_adviser_nijmegen, opinion, draft_dvo, wijchen
):
    client = client_for(policy_adviser_nijmegen)
    response = client.get(
        f"{API}/agreement-documents/opinion/{opinion.uuid}", HTTP_ACCEPT="application/octet-stream"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert "zienswijze" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 zienswijze"
    event = services.record_withdrawal(
        actor=dvo_admin,
        agreement=draft_dvo,
        municipality=wijchen,
        effective_on=date(2025, 7, 1),
        description="Uittreding",
        decided_on=date(2025, 6, 1),
        decision_document=_pdf("besluit.pdf", b"%PDF-1.4 besluit"),
    )
    decision = client.get(f"{API}/agreement-documents/decision/{event.uuid}")
    assert decision.status_code == 200
    assert b"".join(decision.streaming_content) == b"%PDF-1.4 besluit"


def test_another_municipalitys_document_and_bad_paths_answer_404(
    client_for, policy_adviser_wijchen, opinion
):
    client = client_for(policy_adviser_wijchen)
    problem_of(client.get(f"{API}/agreement-documents/opinion/{opinion.uuid}"), 404)
    problem_of(client.get(f"{API}/agreement-documents/answer/{opinion.uuid}"), 404)
    problem_of(client.get(f"{API}/agreement-documents/memo/{opinion.uuid}"), 404)
    # A problem is JSON also to a client that asked for the file.
    refused = client.get(
        f"{API}/agreement-documents/opinion/{opinion.uuid}",
        HTTP_ACCEPT="application/octet-stream",
    )
    assert refused.status_code == 404 and refused.json()["status"] == 404
