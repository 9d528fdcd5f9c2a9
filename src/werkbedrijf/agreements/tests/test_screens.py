"""Every screen renders for the roles that use it; scope answers 404, lacking rights 403."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.models import (
    AgreementStatus,
    ChoiceChange,
    DeviationAcceptance,
    LocalChoice,
    Opinion,
)

from .conftest import compose_data, compose_url

pytestmark = pytest.mark.django_db


def _message(msgid, **values):
    with translation.override("nl"):
        return translation.gettext(msgid) % values if values else translation.gettext(msgid)


@pytest.fixture
def income_case_manager(make_user, nijmegen):
    return make_user(Role.INCOME_CASE_MANAGER, nijmegen)


ROLES = [
    "policy_adviser_nijmegen",
    "dvo_admin",
    "consultant",
    "board_member",
    "functional_admin",
    "income_case_manager",
]


@pytest.mark.parametrize("role", ROLES)
def test_home_and_agreement_list_render_for_every_role(request, client_for, draft_dvo, role):
    client = client_for(request.getfixturevalue(role))
    home = client.get(reverse("start:home"))
    assert home.status_code == 200
    assert 'lang="nl"' in home.content.decode()
    listing = client.get(reverse("agreements:agreements"))
    assert listing.status_code == 200
    assert "DVO ontwerp test" in listing.content.decode()
    assert 'data-effective-status="draft"' in listing.content.decode()
    detail = client.get(reverse("agreements:agreement", kwargs={"uuid": draft_dvo.uuid}))
    assert detail.status_code == 200


def test_pages_need_a_login(client, draft_dvo):
    response = client.get(reverse("agreements:agreement", kwargs={"uuid": draft_dvo.uuid}))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_pages_carry_no_inline_script_or_style(client_for, dvo_admin, ma_nijmegen):
    client = client_for(dvo_admin)
    for url in (
        reverse("start:home"),
        reverse("agreements:agreement", kwargs={"uuid": ma_nijmegen.agreement.uuid}),
        reverse("agreements:municipal_agreement", kwargs={"uuid": ma_nijmegen.uuid}),
        compose_url(ma_nijmegen),
    ):
        html = client.get(url).content.decode()
        assert "<script>" not in html and "style=" not in html and "<style" not in html, url
        assert 'src="/static/django_htmx/htmx-2.min.js"' in html


# --- the agreement page ------------------------------------------------------------------


def test_dvo_admin_sees_the_budget_status_of_every_municipality_and_year(
    client_for, dvo_admin, draft_dvo, ma_nijmegen, card
):
    client_for(dvo_admin).post(
        compose_url(ma_nijmegen), compose_data(card=[(card["maatwerk-interventies"], "40", "")])
    )
    html = (
        client_for(dvo_admin)
        .get(reverse("agreements:agreement", kwargs={"uuid": draft_dvo.uuid}))
        .content.decode()
    )
    for cbs in ("GM0268", "GM0296"):
        for year in (2024, 2025):
            assert f'data-municipality="{cbs}" data-year="{year}"' in html
    assert "€ 100.000" in html and "€ 50.000" in html and "€ 120.000" in html
    assert 'data-state="over"' in html
    assert 'data-target-status="opinions_requested"' in html  # may move the cycle on
    assert (
        reverse("agreements:accept_deviation", kwargs={"uuid": ma_nijmegen.uuid, "year": 2025})
        in html
    )


def test_municipal_user_sees_only_its_own_draft_on_the_agreement_page(
    client_for, policy_adviser_wijchen, draft_dvo
):
    html = (
        client_for(policy_adviser_wijchen)
        .get(reverse("agreements:agreement", kwargs={"uuid": draft_dvo.uuid}))
        .content.decode()
    )
    assert 'data-municipality="GM0296"' in html
    assert 'data-municipality="GM0268"' not in html
    assert "data-target-status" not in html  # cannot move the cycle


def test_board_member_sees_no_draft_municipal_agreements(client_for, board_member, draft_dvo):
    html = (
        client_for(board_member)
        .get(reverse("agreements:agreement", kwargs={"uuid": draft_dvo.uuid}))
        .content.decode()
    )
    assert "data-municipality=" not in html


def test_only_a_dvo_admin_may_move_the_cycle(client_for, policy_adviser_nijmegen, draft_dvo):
    response = client_for(policy_adviser_nijmegen).post(
        reverse("agreements:agreement_transition", kwargs={"uuid": draft_dvo.uuid}),
        {"target": "opinions_requested", "opinion_deadline": "2024-05-01"},
    )
    assert response.status_code == 403
    draft_dvo.refresh_from_db()
    assert draft_dvo.status == AgreementStatus.DRAFT


def _transition(client, agreement, **data):
    return client.post(
        reverse("agreements:agreement_transition", kwargs={"uuid": agreement.uuid}), data
    )


def test_adopting_with_an_unaccepted_overrun_is_refused_until_it_is_accepted(
    client_for, dvo_admin, draft_dvo, ma_nijmegen, card
):
    client = client_for(dvo_admin)
    client.post(
        compose_url(ma_nijmegen), compose_data(card=[(card["maatwerk-interventies"], "40", "")])
    )
    response = _transition(
        client, draft_dvo, target="opinions_requested", opinion_deadline="2024-05-01"
    )
    assert response.status_code == 302

    response = _transition(client, draft_dvo, target="adopted", decided_on="2024-06-20")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="transition-errors"' in html
    assert "Nijmegen 2025" in html
    draft_dvo.refresh_from_db()
    assert draft_dvo.status == AgreementStatus.OPINIONS_REQUESTED

    from werkbedrijf.agreements import selectors

    report = selectors.check_municipal_year(ma_nijmegen, 2025)
    (overrun,) = report.unaccepted
    accepted = client.post(
        reverse("agreements:accept_deviation", kwargs={"uuid": ma_nijmegen.uuid, "year": 2025}),
        {"finding_key": overrun.key, "reason": "Besloten in het DB van 20 juni"},
    )
    assert accepted.status_code == 302
    assert DeviationAcceptance.objects.filter(municipal_agreement=ma_nijmegen, year=2025).exists()

    assert (
        _transition(client, draft_dvo, target="adopted", decided_on="2024-06-20").status_code == 302
    )
    draft_dvo.refresh_from_db()
    assert draft_dvo.status == AgreementStatus.ADOPTED
    history = client.get(
        reverse("agreements:agreement", kwargs={"uuid": draft_dvo.uuid})
    ).content.decode()
    assert "20-06-2024" in history


def test_accepting_needs_a_reason(client_for, dvo_admin, draft_dvo, ma_nijmegen, card):
    client = client_for(dvo_admin)
    client.post(
        compose_url(ma_nijmegen), compose_data(card=[(card["maatwerk-interventies"], "40", "")])
    )
    from werkbedrijf.agreements import selectors

    (overrun,) = selectors.check_municipal_year(ma_nijmegen, 2025).unaccepted
    response = client.post(
        reverse("agreements:accept_deviation", kwargs={"uuid": ma_nijmegen.uuid, "year": 2025}),
        {"finding_key": overrun.key, "reason": " "},
        follow=True,
    )
    assert _message("Give the reason for accepting this deviation.") in response.content.decode()
    assert not DeviationAcceptance.objects.exists()


def test_a_policy_adviser_cannot_accept_deviations(
    client_for, policy_adviser_nijmegen, ma_nijmegen
):
    response = client_for(policy_adviser_nijmegen).post(
        reverse("agreements:accept_deviation", kwargs={"uuid": ma_nijmegen.uuid, "year": 2025}),
        {"finding_key": "overrun::20000", "reason": "graag"},
    )
    assert response.status_code == 403


# --- the municipal agreement page ----------------------------------------------------------


def _ma_url(ma):
    return reverse("agreements:municipal_agreement", kwargs={"uuid": ma.uuid})


@pytest.mark.parametrize("role", ["policy_adviser_nijmegen", "dvo_admin", "consultant"])
def test_municipal_page_renders_for_those_who_may_see_the_draft(
    request, client_for, ma_nijmegen, role
):
    response = client_for(request.getfixturevalue(role)).get(_ma_url(ma_nijmegen))
    assert response.status_code == 200
    html = response.content.decode()
    assert "€ 100.000" in html
    assert 'id="year-2024"' in html and 'id="year-2025"' in html


@pytest.mark.parametrize("role", ["policy_adviser_wijchen", "board_member"])
def test_another_municipality_and_the_board_do_not_find_a_draft(
    request, client_for, ma_nijmegen, role
):
    assert client_for(request.getfixturevalue(role)).get(_ma_url(ma_nijmegen)).status_code == 404


def test_municipal_page_shows_choices_findings_and_extra_work(
    client_for, policy_adviser_nijmegen, ma_nijmegen, card
):
    from werkbedrijf.agreements.models import ExtraWork

    ExtraWork.objects.create(
        municipal_agreement=ma_nijmegen, description="Consulent (ex-)gedetineerden", fte="0.8"
    )
    client = client_for(policy_adviser_nijmegen)
    client.post(
        compose_url(ma_nijmegen),
        compose_data(card=[(card["maatwerk-interventies"], "18", "60000")]),
    )
    html = client.get(_ma_url(ma_nijmegen)).content.decode()
    assert (
        "€ 54.000" in html and "€ 60.000" in html and "€ 6.000" in html
    )  # card, agreed, difference
    assert "Consulent (ex-)gedetineerden" in html and "0,8" in html
    assert reverse("agreements:record_opinion", kwargs={"uuid": ma_nijmegen.uuid}) in html


def test_opinion_with_document_is_recorded_and_downloadable_only_within_scope(
    client_for, policy_adviser_nijmegen, policy_adviser_wijchen, ma_nijmegen
):
    client = client_for(policy_adviser_nijmegen)
    document = SimpleUploadedFile("zienswijze.pdf", b"%PDF-1.4 zienswijze", "application/pdf")
    response = client.post(
        reverse("agreements:record_opinion", kwargs={"uuid": ma_nijmegen.uuid}),
        {
            "kind": "college_opinion",
            "text": "Het college stemt in.",
            "received_on": "2024-05-01",
            "document": document,
        },
    )
    assert response.status_code == 302
    opinion = Opinion.objects.get(municipal_agreement=ma_nijmegen)
    url = reverse("agreements:document", kwargs={"kind": "zienswijze", "uuid": opinion.uuid})
    assert url in client.get(_ma_url(ma_nijmegen)).content.decode()
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 zienswijze"
    assert client_for(policy_adviser_wijchen).get(url).status_code == 404


def test_an_opinion_without_text_is_refused(client_for, policy_adviser_nijmegen, ma_nijmegen):
    response = client_for(policy_adviser_nijmegen).post(
        reverse("agreements:record_opinion", kwargs={"uuid": ma_nijmegen.uuid}),
        {"kind": "college_opinion", "text": ""},
    )
    assert response.status_code == 400
    assert not Opinion.objects.exists()


def test_another_municipality_cannot_record_an_opinion(
    client_for, policy_adviser_wijchen, ma_nijmegen
):
    response = client_for(policy_adviser_wijchen).post(
        reverse("agreements:record_opinion", kwargs={"uuid": ma_nijmegen.uuid}),
        {"kind": "college_opinion", "text": "x"},
    )
    assert response.status_code == 404


# --- mid-term change (art. 16.3) -------------------------------------------------------------


@pytest.fixture
def adopted(draft_dvo, ma_nijmegen, card, dvo_admin):
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


def _change_url(ma, year=2025):
    return reverse("agreements:midterm_change", kwargs={"uuid": ma.uuid, "year": year})


def _pdf(name):
    return SimpleUploadedFile(name, b"%PDF-1.4 " + name.encode(), "application/pdf")


def test_dvo_admin_records_a_midterm_change_with_both_consents(
    client_for, dvo_admin, adopted, ma_nijmegen, card
):
    client = client_for(dvo_admin)
    assert client.get(_change_url(ma_nijmegen)).status_code == 200
    data = compose_data(card=[(card["participatiecoaching"], "0,5", "")])
    data.update(
        effective_from="2025-07-01",
        reason="Minder vraag naar participatiecoaching",
        municipality_consent_on="2025-06-01",
        municipality_consent_document=_pdf("gemeente.pdf"),
        board_consent_on="2025-06-15",
        board_consent_document=_pdf("db.pdf"),
    )
    response = client.post(_change_url(ma_nijmegen), data)
    assert response.status_code == 302
    change = ChoiceChange.objects.get(municipal_agreement=ma_nijmegen)
    html = client.get(_ma_url(ma_nijmegen)).content.decode()
    assert "01-07-2025" in html and "30-06-2025" in html  # the new line from, the old one until
    consent_url = reverse(
        "agreements:document", kwargs={"kind": "instemming-db", "uuid": change.uuid}
    )
    assert consent_url in html
    assert client.get(consent_url).status_code == 200


def test_a_midterm_change_without_the_boards_document_saves_nothing(
    client_for, dvo_admin, adopted, ma_nijmegen, card
):
    data = compose_data(card=[(card["participatiecoaching"], "0,5", "")])
    data.update(
        effective_from="2025-07-01",
        reason="Minder vraag",
        municipality_consent_on="2025-06-01",
        municipality_consent_document=_pdf("gemeente.pdf"),
        board_consent_on="2025-06-15",
    )
    response = client_for(dvo_admin).post(_change_url(ma_nijmegen), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_board_consent_document-error"' in html
    assert 'href="#id_board_consent_document"' in html  # the error summary links to the field
    assert not ChoiceChange.objects.exists()
    assert LocalChoice.objects.get(municipal_agreement=ma_nijmegen).valid_until is None


def test_a_policy_adviser_cannot_record_a_midterm_change(
    client_for, policy_adviser_nijmegen, adopted, ma_nijmegen
):
    assert client_for(policy_adviser_nijmegen).get(_change_url(ma_nijmegen)).status_code == 403


def test_an_adopted_agreement_is_public_but_read_only(
    client_for, policy_adviser_wijchen, board_member, adopted, ma_nijmegen, card
):
    for user in (policy_adviser_wijchen, board_member):
        client = client_for(user)
        assert client.get(_ma_url(ma_nijmegen)).status_code == 200
        page = client.get(compose_url(ma_nijmegen))
        assert page.status_code == 200
        assert 'id="compose-form"' not in page.content.decode()
        data = compose_data(card=[(card["participatiecoaching"], "2", "")])
        assert client.post(compose_url(ma_nijmegen), data).status_code == 403
    assert LocalChoice.objects.get(municipal_agreement=ma_nijmegen).quantity == 1
