"""The delivery screens: the realisation per quarter with its export, and recording deliveries."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from werkbedrijf.agreements.delivery import services
from werkbedrijf.agreements.delivery.models import HalfDaySession, TeamPresence

URL = reverse("agreements:delivery")
RECORD = reverse("agreements:record_delivery")


@pytest.fixture
def delivered(manager, coach, nijmegen, choice):
    services.record_half_day(
        actor=manager,
        municipality=nijmegen,
        choice=choice("extra-arbeidsbemiddeling-op-locatie"),
        location="Wijkcentrum Dukenburg",
        day=date(2025, 2, 4),
        part_of_day="morning",
        status="held",
    )
    services.record_team_presence(
        actor=manager,
        municipality=nijmegen,
        choice=choice("intensieve-aansluiting-buurtteams"),
        location="Buurtteam Oost",
        worker=coach,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        note="",
    )


def page(client, municipality, year=2025, **extra):
    query = {"municipality": municipality.uuid, "year": year, **extra}
    return client.get(URL, query)


def test_the_manager_sees_delivery_per_quarter_and_the_records(
    client_for, manager, nijmegen, delivered
):
    response = page(client_for(manager), nijmegen)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-delivery data-municipality="GM0268" data-year="2025"' in html
    assert 'data-quarter="1" data-delivered="1"' in html  # the half-day held in February
    assert "Wijkcentrum Dukenburg" in html and "Buurtteam Oost" in html
    assert 'data-record="half_days"' in html


def test_the_policy_adviser_reads_their_own_but_records_nothing(
    client_for, policy_adviser_nijmegen, nijmegen, delivered
):
    client = client_for(policy_adviser_nijmegen)
    html = page(client, nijmegen).content.decode()
    assert "Buurtteam Oost" in html and "data-record=" not in html
    assert client.get(RECORD, {"municipality": nijmegen.uuid, "year": 2025}).status_code == 403


def test_another_municipality_is_not_found(client_for, policy_adviser_wijchen, nijmegen, delivered):
    assert page(client_for(policy_adviser_wijchen), nijmegen).status_code == 404


def test_the_board_sees_the_figures_but_not_who_delivered(
    client_for, board_member, nijmegen, delivered
):
    html = page(client_for(board_member), nijmegen).content.decode()
    assert 'data-quarter="1" data-delivered="1"' in html
    assert "Buurtteam Oost" not in html and "data-half-days" not in html


@pytest.mark.parametrize(("fmt", "content_type"), [("xlsx", "spreadsheetml"), ("csv", "text/csv")])
def test_the_realisation_is_exported(client_for, manager, nijmegen, delivered, fmt, content_type):
    response = page(client_for(manager), nijmegen, format=fmt)
    assert response.status_code == 200
    assert content_type in response["Content-Type"]
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        assert "Extra arbeidsbemiddeling op locatie" in text and ";Q1;" in text


def test_the_records_are_exported_as_csv(client_for, manager, nijmegen, delivered):
    response = page(client_for(manager), nijmegen, format="csv", table=3)
    assert "Buurtteam Oost" in response.content.decode("utf-8-sig")
    assert page(client_for(manager), nijmegen, format="csv", table=9).status_code == 404


def test_recording_a_half_day(client_for, manager, nijmegen, choice, reference_dvo):
    client = client_for(manager)
    query = f"?municipality={nijmegen.uuid}&year=2025&kind=half_days"
    assert client.get(RECORD + query).status_code == 200
    response = client.post(
        RECORD + query,
        {
            "choice": str(choice("extra-arbeidsbemiddeling-op-locatie").uuid),
            "location": "Wijkcentrum Lindenholt",
            "date": "2025-04-08",
            "part_of_day": "afternoon",
            "status": "scheduled",
        },
    )
    assert response.status_code == 302
    session = HalfDaySession.objects.get()
    assert (session.location, session.status) == ("Wijkcentrum Lindenholt", "scheduled")
    # Marked held from the delivery page.
    response = client.post(
        f"{RECORD}?municipality={nijmegen.uuid}&year=2025",
        {"session": str(session.uuid), "status": "held"},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == "held"


def test_a_date_outside_the_agreement_is_refused_in_dutch(
    client_for, manager, nijmegen, choice, reference_dvo
):
    query = f"?municipality={nijmegen.uuid}&year=2024&kind=half_days"
    with translation.override("nl"):
        response = client_for(manager).post(
            RECORD + query,
            {
                "choice": str(choice("extra-arbeidsbemiddeling-op-locatie", 2024).uuid),
                "location": "Wijkcentrum",
                "date": "2024-03-05",
                "part_of_day": "morning",
                "status": "scheduled",
            },
            HTTP_ACCEPT_LANGUAGE="nl",
        )
    assert response.status_code == 400
    assert "valt buiten de periode van de overeenkomst" in response.content.decode()
    assert not HalfDaySession.objects.exists()


def test_a_choice_of_another_municipality_is_not_offered(
    client_for, manager, coach, nijmegen, choice, reference_dvo
):
    query = f"?municipality={nijmegen.uuid}&year=2025&kind=team_presence"
    response = client_for(manager).post(
        RECORD + query,
        {
            "choice": str(choice("intensieve-aansluiting-buurtteams", cbs="GM0296").uuid),
            "location": "Buurtteam",
            "worker": str(coach.uuid),
            "start": "2025-01-01",
        },
    )
    assert response.status_code == 400
    assert not TeamPresence.objects.exists()


def test_the_municipal_agreement_links_to_the_delivery(
    client_for, manager, nijmegen, reference_dvo
):
    from werkbedrijf.agreements.models import MunicipalAgreement

    ma = MunicipalAgreement.objects.get(agreement=reference_dvo, municipality=nijmegen)
    html = client_for(manager).get(reverse("agreements:municipal_agreement", args=[ma.uuid]))
    assert f"{URL}?municipality={nijmegen.uuid}#presence" in html.content.decode()
