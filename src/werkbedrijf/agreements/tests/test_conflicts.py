"""Two people edit the same record on screen: the first save wins, the second is refused with a
clear Dutch message, sees what was saved and keeps what they typed; nothing is overwritten
silently. (The same race with real threads and row locks: tests/test_concurrent_edits.py.)"""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements import selectors
from werkbedrijf.agreements.models import (
    AgreementStatus,
    ChoiceChange,
    DeviationAcceptance,
    LocalChoice,
)

from .conftest import compose_data, compose_url

pytestmark = pytest.mark.django_db

COMPOSE_CONFLICT = (
    "Iemand anders heeft deze keuzes opgeslagen nadat u de pagina opende. Uw wijzigingen zijn "
    "niet opgeslagen."
)


def version_on(html: str) -> str:
    (version,) = re.findall(r'<input type="hidden" name="version" value="([0-9a-f]*)">', html)
    return version


def stored(ma, year=2025):
    return list(
        LocalChoice.objects.filter(municipal_agreement=ma, year=year)
        .order_by("position")
        .values_list("service__code", "custom_name", "quantity", "agreed_amount")
    )


@pytest.fixture
def second_adviser(make_user, nijmegen):
    return make_user(Role.POLICY_ADVISER, nijmegen)


def test_the_second_of_two_saves_on_the_same_page_version_is_refused_and_overwrites_nothing(
    client_for, policy_adviser_nijmegen, dvo_admin, ma_nijmegen, card
):
    adviser, admin = client_for(policy_adviser_nijmegen), client_for(dvo_admin)
    adviser_version = version_on(adviser.get(compose_url(ma_nijmegen)).content.decode())
    admin_version = version_on(admin.get(compose_url(ma_nijmegen)).content.decode())
    assert adviser_version == admin_version != ""

    first = compose_data(card=[(card["maatwerk-interventies"], "10", "")])
    first["version"] = adviser_version
    assert adviser.post(compose_url(ma_nijmegen), first).status_code == 302

    second = compose_data(
        card=[(card["participatiecoaching"], "0,7", "")],
        extra=[("Kwartiermaker Economisch Collectief", "jaar", "", "12345")],
    )
    second["version"] = admin_version
    refused = admin.post(compose_url(ma_nijmegen), second)

    assert refused.status_code == 409
    html = refused.content.decode()
    assert escape(COMPOSE_CONFLICT) in html
    assert 'id="conflict"' in html and 'role="alert"' in html
    # What the other saved is shown ...
    saved = html.split('id="conflict-saved-heading"')[1].split("</section>")[0]
    assert "Maatwerk-interventies" in saved and "€ 30.000" in saved
    assert "Kwartiermaker" not in saved
    # ... and what this user typed is still in the form.
    form = html.split('id="compose-form"')[1]
    assert 'value="0,7"' in form and 'value="Kwartiermaker Economisch Collectief"' in form
    assert 'value="12345"' in form
    # Nothing of the refused save is stored: exactly the first one's choices.
    assert stored(ma_nijmegen) == [("maatwerk-interventies", "", Decimal(10), Decimal(30000))]

    # Having seen the new state, saving again is a deliberate choice and goes through.
    again = dict(second, version=version_on(html))
    assert version_on(html) == selectors.choices_version(ma_nijmegen, 2025)
    assert admin.post(compose_url(ma_nijmegen), again).status_code == 302
    assert [row[:2] for row in stored(ma_nijmegen)] == [
        ("participatiecoaching", ""),
        (None, "Kwartiermaker Economisch Collectief"),
    ]


def test_a_change_through_the_api_in_between_is_a_conflict_too(
    client_for, policy_adviser_nijmegen, second_adviser, ma_nijmegen, card
):
    from werkbedrijf.agreements import services

    (choice,) = services.save_choices(
        actor=policy_adviser_nijmegen,
        municipal_agreement=ma_nijmegen,
        year=2025,
        lines=[services.LineInput(service=str(card["maatwerk-interventies"].uuid), quantity=10)],
    )
    client = client_for(second_adviser)
    version = version_on(client.get(compose_url(ma_nijmegen)).content.decode())
    services.update_choice(
        actor=policy_adviser_nijmegen,
        choice=choice,
        line=services.LineInput(service=str(card["maatwerk-interventies"].uuid), quantity=20),
    )
    data = compose_data(card=[(card["maatwerk-interventies"], "5", "")])
    data["version"] = version
    assert client.post(compose_url(ma_nijmegen), data).status_code == 409
    assert stored(ma_nijmegen) == [("maatwerk-interventies", "", Decimal(20), Decimal(60000))]


def test_composing_another_year_meanwhile_is_no_conflict(
    client_for, policy_adviser_nijmegen, second_adviser, ma_nijmegen, card
):
    one, other = client_for(policy_adviser_nijmegen), client_for(second_adviser)
    version_2025 = version_on(one.get(compose_url(ma_nijmegen, 2025)).content.decode())
    version_2024 = version_on(other.get(compose_url(ma_nijmegen, 2024)).content.decode())
    data_2024 = compose_data(card=[(card["zorgjongeren"], "10", "")])
    data_2024["version"] = version_2024
    assert other.post(compose_url(ma_nijmegen, 2024), data_2024).status_code == 302
    data_2025 = compose_data(card=[(card["maatwerk-interventies"], "10", "")])
    data_2025["version"] = version_2025
    assert one.post(compose_url(ma_nijmegen, 2025), data_2025).status_code == 302
    assert len(stored(ma_nijmegen, 2024)) == len(stored(ma_nijmegen, 2025)) == 1


