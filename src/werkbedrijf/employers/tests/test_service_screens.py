"""The employer's page, the forms that record its contacts, wishes, locations and profile, events
and employer reach: who sees what, and a refused save shown with its message."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from werkbedrijf.employers import services
from werkbedrijf.employers.models import ContactMoment, EmployerEvent, EmployerWish
from werkbedrijf.processing_log.models import ProcessingLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer(consultant):
    return services.register_employer(
        actor=consultant, name="Schoon BV", kvk_number="12345678", sector_group="cleaning"
    )


def test_a_consultant_records_a_contact_and_sees_it_on_the_employer_page(
    client_for, consultant, employer, nijmegen
):
    client = client_for(consultant)
    today = timezone.localdate()
    url = reverse("employers:record_contact", kwargs={"uuid": employer.uuid})
    assert client.get(url).status_code == 200
    refused = client.post(
        url,
        {
            "kind": "visit",
            "contact_on": today.isoformat(),
            "municipality": nijmegen.pk,
            "subject": "Kennismaking",
            "follow_up_on": (today - timedelta(days=1)).isoformat(),
        },
    )
    assert refused.status_code == 400
    assert 'id="id_follow_up_on-error"' in refused.content.decode()
    saved = client.post(
        url,
        {
            "kind": "visit",
            "contact_on": today.isoformat(),
            "municipality": nijmegen.pk,
            "contact_person": "Mevrouw Jansen",
            "subject": "Kennismaking",
        },
    )
    assert saved.status_code == 302
    contact = ContactMoment.objects.get()
    html = client.get(reverse("employers:detail", kwargs={"uuid": employer.uuid})).content.decode()
    assert f'data-contact="{contact.uuid}"' in html and "Mevrouw Jansen" in html
    assert ProcessingLogEntry.objects.filter(
        record_uuid=contact.uuid, action="read", record_type="employer contact person"
    ).exists()


def test_a_policy_adviser_sees_the_employer_but_not_its_contacts(
    client_for, consultant, policy_adviser_nijmegen, employer, nijmegen
):
    services.record_contact(
        actor=consultant,
        employer=employer,
        kind="call",
        contact_on=date(2025, 3, 1),
        subject="Vacatures",
        contact_person="Geheime Naam",
        municipality=nijmegen,
    )
    client = client_for(policy_adviser_nijmegen)
    html = client.get(reverse("employers:detail", kwargs={"uuid": employer.uuid})).content.decode()
    assert "Schoon BV" in html and "Geheime Naam" not in html
    url = reverse("employers:record_contact", kwargs={"uuid": employer.uuid})
    assert client.get(url).status_code == 403
    assert client.get(reverse("employers:events")).status_code == 403


def test_wishes_locations_and_profile_are_recorded_on_their_forms(
    client_for, consultant, employer, wijchen
):
    client = client_for(consultant)
    kwargs = {"uuid": employer.uuid}
    assert (
        client.post(
            reverse("employers:record_wish", kwargs=kwargs),
            {"kind": "trial_place", "description": "Twee proefplaatsen schoonmaak", "places": 2},
        ).status_code
        == 302
    )
    wish = EmployerWish.objects.get()
    assert (
        client.post(
            reverse("employers:wish_status", kwargs={"uuid": wish.uuid}), {"status": "realised"}
        ).status_code
        == 302
    )
    wish.refresh_from_db()
    assert wish.status == "realised"
    assert (
        client.post(
            reverse("employers:add_location", kwargs=kwargs),
            {
                "street": "Markt",
                "house_number": "1",
                "postcode": "6602 AN",
                "city": "Wijchen",
                "municipality": wijchen.pk,
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("employers:edit_profile", kwargs=kwargs),
            {"size_class": "medium", "account_manager": consultant.pk},
        ).status_code
        == 302
    )
    employer.refresh_from_db()
    assert (employer.size_class, employer.account_manager) == ("medium", consultant)
    html = client.get(reverse("employers:detail", kwargs=kwargs)).content.decode()
    assert "6602 AN Wijchen" in html and 'data-status="realised"' in html


def test_an_event_is_registered_held_and_joined_by_an_employer(
    client_for, consultant, employer, nijmegen
):
    client = client_for(consultant)
    today = timezone.localdate()
    no_municipality = client.post(
        reverse("employers:events"),
        {
            "kind": "job_market",
            "title": "Banenmarkt",
            "held_on": today.isoformat(),
            "place": "De Klif",
            "status": "planned",
        },
    )
    assert no_municipality.status_code == 400
    assert 'id="id_municipality-error"' in no_municipality.content.decode()
    created = client.post(
        reverse("employers:events"),
        {
            "kind": "job_market",
            "title": "Banenmarkt",
            "held_on": today.isoformat(),
            "place": "De Klif",
            "municipality": nijmegen.pk,
            "status": "planned",
        },
    )
    event = EmployerEvent.objects.get()
    assert created.status_code == 302
    url = reverse("employers:event", kwargs={"uuid": event.uuid})
    assert client.post(url, {"status": "held", "kvk_number": "1234 5678"}).status_code == 302
    event.refresh_from_db()
    assert event.status == "held" and list(event.employers.all()) == [employer]
    assert 'data-status="held"' in client.get(reverse("employers:events")).content.decode()


def test_reach_for_the_region_and_a_municipality_with_exports(
    client_for, consultant, policy_adviser_nijmegen, employer, nijmegen, wijchen
):
    today = timezone.localdate()
    services.record_contact(
        actor=consultant,
        employer=employer,
        kind="call",
        contact_on=today,
        subject="Vacatures",
        municipality=wijchen,
    )
    html = client_for(consultant).get(reverse("employers:reach")).content.decode()
    assert 'data-sector-group="cleaning" data-reached="1"' in html
    # The policy adviser of Nijmegen sees Nijmegen's reach only: the Wijchen contact is not in it.
    adviser = client_for(policy_adviser_nijmegen)
    html = adviser.get(reverse("employers:reach")).content.decode()
    assert 'data-total data-reached="0"' in html
    other = adviser.get(
        reverse("employers:reach"), {"year": today.year, "municipality": wijchen.uuid}
    )
    assert other.status_code == 404
    csv = client_for(consultant).get(reverse("employers:reach"), {"format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert "Schoonmaak;1;1;1" in csv.content.decode("utf-8-sig")
    xlsx = client_for(consultant).get(reverse("employers:reach"), {"format": "xlsx"})
    assert xlsx.content.startswith(b"PK")


def test_realisation_screen_shows_item_6_contacts_and_events(
    client_for, consultant, reference_dvo, employer
):
    from werkbedrijf.reference_data import organisations as orgs

    berg_en_dal = orgs.municipality("GM1945")
    services.record_contact(
        actor=consultant,
        employer=employer,
        kind="visit",
        contact_on=date(2025, 2, 3),
        subject="Lokale marktbewerking",
        municipality=berg_en_dal,
    )
    html = (
        client_for(consultant)
        .get(reverse("candidates:realisation"), {"municipality": berg_en_dal.uuid, "year": 2025})
        .content.decode()
    )
    start = html.index('data-service="events-en-lokale-marktbewerking"')
    row = html[start : html.index("</tr>", start)]
    assert 'data-delivered="0.05"' in row
    assert 'data-contacts="1"' in row


def test_a_consultant_adds_candidates_of_their_caseload_to_an_event(
    client_for, consultant, make_user, nijmegen
):
    from werkbedrijf.accounts.models import Role
    from werkbedrijf.candidates.services import PersonInput, assign_contact, refer_candidate

    case_manager = make_user(Role.INCOME_CASE_MANAGER, nijmegen)

    def refer(bsn, last_name, contact):
        trajectory = refer_candidate(
            actor=case_manager,
            municipality=nijmegen,
            person=PersonInput(bsn, "Sam", last_name, date(1990, 5, 1)),
            referred_on=date(2026, 1, 5),
        )
        assign_contact(actor=consultant, candidate=trajectory.candidate, contact=contact)
        return trajectory.candidate

    mine = refer("999990019", "Akkerman", consultant)
    theirs = refer("999990032", "Bosman", make_user(Role.CONSULTANT, consultant.organisation))
    event = services.record_event(
        actor=consultant,
        kind="speed_date",
        title="Speeddates",
        held_on=timezone.localdate(),
        place="Wijchen",
        municipality=nijmegen,
        status="planned",
    )
    client = client_for(consultant)
    url = reverse("employers:event", kwargs={"uuid": event.uuid})
    page = client.get(url).content.decode()
    assert f'value="{mine.uuid}"' in page and "Sam Akkerman" in page
    assert f'value="{theirs.uuid}"' not in page  # not in this consultant's caseload
    assert ProcessingLogEntry.objects.filter(record_type="candidate offered for an event").exists()
    # A candidate who is not offered is refused as an invalid choice; nothing is written.
    refused = client.post(url, {"status": "planned", "candidates": [str(theirs.uuid)]})
    assert refused.status_code == 400
    assert not event.candidates.exists()
    assert (
        client.post(url, {"status": "planned", "candidates": [str(mine.uuid)]}).status_code == 302
    )
    assert list(event.candidates.all()) == [mine]
    page = client.get(url).content.decode()
    assert "data-event-candidates" in page and f'value="{mine.uuid}"' not in page
