"""Employer services: locations, contact moments, events and wishes, with their Dutch refusals,
and what contacts and events deliver of item 6 in the realisation of local choices."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import selectors as candidate_selectors
from werkbedrijf.employers import selectors, services
from werkbedrijf.employers.models import ContactMoment, EmployerEvent, EmployerWish
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.reference_data import organisations as orgs

pytestmark = pytest.mark.django_db
TODAY = date(2025, 6, 30)


@pytest.fixture
def employer(consultant):
    return services.register_employer(
        actor=consultant, name="Bakkerij De Waal", kvk_number="12345678", sector_group="cleaning"
    )


@pytest.fixture
def berg_en_dal(region):
    return orgs.municipality("GM1945")


def _contact(actor, employer, municipality, **kwargs):
    data = dict(
        kind="visit",
        contact_on=date(2025, 3, 4),
        subject="Kennismaking, mogelijkheden voor jobcarving",
        municipality=municipality,
        contact_person="Jan de Bakker",
        today=TODAY,
    )
    data.update(kwargs)
    return services.record_contact(actor=actor, employer=employer, **data)


def test_a_contact_is_recorded_and_its_contact_person_logged(consultant, employer, nijmegen):
    contact = _contact(consultant, employer, nijmegen, follow_up_on=date(2025, 4, 1))
    assert contact.consultant == consultant
    assert ProcessingLogEntry.objects.filter(
        record_uuid=contact.uuid, record_type="employer contact person", action="create"
    ).exists()


def test_a_follow_up_before_the_contact_is_refused_in_dutch(consultant, employer, nijmegen):
    from django.utils import translation

    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        _contact(consultant, employer, nijmegen, follow_up_on=date(2025, 3, 1))
    assert "follow_up_on" in caught.value.message_dict
    assert "vervolgdatum" in caught.value.message_dict["follow_up_on"][0].lower()
    assert not ContactMoment.objects.exists()


def test_a_contact_names_every_bad_field_at_once(consultant, employer):
    with pytest.raises(ValidationError) as caught:
        _contact(
            consultant,
            employer,
            None,
            kind="letter",
            subject=" ",
            contact_on=date(2025, 7, 1),  # after TODAY
        )
    assert set(caught.value.message_dict) == {"kind", "subject", "municipality", "contact_on"}


def test_the_database_refuses_a_follow_up_before_the_contact(consultant, employer, nijmegen):
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactMoment.objects.create(
            employer=employer,
            kind="call",
            contact_on=date(2025, 3, 4),
            follow_up_on=date(2025, 3, 3),
            subject="Bellen",
            consultant=consultant,
            municipality=nijmegen,
        )


def test_a_contact_at_a_location_counts_in_its_municipality(consultant, employer, wijchen):
    location = services.add_location(
        actor=consultant,
        employer=employer,
        street="Markt",
        house_number="1",
        postcode="6602 an",
        city="Wijchen",
        municipality=wijchen,
    )
    assert location.postcode == "6602AN"
    contact = _contact(consultant, employer, None, location=location)
    assert contact.municipality == wijchen


def test_a_location_needs_a_dutch_postcode_and_a_municipality(
    consultant, employer, werkbedrijf_org
):
    with pytest.raises(ValidationError) as caught:
        services.add_location(
            actor=consultant,
            employer=employer,
            street="Markt",
            house_number="1",
            postcode="0602 AN",
            city="Wijchen",
            municipality=werkbedrijf_org,
        )
    assert set(caught.value.message_dict) == {"postcode", "municipality"}


def test_a_municipal_user_records_no_contacts(policy_adviser_nijmegen, employer, nijmegen):
    with pytest.raises(AccessDenied):
        _contact(policy_adviser_nijmegen, employer, nijmegen)


def test_an_event_without_municipality_is_refused(consultant, employer):
    with pytest.raises(ValidationError) as caught:
        services.record_event(
            actor=consultant,
            kind="job_market",
            title="Banenmarkt",
            held_on=date(2025, 5, 1),
            place="De Klif",
            municipality=None,
            today=TODAY,
        )
    assert "municipality" in caught.value.message_dict
    assert not EmployerEvent.objects.exists()


def test_an_event_in_the_future_cannot_be_recorded_as_held(consultant, nijmegen):
    with pytest.raises(ValidationError) as caught:
        services.record_event(
            actor=consultant,
            kind="speed_date",
            title="Speeddates",
            held_on=date(2025, 9, 1),
            place="Thermen",
            municipality=nijmegen,
            status="held",
            today=TODAY,
        )
    assert "status" in caught.value.message_dict


def test_an_event_records_its_employers_and_candidates_taking_part(consultant, employer, nijmegen):
    event = services.record_event(
        actor=consultant,
        kind="job_market",
        title="Banenmarkt Dukenburg",
        held_on=date(2025, 5, 1),
        place="Wijkcentrum",
        municipality=nijmegen,
        status="held",
        employers=[employer],
        today=TODAY,
    )
    assert list(selectors.event_employers(consultant, event)) == [employer]
    assert selectors.employer_events(consultant, employer) == [event]


def test_a_wish_is_recorded_with_its_status(consultant, employer):
    wish = services.record_wish(
        actor=consultant,
        employer=employer,
        kind="job_carving",
        description="Inpakwerk losgemaakt van de bakkerstaken",
        places=3,
        today=TODAY,
    )
    assert wish.status == "open"
    wish = services.change_wish_status(
        actor=consultant, wish=wish, status="realised", today=date(2025, 8, 1)
    )
    assert (wish.status, wish.status_changed_on) == ("realised", date(2025, 8, 1))


def test_a_wish_needs_a_place_and_a_known_kind(consultant, employer):
    with pytest.raises(ValidationError) as caught:
        services.record_wish(
            actor=consultant, employer=employer, kind="x", description="", places=0, today=TODAY
        )
    assert set(caught.value.message_dict) == {"kind", "description", "places"}
    assert not EmployerWish.objects.exists()


def test_the_account_manager_is_a_consultant(consultant, employer, policy_adviser_nijmegen):
    services.update_employer_profile(
        actor=consultant, employer=employer, size_class="small", account_manager=consultant
    )
    employer.refresh_from_db()
    assert employer.account_manager == consultant
    with pytest.raises(ValidationError) as caught:
        services.update_employer_profile(
            actor=consultant, employer=employer, account_manager=policy_adviser_nijmegen
        )
    assert "account_manager" in caught.value.message_dict


# --- item 6 in the realisation ------------------------------------------------------------------


def test_a_contact_and_an_event_in_a_municipality_that_bought_item_6_show_in_its_realisation(
    reference_dvo, consultant, employer, berg_en_dal, policy_adviser_nijmegen, make_user
):
    # Berg en Dal bought "Lokale marktbewerking 20 contacten" (item 6, 1 unit) for 2025.
    _contact(consultant, employer, berg_en_dal)
    services.record_event(
        actor=consultant,
        kind="job_market",
        title="Banenmarkt Groesbeek",
        held_on=date(2025, 5, 1),
        place="Groesbeek",
        municipality=berg_en_dal,
        status="held",
        today=TODAY,
    )
    services.record_event(
        actor=consultant,
        kind="speed_date",
        title="Speeddates",
        held_on=date(2025, 10, 1),
        place="Groesbeek",
        municipality=berg_en_dal,
        today=TODAY,
    )
    adviser = make_user(Role.POLICY_ADVISER, berg_en_dal)
    rows = candidate_selectors.realisation(adviser, berg_en_dal, 2025, TODAY)
    row = next(r for r in rows if r.choice.service.code == "events-en-lokale-marktbewerking")
    assert row.bought == Decimal("1.00")
    assert row.delivered == Decimal("1.05")  # 1 contact is 1/20 unit, the event held 1 unit
    assert row.in_progress == Decimal(1)  # the planned speed dates
    assert (row.market.contacts, row.market.events_held, row.market.events_planned) == (1, 1, 1)
    # A contact in another municipality does not count here.
    nijmegen = orgs.municipality("GM0268")
    _contact(consultant, employer, nijmegen)
    rows = candidate_selectors.realisation(adviser, berg_en_dal, 2025, TODAY)
    row = next(r for r in rows if r.choice.service.code == "events-en-lokale-marktbewerking")
    assert row.market.contacts == 1


def test_twenty_contacts_deliver_one_unit():
    from werkbedrijf.employers.policies import market_units_delivered

    assert market_units_delivered("contacts_or_event", 20, 0) == 1
    assert market_units_delivered("contacts_or_event", 30, 1) == Decimal("2.5")
    assert market_units_delivered("contacts", 20, 3) == 20
    assert market_units_delivered("event", 20, 3) == 3
    assert market_units_delivered("candidates", 20, 3) == 0


# --- employer reach ------------------------------------------------------------------------------


def test_reach_counts_unique_employers_per_sector_group(
    consultant, employer, nijmegen, wijchen, policy_adviser_nijmegen, policy_adviser_wijchen
):
    other = services.register_employer(
        actor=consultant, name="Groen BV", kvk_number="87654321", sector_group="grey_green"
    )
    _contact(consultant, employer, nijmegen)
    _contact(consultant, employer, nijmegen, kind="call")
    _contact(consultant, other, wijchen)
    _contact(consultant, other, wijchen, contact_on=date(2024, 3, 1))
    reach = selectors.employer_reach(consultant, 2025)
    by_group = {r.sector_group: r for r in reach.rows}
    assert (by_group["cleaning"].employers_reached, by_group["cleaning"].contacts) == (1, 2)
    assert by_group["grey_green"].employers_reached == 1
    assert (reach.employers_reached, reach.contacts, reach.employers_registered) == (2, 3, 2)
    own = selectors.employer_reach(policy_adviser_nijmegen, 2025, nijmegen)
    assert (own.employers_reached, own.contacts) == (1, 2)
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.employer_reach(policy_adviser_wijchen, 2025, nijmegen)
    with pytest.raises(Http404):
        selectors.employer_reach(policy_adviser_wijchen, 2025)  # the region: not theirs


# --- synthetic data ------------------------------------------------------------------------------


def test_the_synthetic_population_has_employer_contacts_events_and_locations(region):
    from werkbedrijf.candidates import synthetic
    from werkbedrijf.employers.models import EmployerLocation

    result = synthetic.generate_population("demo", seed=7, count=60, today=TODAY)
    employers = synthetic.synthetic_employers()
    assert result.employer_contacts == ContactMoment.objects.filter(employer__in=employers).count()
    assert result.employer_contacts > 0 and result.employer_events > 0
    assert EmployerLocation.objects.filter(employer__in=employers).count() == employers.count()
    # Within the services' rules: no follow-up before its contact, no held event in the future.
    assert not ContactMoment.objects.filter(contact_on__gt=TODAY).exists()
    assert not EmployerEvent.objects.filter(status="held", held_on__gt=TODAY).exists()
    for location in EmployerLocation.objects.select_related("municipality")[:20]:
        assert location.municipality.kind == "municipality"
    synthetic.delete_synthetic_population()
    assert not ContactMoment.objects.exists() and not EmployerEvent.objects.exists()
