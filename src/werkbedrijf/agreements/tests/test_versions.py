"""A DVO administrator sets up a new version on screens: period and parties, a copy of the previous
keuzekaart changed per service, budgets per municipality and year; and every bad input is refused
with a Dutch message while nothing is saved."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.agreements import services
from werkbedrijf.agreements.models import (
    AgreementStatus,
    AgreementVersion,
    Budget,
    CatalogueService,
    MunicipalAgreement,
)

pytestmark = pytest.mark.django_db


def _nl(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


def _new_version(dvo_admin, nijmegen, wijchen, source, **changes):
    data = services.VersionInput(
        title="DVO 2026-2027 nieuw",
        period_start=date(2026, 1, 1),
        period_end=date(2027, 12, 31),
        municipalities=[str(nijmegen.uuid), str(wijchen.uuid)],
        copy_from=source,
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return services.create_version(actor=dvo_admin, data=data)


@pytest.fixture
def adopted_dvo(draft_dvo):
    AgreementVersion.objects.filter(pk=draft_dvo.pk).update(
        status=AgreementStatus.ADOPTED, adopted_on=date(2024, 6, 20)
    )
    draft_dvo.refresh_from_db()
    return draft_dvo


@pytest.fixture
def new_version(dvo_admin, nijmegen, wijchen, adopted_dvo):
    return _new_version(dvo_admin, nijmegen, wijchen, adopted_dvo)


# --- the service ---------------------------------------------------------------------------------


def test_a_new_version_is_a_draft_with_a_copy_of_the_previous_card(new_version, adopted_dvo):
    assert new_version.status == AgreementStatus.DRAFT
    assert set(new_version.municipal_agreements.values_list("municipality__name", flat=True)) == {
        "Nijmegen",
        "Wijchen",
    }
    copied = {s.code: s for s in new_version.catalogue.services.all()}
    original = {s.code: s for s in adopted_dvo.catalogue.services.all()}
    assert set(copied) == set(original)
    assert copied["maatwerk-interventies"].price == Decimal(30000)
    assert copied["maatwerk-interventies"].pk != original["maatwerk-interventies"].pk
    # Zorgjongeren ended in 2024 on the old card; on the new card it is offered again.
    assert original["zorgjongeren"].available_until_year == 2024
    assert copied["zorgjongeren"].available_until_year is None


def test_a_period_overlapping_an_adopted_version_for_the_same_municipality_is_refused(
    dvo_admin, nijmegen, wijchen, adopted_dvo
):
    with pytest.raises(ValidationError) as refused:
        _new_version(dvo_admin, nijmegen, wijchen, adopted_dvo, period_start=date(2025, 7, 1))
    assert refused.value.error_dict["period_start"][0].code == "period_overlaps_adopted"
    assert "DVO ontwerp test" in refused.value.message_dict["period_start"][0]
    assert not AgreementVersion.objects.filter(title="DVO 2026-2027 nieuw").exists()


def test_an_overlapping_period_for_other_municipalities_is_allowed(dvo_admin, region, adopted_dvo):
    from werkbedrijf.reference_data import organisations as orgs

    beuningen = orgs.municipality("GM0209")
    version = services.create_version(
        actor=dvo_admin,
        data=services.VersionInput(
            title="DVO Beuningen",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            municipalities=[str(beuningen.uuid)],
        ),
    )
    assert version.municipal_agreements.get().municipality == beuningen


def test_adopting_a_version_that_overlaps_an_adopted_one_is_refused(
    dvo_admin, nijmegen, wijchen, draft_dvo
):
    other = _new_version(
        dvo_admin, nijmegen, wijchen, draft_dvo, period_start=date(2025, 7, 1)
    )  # allowed: the first one is not adopted yet
    AgreementVersion.objects.filter(pk=draft_dvo.pk).update(
        status=AgreementStatus.ADOPTED, adopted_on=date(2024, 6, 20)
    )
    services.transition_agreement(
        actor=dvo_admin,
        agreement=other,
        target=AgreementStatus.OPINIONS_REQUESTED,
        opinion_deadline=date(2025, 9, 1),
    )
    with pytest.raises(ValidationError) as refused:
        services.transition_agreement(
            actor=dvo_admin,
            agreement=other,
            target=AgreementStatus.ADOPTED,
            decided_on=date(2025, 10, 1),
        )
    assert refused.value.error_dict["status"][0].code == "period_overlaps_adopted"
    other.refresh_from_db()
    assert other.status == AgreementStatus.OPINIONS_REQUESTED


def test_a_policy_adviser_cannot_create_a_version(
    policy_adviser_nijmegen, nijmegen, wijchen, adopted_dvo
):
    with pytest.raises(AccessDenied):
        _new_version(policy_adviser_nijmegen, nijmegen, wijchen, adopted_dvo)


@pytest.mark.parametrize("price", ["0", "-5", "0,00"])
def test_a_price_of_zero_or_less_is_refused_and_nothing_is_saved(dvo_admin, new_version, price):
    services_on_card = list(new_version.catalogue.services.order_by("number"))
    rows = {
        str(services_on_card[0].uuid): services.ServiceInput(
            price="12345", unit_kind="candidates", unit_label="10 kandidaten"
        ),
        str(services_on_card[1].uuid): services.ServiceInput(
            price=price, unit_kind="candidates", unit_label="10 kandidaten"
        ),
    }
    with pytest.raises(ValidationError) as refused:
        services.save_card(actor=dvo_admin, agreement=new_version, rows=rows)
    assert refused.value.error_dict["services.1.price"][0].code == "price_not_positive"
    services_on_card[0].refresh_from_db()
    assert services_on_card[0].price == Decimal(30000)  # the valid row is not saved either


def test_a_unit_without_a_name_is_refused(dvo_admin, new_version):
    service = new_version.catalogue.services.order_by("number").first()
    with pytest.raises(ValidationError) as refused:
        services.update_service(
            actor=dvo_admin,
            service=service,
            data=services.ServiceInput(price="30000", unit_kind="candidates", unit_label="  "),
        )
    assert refused.value.error_dict["unit_label"][0].code == "unit_unnamed"
    service.refresh_from_db()
    assert service.unit_label == "10 kandidaten"


def test_the_database_refuses_a_unit_without_a_name(new_version):
    service = new_version.catalogue.services.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        CatalogueService.objects.filter(pk=service.pk).update(unit_label="")


def test_prices_units_and_availability_are_changed(dvo_admin, new_version):
    service = new_version.catalogue.services.get(code="zorgjongeren")
    services.update_service(
        actor=dvo_admin,
        service=service,
        data=services.ServiceInput(
            price="32500,50",
            unit_kind="trajectories",
            unit_label="per traject",
            quantity_label="trajecten",
            available_from_year="2027",
        ),
    )
    service.refresh_from_db()
    assert service.price == Decimal("32500.50")
    assert (service.unit_kind, service.unit_label, service.quantity_label) == (
        "trajectories",
        "per traject",
        "trajecten",
    )
    assert service.available_from_year == 2027 and not service.is_available_in(2026)


def test_availability_outside_the_period_is_refused(dvo_admin, new_version):
    service = new_version.catalogue.services.first()
    with pytest.raises(ValidationError) as refused:
        services.update_service(
            actor=dvo_admin,
            service=service,
            data=services.ServiceInput(
                price="1", unit_label="x", unit_kind="fte", available_until_year="2030"
            ),
        )
    assert refused.value.error_dict["available_until_year"][0].code == "year_outside_agreement"


def test_an_adopted_card_cannot_be_changed(dvo_admin, adopted_dvo):
    service = adopted_dvo.catalogue.services.first()
    with pytest.raises(AccessDenied):
        services.update_service(
            actor=dvo_admin,
            service=service,
            data=services.ServiceInput(price="1", unit_label="x", unit_kind="fte"),
        )


def test_a_budget_with_the_share_rule_base_and_legacy_obligations(dvo_admin, new_version, nijmegen):
    ma = new_version.municipal_agreements.get(municipality=nijmegen)
    budget = services.save_budget(
        actor=dvo_admin,
        municipal_agreement=ma,
        year=2026,
        data=services.BudgetInput(
            share_percentage="15",
            base_name="Participatiebudget",
            base_amount="2000000",
            legacy_obligations="50000",
        ),
    )
    from werkbedrijf.agreements import selectors

    assert selectors.budget_amount(budget, "eur") == Decimal(250000)


@pytest.mark.parametrize("share", ["100,01", "150", "0", "-3"])
def test_a_share_outside_0_to_100_is_refused_and_nothing_is_saved(
    dvo_admin, new_version, nijmegen, wijchen, share
):
    rows = {
        (str(new_version.municipal_agreements.get(municipality=nijmegen).uuid), 2026): (
            services.BudgetInput(amount="100000")
        ),
        (str(new_version.municipal_agreements.get(municipality=wijchen).uuid), 2026): (
            services.BudgetInput(share_percentage=share, base_amount="100000")
        ),
    }
    with pytest.raises(ValidationError) as refused:
        services.save_budgets(actor=dvo_admin, agreement=new_version, rows=rows)
    assert refused.value.error_dict["budgets.1.share_percentage"][0].code == "share_out_of_range"
    assert not Budget.objects.filter(municipal_agreement__agreement=new_version).exists()


def test_the_database_refuses_a_share_above_100(new_version):
    ma = new_version.municipal_agreements.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Budget.objects.create(municipal_agreement=ma, year=2026, share_percentage=Decimal(101))


def test_an_empty_card_is_started_from_a_copy(dvo_admin, nijmegen, wijchen, adopted_dvo):
    empty = _new_version(
        dvo_admin,
        nijmegen,
        wijchen,
        None,
        period_start=date(2028, 1, 1),
        period_end=date(2029, 12, 31),
    )
    assert not empty.catalogue.services.exists()
    services.copy_catalogue(actor=dvo_admin, agreement=empty, source=adopted_dvo)
    assert empty.catalogue.services.count() == adopted_dvo.catalogue.services.count()
    with pytest.raises(ValidationError) as refused:  # a second copy would double the card
        services.copy_catalogue(actor=dvo_admin, agreement=empty, source=adopted_dvo)
    assert refused.value.error_dict["copy_from"][0].code == "card_not_empty"


# --- the screens ---------------------------------------------------------------------------------


def _card_post(agreement, **overrides):
    data = {"card-INITIAL_FORMS": "0"}
    rows = list(agreement.catalogue.services.order_by("number"))
    data["card-TOTAL_FORMS"] = str(len(rows))
    for i, s in enumerate(rows):
        data.update(
            {
                f"card-{i}-service": str(s.uuid),
                f"card-{i}-price": str(int(s.price)),
                f"card-{i}-unit_kind": s.unit_kind,
                f"card-{i}-unit_label": s.unit_label,
                f"card-{i}-quantity_label": s.quantity_label,
            }
        )
    data.update(overrides)
    return data


def test_the_screens_create_a_version_and_change_its_card(
    client_for, dvo_admin, nijmegen, wijchen, adopted_dvo
):
    client = client_for(dvo_admin)
    listing = client.get(reverse("agreements:agreements")).content.decode()
    assert reverse("agreements:new_agreement") in listing
    form = client.get(reverse("agreements:new_agreement"))
    assert form.status_code == 200
    response = client.post(
        reverse("agreements:new_agreement"),
        {
            "title": "DVO 2026-2027 scherm",
            "period_start": "2026-01-01",
            "period_end": "2027-12-31",
            "municipalities": [str(nijmegen.uuid), str(wijchen.uuid)],
            "copy_from": str(adopted_dvo.uuid),
            "budget_rule": "15% van het Participatiebudget",
        },
    )
    version = AgreementVersion.objects.get(title="DVO 2026-2027 scherm")
    assert response.status_code == 302
    assert response["Location"] == reverse("agreements:edit_catalogue", args=[version.uuid])
    page = client.get(response["Location"]).content.decode()
    assert "Maatwerk-interventies" in page
    data = _card_post(version, **{"card-0-price": "31000", "card-1-withdrawn": "on"})
    saved = client.post(response["Location"], data)
    assert saved.status_code == 302
    codes = set(version.catalogue.services.values_list("code", flat=True))
    assert "zorgjongeren" not in codes
    assert version.catalogue.services.get(code="maatwerk-interventies").price == Decimal(31000)


def test_the_screen_refuses_an_overlapping_period_in_dutch(
    client_for, dvo_admin, nijmegen, adopted_dvo
):
    response = client_for(dvo_admin).post(
        reverse("agreements:new_agreement"),
        {
            "title": "Overlap",
            "period_start": "2025-01-01",
            "period_end": "2026-12-31",
            "municipalities": [str(nijmegen.uuid)],
            "copy_from": str(adopted_dvo.uuid),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "overlapt de vastgestelde DVO ontwerp test" in html
    assert not AgreementVersion.objects.filter(title="Overlap").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("price", "0", "moet meer dan 0 zijn"),
        ("price", "-10", "moet meer dan 0 zijn"),
        ("unit_label", "", "Geef de eenheid van"),
    ],
)
def test_the_card_screen_refuses_bad_input_in_dutch_and_saves_nothing(
    client_for, dvo_admin, new_version, field, value, message
):
    url = reverse("agreements:edit_catalogue", args=[new_version.uuid])
    data = _card_post(new_version, **{"card-0-price": "99999", f"card-1-{field}": value})
    response = client_for(dvo_admin).post(url, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not new_version.catalogue.services.filter(price=Decimal(99999)).exists()


def test_the_budget_screen_saves_and_refuses_a_share_above_100(
    client_for, dvo_admin, new_version, nijmegen
):
    client = client_for(dvo_admin)
    url = reverse("agreements:edit_budgets", args=[new_version.uuid])
    page = client.get(url)
    assert page.status_code == 200
    ma = new_version.municipal_agreements.get(municipality=nijmegen)
    base = {
        "budget-TOTAL_FORMS": "2",
        "budget-INITIAL_FORMS": "0",
        "budget-0-municipal_agreement": str(ma.uuid),
        "budget-0-year": "2026",
        "budget-0-amount": "120000",
        "budget-1-municipal_agreement": str(ma.uuid),
        "budget-1-year": "2027",
        "budget-1-share_percentage": "120",
        "budget-1-base_amount": "1000000",
    }
    refused = client.post(url, base)
    assert refused.status_code == 400
    assert "hoogstens 100" in refused.content.decode()
    assert not Budget.objects.filter(municipal_agreement=ma).exists()
    base["budget-1-share_percentage"] = "15"
    assert client.post(url, base).status_code == 302
    budgets = {b.year: b for b in Budget.objects.filter(municipal_agreement=ma)}
    assert budgets[2026].amount == Decimal(120000)
    assert budgets[2027].share_percentage == Decimal(15)


def test_a_policy_adviser_is_refused_the_setup_screens(
    client_for, policy_adviser_nijmegen, new_version
):
    client = client_for(policy_adviser_nijmegen)
    assert client.get(reverse("agreements:new_agreement")).status_code == 403
    url = reverse("agreements:edit_catalogue", args=[new_version.uuid])
    assert client.get(url).status_code == 403
    assert (
        client.get(reverse("agreements:edit_budgets", args=[new_version.uuid])).status_code == 403
    )


def test_the_adviser_composes_in_the_new_version(
    client_for, dvo_admin, policy_adviser_nijmegen, new_version, nijmegen
):
    ma = MunicipalAgreement.objects.get(agreement=new_version, municipality=nijmegen)
    services.save_budget(
        actor=dvo_admin,
        municipal_agreement=ma,
        year=2026,
        data=services.BudgetInput(amount="100000"),
    )
    service = new_version.catalogue.services.get(code="maatwerk-interventies")
    services.save_choices(
        actor=policy_adviser_nijmegen,
        municipal_agreement=ma,
        year=2026,
        lines=[services.LineInput(service=str(service.uuid), quantity="20")],
    )
    assert ma.choices.get().agreed_amount == Decimal(60000)
    assert _nl("Give the agreement a title.")  # the catalogue is loaded


def test_the_compose_screen_saves_the_kind_of_a_service_not_on_the_card(
    client_for, policy_adviser_nijmegen, draft_dvo, nijmegen
):
    from .conftest import compose_data, compose_url

    ma = MunicipalAgreement.objects.get(agreement=draft_dvo, municipality=nijmegen)
    page = client_for(policy_adviser_nijmegen).get(compose_url(ma)).content.decode()
    assert "Soort dienst" in page and 'value="participation_coaching"' in page
    data = compose_data(extra=[("Kwartiermaker", "jaar", "", "35000")])
    data["extra-0-activity_kind"] = "participation_coaching"
    response = client_for(policy_adviser_nijmegen).post(compose_url(ma), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ma.choices.get(year=2025).activity_kind == "participation_coaching"


def test_the_municipal_agreement_shows_the_kind_of_a_choice_not_on_the_card(
    client_for, dvo_admin, reference_dvo, nijmegen
):
    ma = MunicipalAgreement.objects.get(agreement__title="DVO 2026-2027", municipality=nijmegen)
    page = client_for(dvo_admin).get(reverse("agreements:municipal_agreement", args=[ma.uuid]))
    assert "Soort dienst: Participatiecoaching" in page.content.decode()


def test_an_empty_budget_row_writes_no_budget(dvo_admin, new_version, nijmegen, wijchen):
    rows = {
        (str(new_version.municipal_agreements.get(municipality=nijmegen).uuid), 2026): (
            services.BudgetInput(amount="100000")
        ),
        (str(new_version.municipal_agreements.get(municipality=wijchen).uuid), 2026): (
            services.BudgetInput(amount="", base_name="  ")
        ),
    }
    services.save_budgets(actor=dvo_admin, agreement=new_version, rows=rows)
    assert list(
        Budget.objects.filter(municipal_agreement__agreement=new_version).values_list(
            "municipal_agreement__municipality__name", "amount"
        )
    ) == [("Nijmegen", Decimal(100000))]


def test_a_card_in_points_takes_budgets_in_points(client_for, dvo_admin, reference_dvo):
    from werkbedrijf.reference_data import organisations as orgs

    points_dvo = AgreementVersion.objects.get(title="DVO 2021-2022")
    version = services.create_version(
        actor=dvo_admin,
        data=services.VersionInput(
            title="DVO 2030-2031 punten",
            period_start=date(2030, 1, 1),
            period_end=date(2031, 12, 31),
            municipalities=[str(orgs.municipality("GM0268").uuid)],
            copy_from=points_dvo,
        ),
    )
    assert version.catalogue.price_unit == "points"
    assert version.catalogue.point_classes.count() == points_dvo.catalogue.point_classes.count()
    client = client_for(dvo_admin)
    url = reverse("agreements:edit_budgets", args=[version.uuid])
    assert "Punten (pepers)" in client.get(url).content.decode()
    ma = version.municipal_agreements.get()
    response = client.post(
        url,
        {
            "budget-TOTAL_FORMS": "1",
            "budget-INITIAL_FORMS": "0",
            "budget-0-municipal_agreement": str(ma.uuid),
            "budget-0-year": "2030",
            "budget-0-points": "12",
        },
    )
    assert response.status_code == 302
    assert Budget.objects.get(municipal_agreement=ma, year=2030).points == Decimal(12)
