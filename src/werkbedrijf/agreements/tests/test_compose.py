"""The compose screen: rows per card service, the live budget meter, all-or-nothing saving."""

from decimal import Decimal

import pytest
from django.utils import translation

from werkbedrijf.agreements.models import LocalChoice

from .conftest import compose_data, compose_url, meter_url

pytestmark = pytest.mark.django_db


def _message(msgid, **values):
    with translation.override("nl"):
        return translation.gettext(msgid) % values


def test_compose_page_shows_a_row_per_card_service_available_that_year(
    client_for, policy_adviser_nijmegen, ma_nijmegen, card
):
    page = client_for(policy_adviser_nijmegen).get(compose_url(ma_nijmegen, 2025))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="compose-form"' in html
    assert "Maatwerk-interventies" in html
    assert "Participatiecoaching" in html
    # Zorgjongeren was on the card in 2024 only.
    assert 'data-service="zorgjongeren"' not in html
    assert 'step="0.1"' in html  # participatiecoaching is bought in parts of an fte
    assert 'aria-live="polite"' in html


def test_compose_page_for_2024_offers_zorgjongeren(
    client_for, policy_adviser_nijmegen, ma_nijmegen
):
    page = client_for(policy_adviser_nijmegen).get(compose_url(ma_nijmegen, 2024))
    assert 'data-service="zorgjongeren"' in page.content.decode()


def test_saving_stores_the_choices_with_the_card_value_as_default_amount(
    client_for, policy_adviser_nijmegen, ma_nijmegen, card
):
    data = compose_data(
        card=[
            (card["maatwerk-interventies"], "18", ""),
            (card["participatiecoaching"], "0,4", "30000"),
        ],
        extra=[("Kwartiermaker Economisch Collectief", "jaar", "", "5000")],
    )
    response = client_for(policy_adviser_nijmegen).post(compose_url(ma_nijmegen), data)
    assert response.status_code == 302
    saved = {c.label: c for c in LocalChoice.objects.filter(municipal_agreement=ma_nijmegen)}
    assert saved["Maatwerk-interventies"].agreed_amount == Decimal("54000")
    assert saved["Participatiecoaching"].quantity == Decimal("0.4")
    assert saved["Participatiecoaching"].agreed_amount == Decimal("30000")
    assert saved["Kwartiermaker Economisch Collectief"].service is None


def test_saved_choices_come_back_in_the_form(
    client_for, policy_adviser_nijmegen, ma_nijmegen, card
):
    client = client_for(policy_adviser_nijmegen)
    data = compose_data(card=[(card["maatwerk-interventies"], "18", "60000")])
    client.post(compose_url(ma_nijmegen), data)
    html = client.get(compose_url(ma_nijmegen)).content.decode()
    assert 'value="18"' in html
    assert 'value="60000"' in html
    assert "€ 54.000" in html  # the card value beside the deviating agreed amount


