"""A local choice that is not on the keuzekaart (e.g. a kwartiermaker, or Nijmegen's
participatiecoaches in 2026-2027) declares its kind of service; activities of that kind, and only
those, are charged to it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.models import LocalChoice, MunicipalAgreement
from werkbedrijf.candidates import policies, services
from werkbedrijf.candidates.models import Activity, ActivityKind
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.candidates.tests.forms_on_demand import page_with_forms


def test_a_choice_not_on_the_card_takes_activities_of_its_declared_kind_only():
    def error(kind, declared):
        return policies.charge_error(
            kind=kind,
            service_code="",
            choice_municipality_id=1,
            municipality_id=1,
            declared_kind=declared,
        )

    assert error(ActivityKind.PARTICIPATION_COACHING, "participation_coaching") is None
    assert error(ActivityKind.VERSNELLING, "participation_coaching")
    assert error(ActivityKind.VERSNELLING, "")  # no declared kind: nothing is charged to it
    # Another municipality's choice stays refused whatever it declares.
    assert policies.charge_error(
        kind=ActivityKind.PARTICIPATION_COACHING,
        service_code="",
        choice_municipality_id=2,
        municipality_id=1,
        declared_kind="participation_coaching",
    )


@pytest.fixture
def druten(region):
    from werkbedrijf.reference_data import organisations as orgs

    return orgs.municipality("GM0225")


@pytest.fixture
def kwartiermaker(reference_dvo, druten):
    ma = MunicipalAgreement.objects.get(agreement=reference_dvo, municipality=druten)
    return LocalChoice.objects.create(
        municipal_agreement=ma,
        year=2024,
        position=99,
        custom_name="Kwartiermaker participatie",
        custom_unit="trajecten",
        activity_kind=ActivityKind.PARTICIPATION_COACHING,
        quantity=Decimal(10),
        agreed_amount=Decimal(20000),
    )


@pytest.fixture
def trajectory(reference_dvo, make_user, druten):
    return services.refer_candidate(
        actor=make_user(Role.INCOME_CASE_MANAGER, druten),
        municipality=druten,
        person=PersonInput("999990019", "Jan", "de Vries", date(1985, 3, 3)),
        referred_on=date(2024, 8, 1),
    )


@pytest.mark.django_db
def test_an_activity_of_the_declared_kind_is_charged_to_the_custom_choice(
    trajectory, kwartiermaker, consultant
):
    activity, _warning = services.add_activity(
        actor=consultant,
        trajectory=trajectory,
        kind="participation_coaching",
        start=date(2024, 9, 1),
        charge_to=kwartiermaker,
    )
    assert activity.charged_to == kwartiermaker


@pytest.mark.django_db
def test_an_activity_of_another_kind_is_refused_on_the_custom_choice(
    trajectory, kwartiermaker, consultant
):
    with pytest.raises(ValidationError) as refused:
        services.add_activity(
            actor=consultant,
            trajectory=trajectory,
            kind="versnelling",
            start=date(2024, 9, 1),
            charge_to=kwartiermaker,
        )
    assert list(refused.value.message_dict) == ["charge_to"]
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_nijmegens_participatiecoaches_2026_declare_their_kind(reference_dvo):
    coaches = LocalChoice.objects.get(
        municipal_agreement__agreement__title="DVO 2026-2027",
        municipal_agreement__municipality__cbs_code="GM0268",
        year=2026,
        custom_name="Participatiecoaches",
    )
    assert coaches.activity_kind == ActivityKind.PARTICIPATION_COACHING


@pytest.mark.django_db
def test_the_activity_form_offers_and_charges_the_custom_choice(
    client_for, trajectory, kwartiermaker, consultant
):
    from django.urls import reverse

    client = client_for(consultant)
    url = reverse("candidates:add_activity", kwargs={"uuid": trajectory.uuid})
    page = page_with_forms(
        client, reverse("candidates:candidate", kwargs={"uuid": trajectory.candidate.uuid})
    )
    assert f'value="{kwartiermaker.uuid}"' in page and "Kwartiermaker participatie (2024)" in page
    response = client.post(
        url,
        {
            "activity-kind": "participation_coaching",
            "activity-start": "2024-09-02",
            "activity-charge_to": str(kwartiermaker.uuid),
            "activity-units": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Activity.objects.get().charged_to == kwartiermaker