# --- the mid-term change, the signature and an acceptance ----------------------------------------


@pytest.fixture
def adopted(draft_dvo, ma_nijmegen, card):
    LocalChoice.objects.create(
        municipal_agreement=ma_nijmegen,
        year=2025,
        service=card["participatiecoaching"],
        quantity=1,
        agreed_amount=85000,
    )
    draft_dvo.status = AgreementStatus.ADOPTED
    draft_dvo.adopted_on = date(2024, 6, 20)
    draft_dvo.save()
    return draft_dvo


def _pdf(name):
    return SimpleUploadedFile(name, b"%PDF-1.4 " + name.encode(), "application/pdf")


def _change(card, quantity, version, effective_from):
    data = compose_data(card=[(card["participatiecoaching"], quantity, "")])
    data.update(
        version=version,
        effective_from=effective_from,
        reason="Andere vraag",
        municipality_consent_on="2025-06-01",
        municipality_consent_document=_pdf("gemeente.pdf"),
        board_consent_on="2025-06-15",
        board_consent_document=_pdf("db.pdf"),
    )
    return data


def test_a_midterm_change_on_top_of_one_recorded_meanwhile_is_refused(
    client_for, dvo_admin, make_user, werkbedrijf_org, adopted, ma_nijmegen, card
):
    url = reverse("agreements:midterm_change", kwargs={"uuid": ma_nijmegen.uuid, "year": 2025})
    one, other = client_for(dvo_admin), client_for(make_user(Role.DVO_ADMIN, werkbedrijf_org))
    version = version_on(one.get(url).content.decode())
    assert version == version_on(other.get(url).content.decode())

    assert one.post(url, _change(card, "0,5", version, "2025-07-01")).status_code == 302
    refused = other.post(url, _change(card, "2", version, "2025-09-01"))

    assert refused.status_code == 409
    html = refused.content.decode()
    assert escape("Uw tussentijdse wijziging is niet vastgelegd.") in html
    assert 'value="2"' in html.split('id="compose-form"')[1]
    assert ChoiceChange.objects.filter(municipal_agreement=ma_nijmegen).count() == 1
    assert list(
        LocalChoice.objects.filter(
            municipal_agreement=ma_nijmegen, valid_until__isnull=True
        ).values_list("quantity", flat=True)
    ) == [Decimal("0.5")]


def test_a_signature_recorded_meanwhile_is_not_overwritten(
    client_for, dvo_admin, make_user, werkbedrijf_org, adopted, ma_nijmegen
):
    url = reverse("agreements:record_signature", kwargs={"uuid": ma_nijmegen.uuid})
    page = reverse("agreements:municipal_agreement", kwargs={"uuid": ma_nijmegen.uuid})
    one, other = client_for(dvo_admin), client_for(make_user(Role.DVO_ADMIN, werkbedrijf_org))
    (version,) = re.findall(r'name="version" value="(\d+)"', one.get(page).content.decode())

    first = {"version": version, "signed_on": "2024-07-01", "signed_by": "J. de Burgemeester"}
    assert one.post(url, first).status_code == 302
    second = {"version": version, "signed_on": "2024-07-03", "signed_by": "A. Wethouder"}
    refused = other.post(url, second)

    assert refused.status_code == 409
    html = refused.content.decode()
    assert escape("Uw gegevens van de ondertekening zijn niet opgeslagen.") in html
    assert 'value="A. Wethouder"' in html  # what was typed stays
    ma_nijmegen.refresh_from_db()
    assert (ma_nijmegen.signed_on, ma_nijmegen.signed_by) == (
        date(2024, 7, 1),
        "J. de Burgemeester",
    )
    (newer,) = re.findall(r'name="version" value="(\d+)"', html)
    assert int(newer) == ma_nijmegen.lock_version
    assert other.post(url, dict(second, version=newer)).status_code == 302  # deliberately again
    ma_nijmegen.refresh_from_db()
    assert ma_nijmegen.signed_by == "A. Wethouder"


def test_a_deviation_accepted_meanwhile_keeps_the_first_reason(
    client_for, dvo_admin, make_user, werkbedrijf_org, draft_dvo, ma_nijmegen, card
):
    one, other = client_for(dvo_admin), client_for(make_user(Role.DVO_ADMIN, werkbedrijf_org))
    data = compose_data(card=[(card["maatwerk-interventies"], "40", "")])
    assert one.post(compose_url(ma_nijmegen), data).status_code == 302
    (overrun,) = selectors.check_municipal_year(ma_nijmegen, 2025).unaccepted
    url = reverse("agreements:accept_deviation", kwargs={"uuid": ma_nijmegen.uuid, "year": 2025})

    assert one.post(url, {"finding_key": overrun.key, "reason": "Besluit DB"}).status_code == 302
    refused = other.post(url, {"finding_key": overrun.key, "reason": "Mijn reden"}, follow=True)

    html = refused.content.decode()
    assert escape("Iemand anders heeft deze afwijking geaccepteerd nadat u de pagina opende.") in (
        html
    )
    assert "Mijn reden" in html  # the refused reason is not lost from the screen
    (acceptance,) = DeviationAcceptance.objects.filter(municipal_agreement=ma_nijmegen)
    assert acceptance.reason == "Besluit DB"
