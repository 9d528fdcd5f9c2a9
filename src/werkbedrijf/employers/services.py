"""What users do with employers: register one, add a location, name the account manager, record a
contact moment, an event or a wish. One transaction each; access first; bad input raises one
ValidationError naming every bad field."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.organisations.models import OrganisationKind
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import EMPLOYER_SERVICES, REINTEGRATION, log_processing

from . import policies, selectors
from .models import (
    ContactKind,
    ContactMoment,
    Employer,
    EmployerEvent,
    EmployerLocation,
    EmployerWish,
    EventKind,
    EventStatus,
    SizeClass,
    WishKind,
    WishStatus,
)


@transaction.atomic
def register_employer(
    *, actor, name: str, kvk_number: str, sector_group: str, **fields
) -> Employer:
    if not policy.can_manage_employers(actor):
        raise AccessDenied
    kvk_number = (kvk_number or "").replace(" ", "")
    errors = {}
    if not policies.is_valid_kvk(kvk_number):
        errors["kvk_number"] = [_("A KvK number has eight digits.")]
    elif Employer.objects.filter(kvk_number=kvk_number).exists():
        errors["kvk_number"] = [_("An employer with this KvK number is already registered.")]
    if not (name or "").strip():
        errors["name"] = [_("Enter the employer's name.")]
    if errors:
        raise ValidationError(errors, code="invalid_employer")
    employer = Employer(
        name=name.strip(), kvk_number=kvk_number, sector_group=sector_group, **fields
    )
    employer.full_clean()
    employer.save()
    selectors.log_employer_contacts(actor, [employer], action=Action.CREATE)
    return employer


def _is_municipality(organisation) -> bool:
    kind = organisation.kind if organisation is not None else None
    return kind == OrganisationKind.MUNICIPALITY  # not an access rule: where a contact counts


def _is_consultant(user) -> bool:
    from werkbedrijf.accounts.selectors import werkbedrijf_consultants

    return user is not None and werkbedrijf_consultants().filter(pk=user.pk).exists()


def _choice_error(value, choices, message) -> list[str] | None:
    return None if value in choices.values else [message]


def _raise(errors: dict, code: str) -> None:
    errors = {field: msgs if isinstance(msgs, list) else [msgs] for field, msgs in errors.items()}
    errors = {field: msgs for field, msgs in errors.items() if msgs and msgs != [None]}
    if errors:
        raise ValidationError(errors, code=code)


@transaction.atomic
def update_employer_profile(
    *, actor, employer: Employer, size_class: str = "", account_manager=None
) -> Employer:
    """The employer's size and its account manager (a consultant bedrijfsdienstverlening)."""
    if not policy.can_record_employer_services(actor):
        raise AccessDenied
    errors = {}
    if size_class and size_class not in SizeClass.values:
        errors["size_class"] = _("Choose a size from the list.")
    if account_manager is not None and not _is_consultant(account_manager):
        errors["account_manager"] = _("The account manager is an active consultant of WerkBedrijf.")
    _raise(errors, "invalid_employer_profile")
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    employer.size_class = size_class
    employer.account_manager = account_manager
    employer.save(update_fields=["size_class", "account_manager"])
    return employer


@transaction.atomic
def add_location(
    *,
    actor,
    employer: Employer,
    street: str,
    house_number: str,
    postcode: str,
    city: str,
    municipality,
    name: str = "",
) -> EmployerLocation:
    if not policy.can_record_employer_services(actor):
        raise AccessDenied
    postcode = policies.normalise_postcode(postcode)
    errors = {}
    if not (street or "").strip():
        errors["street"] = _("Enter the street.")
    if not (house_number or "").strip():
        errors["house_number"] = _("Enter the house number.")
    if not policies.is_valid_postcode(postcode):
        errors["postcode"] = _("Enter a Dutch postcode such as 6511 PP.")
    if not (city or "").strip():
        errors["city"] = _("Enter the place.")
    if not _is_municipality(municipality):
        errors["municipality"] = _("Choose the municipality the location lies in.")
    _raise(errors, "invalid_location")
    location = EmployerLocation.objects.create(
        employer=employer,
        name=(name or "").strip(),
        street=street.strip(),
        house_number=house_number.strip(),
        postcode=postcode,
        city=city.strip(),
        municipality=municipality,
    )
    return location


@transaction.atomic
def record_contact(
    *,
    actor,
    employer: Employer,
    kind: str,
    contact_on: date | None,
    subject: str,
    municipality=None,
    location: EmployerLocation | None = None,
    contact_person: str = "",
    follow_up_on: date | None = None,
    consultant=None,
    today: date | None = None,
) -> ContactMoment:
    """A visit, call or meeting with an employer. The municipality is where it counts (item 6 of
    the keuzekaart): the location's municipality when none is given. The consultant is the actor
    unless another consultant is named."""
    if not policy.can_record_employer_services(actor):
        raise AccessDenied
    today = today or timezone.localdate()
    consultant = consultant or actor
    if municipality is None and location is not None:
        municipality = location.municipality
    errors: dict = {}
    errors["kind"] = _choice_error(kind, ContactKind, _("Choose a visit, a call or a meeting."))
    for field, message in policies.contact_date_errors(contact_on, follow_up_on, today).items():
        errors[field] = [message]
    if not (subject or "").strip():
        errors["subject"] = [_("Describe what the contact was about.")]
    if not _is_municipality(municipality):
        errors["municipality"] = [_("Choose the municipality where the contact counts.")]
    if location is not None and location.employer_id != employer.pk:
        errors["location"] = [_("This location is not one of this employer's.")]
    if not policy.can_record_employer_services(consultant):
        errors["consultant"] = [
            _("The contact is made by a consultant or team manager of WerkBedrijf.")
        ]
    _raise(errors, "invalid_contact")
    assert contact_on is not None  # refused above
    contact = ContactMoment.objects.create(
        employer=employer,
        location=location,
        kind=kind,
        contact_on=contact_on,
        contact_person=(contact_person or "").strip(),
        subject=subject.strip(),
        follow_up_on=follow_up_on,
        consultant=consultant,
        municipality=municipality,
    )
    if contact.contact_person:
        log_processing(
            actor=actor,
            action=Action.CREATE,
            record_type="employer contact person",
            records=[contact],
            purpose=EMPLOYER_SERVICES,
        )
    return contact


