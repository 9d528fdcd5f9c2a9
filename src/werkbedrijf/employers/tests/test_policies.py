"""The pure rules of employer services: what contacts and events deliver of item 6, and the dates
of a contact moment and an event."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from werkbedrijf.employers import policies

counts = st.integers(min_value=0, max_value=100_000)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(counts, counts)
def test_twenty_contacts_weigh_as_much_as_one_event(contacts, events):
    units = policies.market_units_delivered("contacts_or_event", contacts, events)
    assert units == Decimal(contacts) / 20 + events
    more = policies.market_units_delivered("contacts_or_event", contacts + 20, events)
    assert more == policies.market_units_delivered("contacts_or_event", contacts, events + 1)


@given(counts, counts)
def test_a_service_counted_in_contacts_ignores_events_and_the_reverse(contacts, events):
    assert policies.market_units_delivered("contacts", contacts, events) == contacts
    assert policies.market_units_delivered("event", contacts, events) == events
    assert policies.market_units_delivered("candidates", contacts, events) == 0


@given(days, days, days)
def test_a_contact_is_refused_exactly_when_its_dates_are_wrong(contact_on, follow_up_on, today):
    errors = policies.contact_date_errors(contact_on, follow_up_on, today)
    assert ("contact_on" in errors) == (contact_on > today)
    assert ("follow_up_on" in errors) == (follow_up_on < contact_on)


@given(days, st.integers(min_value=-400, max_value=400))
def test_only_an_event_whose_day_has_come_can_be_held(today, offset):
    held_on = today + timedelta(days=offset)
    assert ("status" in policies.event_date_errors(held_on, "held", today)) == (offset > 0)
    assert policies.event_date_errors(held_on, "planned", today) == {}


def test_postcodes():
    assert policies.normalise_postcode(" 6511 pp ") == "6511PP"
    assert policies.is_valid_postcode("6511PP")
    assert not policies.is_valid_postcode("0511PP")
    assert not policies.is_valid_postcode("6511P")
