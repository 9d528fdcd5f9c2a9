"""The document screens: download of a municipality's copy, the template, the comparison."""

import io

from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from werkbedrijf.agreements.models import AgreementVersion


def test_the_municipal_page_offers_the_document_and_it_downloads(
    reference_dvo, nijmegen, policy_adviser_nijmegen, client_for
):
    client = client_for(policy_adviser_nijmegen)
    ma = reference_dvo.municipal_agreements.get(municipality=nijmegen)
    page = client.get(reverse("agreements:municipal_agreement", kwargs={"uuid": ma.uuid}))
    url = reverse("agreements:agreement_document", kwargs={"uuid": ma.uuid, "fmt": "pdf"})
    assert url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Kwartiermaker Economisch Collectief Nijmegen" in text


def test_a_signed_copy_of_the_draft_is_refused_with_a_message(
    reference_dvo, nijmegen, dvo_admin, client_for
):
    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    ma = draft.municipal_agreements.get(municipality=nijmegen)
    url = reverse("agreements:agreement_document", kwargs={"uuid": ma.uuid, "fmt": "pdf"})
    response = client_for(dvo_admin).get(url + "?ondertekend=1", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "DVO 2026-2027" in response.content.decode()


def test_the_template_screen_refuses_an_unknown_placeholder(reference_dvo, dvo_admin, client_for):
    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    client = client_for(dvo_admin)
    url = reverse("agreements:document_template", kwargs={"uuid": draft.uuid})
    assert "{{ lokale_afspraken }}" in client.get(url).content.decode()
    response = client.post(url, {"text": "# {{ titel }}\n{{ onbekend }}\n", "version": "0"})
    assert response.status_code == 400
    assert "{{ onbekend }}" in response.content.decode()
    response = client.post(url, {"text": "# {{ titel }}\n{{ keuzekaart }}\n", "version": "0"})
    assert response.status_code == 302
    stale = client.post(url, {"text": "# {{ titel }}\n", "version": "0"})
    assert stale.status_code == 409


def test_nijmegen_2025_against_2026_side_by_side(reference_dvo, nijmegen, dvo_admin, client_for):
    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    ma = draft.municipal_agreements.get(municipality=nijmegen)
    client = client_for(dvo_admin)
    url = reverse("agreements:compare_choices", kwargs={"uuid": ma.uuid})
    page = client.get(url).content.decode()
    assert "DVO 2024-2025 2025 against DVO 2026-2027 2026" in page or "2025" in page
    assert 'data-status="added"' in page  # participatiecoaches
    assert 'data-status="dropped"' in page  # events, kwartiermaker
    assert 'data-status="changed"' in page  # maatwerkinterventies: amount unknown now
    response = client.get(url + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    services = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "Participatiecoaches" in services


def test_an_option_outside_the_municipality_is_not_found(
    reference_dvo, nijmegen, wijchen, dvo_admin, client_for
):
    ma = reference_dvo.municipal_agreements.get(municipality=nijmegen)
    other = reference_dvo.municipal_agreements.get(municipality=wijchen)
    url = reverse("agreements:compare_choices", kwargs={"uuid": ma.uuid})
    assert client_for(dvo_admin).get(url + f"?oud={other.uuid}:2024").status_code == 404
