"""Art. 16.2 (the whole agreement changes with every party's written consent) and art. 16.4 (a
municipality leaves) as recorded events with their documents."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.agreements import services
from werkbedrijf.agreements.models import AgreementEvent
from werkbedrijf.agreements.services import ConsentInput
from werkbedrijf.agreements.services.agreement_events import parties_on


def _pdf(name="besluit.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 besluit", content_type="application/pdf")


def _consents(parties, day=date(2025, 3, 1)):
    return [ConsentInput(party=p, consented_on=day, document=_pdf(f"{p.pk}.pdf")) for p in parties]


def _amend(actor, agreement, consents):
    return services.record_amendment(
        actor=actor,
        agreement=agreement,
        effective_on=date(2025, 4, 1),
        description="Art. 14.2: de tussenrapportage verschijnt per kwartaal.",
        decided_on=date(2025, 3, 10),
        decision_document=_pdf(),
        consents=consents,
    )


def test_a_change_of_the_whole_agreement_with_every_partys_consent(reference_dvo, dvo_admin):
    parties = parties_on(reference_dvo, date(2025, 4, 1))
    assert len(parties) == 7
    event = _amend(dvo_admin, reference_dvo, _consents(parties))
    assert event.consents.count() == 7


def test_a_change_without_one_partys_consent_is_refused_naming_it(reference_dvo, dvo_admin):
    parties = [p for p in parties_on(reference_dvo, None) if p.name != "Heumen"]
    with pytest.raises(ValidationError) as exc:
        _amend(dvo_admin, reference_dvo, _consents(parties))
    assert "Heumen" in exc.value.message_dict["consents"][0]
    assert not AgreementEvent.objects.exists()


def test_a_consent_given_after_the_change_takes_effect_is_refused(reference_dvo, dvo_admin):
    parties = parties_on(reference_dvo, None)
    with pytest.raises(ValidationError) as exc:
        _amend(dvo_admin, reference_dvo, _consents(parties, day=date(2025, 5, 1)))
    assert "01-05-2025" in exc.value.message_dict["consents"][0]


def test_a_municipality_that_left_is_no_longer_asked_to_consent(reference_dvo, dvo_admin):
    parties = parties_on(reference_dvo, None)
    heumen = next(p for p in parties if p.name == "Heumen")
    services.record_withdrawal(
        actor=dvo_admin,
        agreement=reference_dvo,
        municipality=heumen,
        effective_on=date(2025, 1, 1),
        description="Uittreding uit de module WerkBedrijf onder de voorwaarden van het AB.",
        decided_on=date(2024, 11, 1),
        decision_document=_pdf(),
    )
    event = _amend(dvo_admin, reference_dvo, _consents([p for p in parties if p != heumen]))
    assert event.consents.count() == 6


def test_leaving_twice_or_outside_the_period_is_refused(reference_dvo, dvo_admin, nijmegen):
    def leave(day):
        return services.record_withdrawal(
            actor=dvo_admin,
            agreement=reference_dvo,
            municipality=nijmegen,
            effective_on=day,
            description="Uittreding",
            decided_on=date(2024, 11, 1),
            decision_document=_pdf(),
        )

    with pytest.raises(ValidationError) as exc:
        leave(date(2026, 6, 1))
    assert "effective_on" in exc.value.message_dict
    leave(date(2025, 6, 1))
    with pytest.raises(ValidationError) as exc:
        leave(date(2025, 7, 1))
    assert "Nijmegen" in exc.value.message_dict["municipality"][0]


def test_only_a_dvo_administrator_records_them(reference_dvo, policy_adviser_nijmegen):
    with pytest.raises(AccessDenied):
        _amend(policy_adviser_nijmegen, reference_dvo, [])


def test_the_events_screen_lists_the_change_with_its_documents(
    reference_dvo, dvo_admin, board_member, client_for
):
    from django.urls import reverse

    event = _amend(dvo_admin, reference_dvo, _consents(parties_on(reference_dvo, None)))
    client = client_for(board_member)
    page = client.get(reverse("agreements:agreement_events", kwargs={"uuid": reference_dvo.uuid}))
    content = page.content.decode()
    assert "01-04-2025" in content and "tussenrapportage" in content
    decision = reverse("agreements:document", kwargs={"kind": "besluit", "uuid": event.uuid})
    assert decision in content
    response = client.get(decision)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    consent = event.consents.first()
    url = reverse("agreements:document", kwargs={"kind": "instemming-partij", "uuid": consent.uuid})
    assert client.get(url).status_code == 200


def test_a_withdrawal_recorded_on_screen(reference_dvo, dvo_admin, nijmegen, client_for):
    from django.urls import reverse

    client = client_for(dvo_admin)
    page = client.get(reverse("agreements:agreement_events", kwargs={"uuid": reference_dvo.uuid}))
    assert reverse("agreements:record_withdrawal", kwargs={"uuid": reference_dvo.uuid}) in (
        page.content.decode()
    )
    url = reverse("agreements:record_withdrawal", kwargs={"uuid": reference_dvo.uuid})
    data = {
        "municipality": str(nijmegen.uuid),
        "effective_on": "2026-06-01",
        "description": "Uittreding",
        "decided_on": "2025-11-01",
        "decision_document": _pdf(),
    }
    refused = client.post(url, data, HTTP_ACCEPT_LANGUAGE="nl")
    assert refused.status_code == 400
    assert "binnen de looptijd" in refused.content.decode()
    data.update(effective_on="2025-06-01", decision_document=_pdf())
    assert client.post(url, data).status_code == 302
    assert AgreementEvent.objects.get(kind="withdrawal").municipality == nijmegen


def test_a_change_without_every_consent_is_refused_on_screen(reference_dvo, dvo_admin, client_for):
    from django.urls import reverse

    url = reverse("agreements:record_amendment", kwargs={"uuid": reference_dvo.uuid})
    parties = parties_on(reference_dvo, None)
    data = {
        "effective_on": "2025-04-01",
        "description": "Art. 14.2 per kwartaal",
        "decided_on": "2025-03-10",
        "decision_document": _pdf(),
    }
    for party in parties[:-1]:
        data[f"consent_on_{party.pk}"] = "2025-03-01"
        data[f"consent_document_{party.pk}"] = _pdf(f"{party.pk}.pdf")
    response = client_for(dvo_admin).post(url, data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert parties[-1].name in response.content.decode()
    assert not AgreementEvent.objects.exists()