def _event_errors(kind, title, held_on, place, municipality, status, today) -> dict:
    errors: dict = {}
    errors["kind"] = _choice_error(
        kind, EventKind, _("Choose a job market, a company visit or speed dates.")
    )
    errors["status"] = _choice_error(status, EventStatus, _("Choose a status from the list."))
    if not (title or "").strip():
        errors["title"] = [_("Enter the title of the event.")]
    if not (place or "").strip():
        errors["place"] = [_("Enter where the event takes place.")]
    if not _is_municipality(municipality):
        errors["municipality"] = [
            _("Choose the municipality of the event: an event counts for one municipality.")
        ]
    for field, message in policies.event_date_errors(held_on, status, today).items():
        errors[field] = (errors.get(field) or []) + [message]
    return errors


@transaction.atomic
def record_event(
    *,
    actor,
    kind: str,
    title: str,
    held_on: date | None,
    place: str,
    municipality,
    status: str = EventStatus.PLANNED,
    employers=(),
    candidates=(),
    today: date | None = None,
) -> EmployerEvent:
    """A job market, company visit or speed dates, with the employers and candidates taking part.
    Candidates are added only when the actor may see them; their taking part is logged."""
    if not policy.can_record_employer_services(actor):
        raise AccessDenied
    today = today or timezone.localdate()
    errors = _event_errors(kind, title, held_on, place, municipality, status, today)
    errors.update(_participant_errors(actor, candidates))
    _raise(errors, "invalid_event")
    assert held_on is not None  # refused above
    event = EmployerEvent.objects.create(
        kind=kind,
        title=title.strip(),
        held_on=held_on,
        place=place.strip(),
        municipality=municipality,
        status=status,
        organiser=actor,
    )
    _add_participants(actor, event, employers, candidates)
    return event


def _participant_errors(actor, candidates) -> dict:
    if any(not policy.can_view_candidate(actor, c) for c in candidates):
        return {"candidates": [_("One of the candidates is not in your caseload.")]}
    return {}


def _add_participants(actor, event, employers, candidates) -> None:
    if employers:
        event.employers.add(*employers)
    if candidates:
        event.candidates.add(*candidates)
        log_processing(
            actor=actor,
            action=Action.UPDATE,
            record_type="candidate taking part in an event",
            records=list(candidates),
            purpose=REINTEGRATION,
        )


@transaction.atomic
def update_event(
    *, actor, event: EmployerEvent, status: str, employers=(), candidates=(), today=None
) -> EmployerEvent:
    """A planned event is held or cancelled; employers and candidates join it."""
    if not policy.can_record_employer_services(actor):
        raise AccessDenied
    today = today or timezone.localdate()
    event = EmployerEvent.objects.select_for_update().get(pk=event.pk)
    errors = _event_errors(
        event.kind, event.title, event.held_on, event.place, event.municipality, status, today
    )
    errors.update(_participant_errors(actor, candidates))
    _raise(errors, "invalid_event")
    event.status = status
    event.save(update_fields=["status"])
    _add_participants(actor, event, employers, candidates)
    return event


@transaction.atomic
def record_wish(
    *,
    actor,
    employer: Employer,
    kind: str,
    description: str,
    places: int | None = 1,
    status: str = WishStatus.OPEN,
    today: date | None = None,
) -> EmployerWish:
    """An employer's wish that creates werkbaar werk: carved jobs, trial or learning places."""
    if not policy.can_record_employer_services(actor):
        raise AccessDenied
    today = today or timezone.localdate()
    errors: dict = {}
    errors["kind"] = _choice_error(
        kind, WishKind, _("Choose job carving, trial places or learning places.")
    )
    errors["status"] = _choice_error(status, WishStatus, _("Choose a status from the list."))
    if not (description or "").strip():
        errors["description"] = [_("Describe the work the employer offers.")]
    if places is None or places < 1:
        errors["places"] = [_("The number of places is at least 1.")]
    _raise(errors, "invalid_wish")
    assert places is not None  # refused above
    return EmployerWish.objects.create(
        employer=employer,
        kind=kind,
        description=description.strip(),
        places=places,
        status=status,
        recorded_on=today,
        status_changed_on=today,
        recorded_by=actor,
    )


@transaction.atomic
def change_wish_status(
    *, actor, wish: EmployerWish, status: str, today: date | None = None
) -> EmployerWish:
    if not policy.can_record_employer_services(actor):
        raise AccessDenied
    today = today or timezone.localdate()
    _raise(
        {"status": _choice_error(status, WishStatus, _("Choose a status from the list."))},
        "invalid_wish",
    )
    wish = EmployerWish.objects.select_for_update().get(pk=wish.pk)
    if wish.status != status:
        wish.status = status
        wish.status_changed_on = max(today, wish.recorded_on)
        wish.save(update_fields=["status", "status_changed_on"])
    return wish
