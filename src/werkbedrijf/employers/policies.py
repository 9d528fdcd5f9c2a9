"""Pure rules about employers: the KvK number, postcodes, the dates of contacts, events and wishes,
and what contacts and events deliver of item 6 of the keuzekaart. No database."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

# Bijlage 2 item 6, "Organiseren events en lokale marktbewerking": one unit is 20 contacts with
# local employers or 1 event. Item 11 of the DVO 2021-2022 counts contacts one by one.
CONTACTS_PER_UNIT = 20
EVENTS_PER_UNIT = 1

# How a keuzekaart service's unit is delivered by contacts and events (agreements.UnitKind values).
MARKET_UNIT_KINDS = ("contacts_or_event", "contacts", "event")

_POSTCODE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")


def is_valid_kvk(number: str) -> bool:
    """A KvK number has eight digits (no check digit since 2016's numbering)."""
    return (
        isinstance(number, str) and len(number) == 8 and number.isdigit() and number != "00000000"
    )


def normalise_postcode(text: str) -> str:
    """ "6541 ab" -> "6541AB"; anything else comes back without spaces, upper case."""
    return "".join((text or "").split()).upper()


def is_valid_postcode(postcode: str) -> bool:
    """A Dutch postcode: four digits not starting with 0, two letters (already normalised)."""
    return bool(_POSTCODE.match(postcode or ""))


def contact_date_errors(
    contact_on: date | None, follow_up_on: date | None, today: date
) -> dict[str, str]:
    """A contact moment is recorded once it happened; its follow-up comes after it. Returns
    {field: message}."""
    errors = {}
    if contact_on is None:
        errors["contact_on"] = _("Enter the date of the contact.")
    elif contact_on > today:
        errors["contact_on"] = _(
            "A contact is recorded after it took place: the date is in the future."
        )
    if contact_on is not None and follow_up_on is not None and follow_up_on < contact_on:
        errors["follow_up_on"] = _("The follow-up date lies before the date of the contact.")
    return errors


def event_date_errors(held_on: date | None, status: str, today: date) -> dict[str, str]:
    """An event is recorded as held only once its day has come."""
    errors = {}
    if held_on is None:
        errors["held_on"] = _("Enter the date of the event.")
    elif status == "held" and held_on > today:
        errors["status"] = _("An event in the future cannot have been held yet.")
    return errors


def market_units_delivered(unit_kind: str, contacts: int, events: int) -> Decimal:
    """Units of a keuzekaart service delivered by ``contacts`` contacts and ``events`` events held:
    item 6 counts 20 contacts or 1 event as one unit (so 30 contacts and 1 event are 2.5 units);
    a service counted in contacts counts each contact, one counted in events each event."""
    if contacts < 0 or events < 0:
        raise ValueError("counts are not negative")
    if unit_kind == "contacts_or_event":
        return Decimal(contacts) / CONTACTS_PER_UNIT + Decimal(events) / EVENTS_PER_UNIT
    if unit_kind == "contacts":
        return Decimal(contacts)
    if unit_kind == "event":
        return Decimal(events)
    return Decimal(0)