@pytest.mark.parametrize(
    ("quantity", "amount", "field"),
    [
        ("1.5", "", "quantity"),  # maatwerk-interventies are bought per whole candidate
        ("-10", "", "quantity"),
        ("0", "", "quantity"),
        ("10", "30000.125", "agreed_amount"),
        ("tien", "", "quantity"),
    ],
    ids=["fraction", "negative", "zero", "three-decimals", "not-a-number"],
)
def test_a_wrong_row_is_refused_and_nothing_is_saved(
    client_for, policy_adviser_nijmegen, ma_nijmegen, card, quantity, amount, field
):
    client = client_for(policy_adviser_nijmegen)
    client.post(
        compose_url(ma_nijmegen), compose_data(card=[(card["participatiecoaching"], "1", "")])
    )
    before = list(
        LocalChoice.objects.filter(municipal_agreement=ma_nijmegen).values_list(
            "quantity", "agreed_amount"
        )
    )

    data = compose_data(
        card=[
            (card["participatiecoaching"], "0,5", ""),  # a good row ...
            (card["maatwerk-interventies"], quantity, amount),  # ... and a wrong one
        ]
    )
    response = client.post(compose_url(ma_nijmegen), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert f'id="id_card-1-{field}-error"' in html
    assert f'href="#id_card-1-{field}"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="0,5"' in html  # what was typed stays in the form
    after = list(
        LocalChoice.objects.filter(municipal_agreement=ma_nijmegen).values_list(
            "quantity", "agreed_amount"
        )
    )
    assert after == before


def test_fraction_error_says_which_service_and_why(
    client_for, policy_adviser_nijmegen, ma_nijmegen, card
):
    data = compose_data(card=[(card["maatwerk-interventies"], "1.5", "")])
    html = client_for(policy_adviser_nijmegen).post(compose_url(ma_nijmegen), data).content.decode()
    expected = _message(
        "%(label)s: only whole numbers of %(unit)s can be bought, not %(quantity)s.",
        label="Maatwerk-interventies",
        unit="kandidaten",
        quantity="1,5",
    )
    assert expected in html
    assert f"Maatwerk-interventies: {expected}" not in html  # the summary names it once


def test_a_service_not_on_the_card_needs_an_amount(
    client_for, policy_adviser_nijmegen, ma_nijmegen
):
    data = compose_data(extra=[("Vrij budget", "", "", "")])
    response = client_for(policy_adviser_nijmegen).post(compose_url(ma_nijmegen), data)
    assert response.status_code == 400
    assert 'id="id_extra-0-agreed_amount-error"' in response.content.decode()
    assert not LocalChoice.objects.filter(municipal_agreement=ma_nijmegen).exists()


def test_meter_reports_over_budget_with_the_difference(
    client_for, policy_adviser_nijmegen, ma_nijmegen, card
):
    # 40 candidates at € 30.000 per 10 = € 120.000 against a budget of € 100.000.
    data = compose_data(card=[(card["maatwerk-interventies"], "40", "")])
    response = client_for(policy_adviser_nijmegen).post(meter_url(ma_nijmegen), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-state="over"' in html
    assert 'data-message="over"' in html
    assert _message("The choices exceed the budget by %(diff)s.", diff="€ 20.000") in html
    assert "€ 120.000" in html
    # The card value of the row is swapped in beside the input.
    assert 'id="card-value-card-0" hx-swap-oob="true">€ 120.000<' in html
    assert not LocalChoice.objects.exists()  # the meter saves nothing


def test_meter_within_budget(client_for, policy_adviser_nijmegen, ma_nijmegen, card):
    data = compose_data(card=[(card["participatiecoaching"], "0,5", "")])
    html = client_for(policy_adviser_nijmegen).post(meter_url(ma_nijmegen), data).content.decode()
    assert 'data-state="within"' in html
    assert 'data-message="over"' not in html
    assert "€ 42.500" in html


def test_meter_leaves_out_unreadable_rows_and_says_so(
    client_for, policy_adviser_nijmegen, ma_nijmegen, card
):
    data = compose_data(
        card=[(card["maatwerk-interventies"], "abc", ""), (card["participatiecoaching"], "2", "")]
    )
    html = client_for(policy_adviser_nijmegen).post(meter_url(ma_nijmegen), data).content.decode()
    assert 'data-state="over"' in html  # 2 fte = € 170.000
    assert _message("Enter a number.") in html


def test_meter_shows_the_errors_of_the_check(
    client_for, policy_adviser_nijmegen, ma_nijmegen, card
):
    data = compose_data(card=[(card["zorgjongeren"], "10", "")])
    html = client_for(policy_adviser_nijmegen).post(meter_url(ma_nijmegen), data).content.decode()
    assert (
        _message(
            "%(label)s is not available on the keuzekaart in %(year)s.",
            label="Zorgjongeren",
            year=2025,
        )
        in html
    )


def test_previous_year_is_shown_beside_the_second_year(
    client_for, policy_adviser_nijmegen, ma_nijmegen, card
):
    client = client_for(policy_adviser_nijmegen)
    client.post(
        compose_url(ma_nijmegen, 2024),
        compose_data(card=[(card["zorgjongeren"], "10", "")]),
    )
    html = client.get(compose_url(ma_nijmegen, 2025)).content.decode()
    assert 'id="previous-heading"' in html
    assert "Zorgjongeren" in html
    html_2024 = client.get(compose_url(ma_nijmegen, 2024)).content.decode()
    assert 'id="previous-heading"' not in html_2024


def test_dvo_admin_may_compose_for_a_municipality(client_for, dvo_admin, ma_wijchen, card):
    data = compose_data(card=[(card["participatiecoaching"], "0,2", "")])
    response = client_for(dvo_admin).post(compose_url(ma_wijchen), data)
    assert response.status_code == 302
    assert LocalChoice.objects.filter(municipal_agreement=ma_wijchen).count() == 1


def test_werkbedrijf_consultant_reads_but_cannot_save(client_for, consultant, ma_nijmegen, card):
    client = client_for(consultant)
    page = client.get(compose_url(ma_nijmegen))
    assert page.status_code == 200
    assert 'id="compose-form"' not in page.content.decode()
    response = client.post(
        compose_url(ma_nijmegen), compose_data(card=[(card["participatiecoaching"], "1", "")])
    )
    assert response.status_code == 403
    assert not LocalChoice.objects.exists()


def test_another_municipality_gets_not_found(client_for, policy_adviser_wijchen, ma_nijmegen, card):
    client = client_for(policy_adviser_wijchen)
    assert client.get(compose_url(ma_nijmegen)).status_code == 404
    data = compose_data(card=[(card["participatiecoaching"], "1", "")])
    assert client.post(compose_url(ma_nijmegen), data).status_code == 404
    assert client.post(meter_url(ma_nijmegen), data).status_code == 404
    assert not LocalChoice.objects.exists()


def test_a_year_outside_the_agreement_is_not_found(
    client_for, policy_adviser_nijmegen, ma_nijmegen
):
    assert (
        client_for(policy_adviser_nijmegen).get(compose_url(ma_nijmegen, 2027)).status_code == 404
    )
