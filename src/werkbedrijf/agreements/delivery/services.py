"""Recording what WerkBedrijf delivered of a local choice. Each function is one transaction,
checks access first and refuses, with one ValidationError naming every bad field, a record for a
choice of another municipality, of the wrong kind, or dated where the choice does not hold."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.accounts.models import User
from werkbedrijf.utils import dates

from ..models import ExtraWork, LocalChoice
from ..services.common import invalid, parse_decimal
from . import policies
from .models import (
    KIND_LABELS,
    CoachingAssignment,
    DeliveryNote,
    HalfDaySession,
    HalfDayStatus,
    NoteKind,
    NoteStatus,
    PartOfDay,
    TeamPresence,
)
from .selectors import choice_period, delivery_kind_of, holds_on

MAX_FTE = Decimal(1)


def _d(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def _add(errors: dict, field: str, message: str, code: str) -> None:
    errors.setdefault(field, []).append(invalid(message, code))


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _require(actor, municipality) -> None:
    if municipality is None or not policy.can_record_delivery(actor, municipality):
        raise AccessDenied


def _choice(municipality, ref, kind: str, errors: dict) -> LocalChoice | None:
    """The municipality's choice named by ``ref`` (a choice or its uuid), of the right kind."""
    choice = ref if isinstance(ref, LocalChoice) else None
    if choice is None:
        try:
            choice = LocalChoice.objects.select_related(
                "service", "municipal_agreement__agreement", "municipal_agreement__municipality"
            ).get(uuid=ref)
        except (LocalChoice.DoesNotExist, ValueError, TypeError, ValidationError):
            _add(errors, "choice", _("Choose one of the municipality's local choices."), "unknown")
            return None
    owner = choice.municipal_agreement.municipality
    if owner.pk != municipality.pk:
        _add(
            errors,
            "choice",
            _("This local choice is one of %(owner)s, not of %(municipality)s.")
            % {"owner": owner.name, "municipality": municipality.name},
            "other_municipality",
        )
        return None
    found = delivery_kind_of(choice)
    if found != kind:
        _add(
            errors,
            "choice",
            _("%(choice)s is delivered by %(found)s, not by %(wanted)s.")
            % {
                "choice": choice.label,
                "found": KIND_LABELS[found],
                "wanted": KIND_LABELS[kind],
            },
            "wrong_kind",
        )
        return None
    return choice


def _check_day(choice: LocalChoice, day: date | None, field: str, errors: dict) -> None:
    """A record's date must fall where the choice holds: in its own year within the agreement's
    period and the choice's validity, or in a year it is carried into by tacit extension."""
    if day is None:
        _add(errors, field, _("Enter a date."), "required")
        return
    if holds_on(choice, day):
        return
    start, end = choice_period(choice)
    _add(
        errors,
        field,
        _(
            "%(date)s (quarter %(quarter)s of %(year)s) is outside the period of the agreement for "
            "this choice: %(choice)s of %(agreement)s holds from %(start)s until %(end)s."
        )
        % {
            "date": _d(day),
            "quarter": dates.quarter_of(day),
            "year": day.year,
            "choice": choice.label,
            "agreement": choice.municipal_agreement.agreement.title,
            "start": _d(start),
            "end": _d(end),
        },
        "outside_agreement",
    )


def _check_period(choice, start, end, errors) -> None:
    _check_day(choice, start, "start", errors)
    if end is not None:
        if start is not None and end < start:
            _add(errors, "end", _("The end date lies before the start date."), "end_before_start")
        else:
            _check_day(choice, end, "end", errors)


def _check_held(status: str, day: date | None, today: date | None, errors: dict) -> None:
    if status not in HalfDayStatus.values:
        _add(errors, "status", _("Choose a status."), "invalid_choice")
    elif status == HalfDayStatus.HELD and day is not None and day > (today or localdate()):
        _add(
            errors,
            "status",
            _("A half-day in the future cannot have been held yet."),
            "held_in_future",
        )


def _text(value) -> str:
    return (value or "").strip()


def _worker(ref, field: str, errors: dict) -> User | None:
    person = ref if isinstance(ref, User) else None
    if person is None and ref not in (None, ""):
        try:
            person = User.objects.get(uuid=ref)
        except (User.DoesNotExist, ValueError, TypeError, ValidationError):
            person = None
    if person is None or not policy.can_deliver_local_service(person):
        _add(errors, field, _("Choose a colleague of WerkBedrijf."), "unknown_worker")
        return None
    return person


@transaction.atomic
def record_half_day(
    *,
    actor,
    municipality,
    choice,
    location: str,
    day: date | None,
    part_of_day: str,
    status: str = HalfDayStatus.SCHEDULED,
    note: str = "",
    today: date | None = None,
) -> HalfDaySession:
    """A half-day of extra job mediation on location, scheduled or held."""
    _require(actor, municipality)
    errors: dict = {}
    _check_held(status, day, today, errors)
    choice = _choice(municipality, choice, policies.DeliveryKind.HALF_DAYS, errors)
    location = _text(location)
    if not location:
        _add(errors, "location", _("Enter the location."), "required")
    if part_of_day not in PartOfDay.values:
        _add(errors, "part_of_day", _("Choose morning or afternoon."), "invalid_choice")
    if choice is not None:
        _check_day(choice, day, "date", errors)
        if (
            not errors
            and HalfDaySession.objects.filter(
                choice=choice, location__iexact=location, date=day, part_of_day=part_of_day
            ).exists()
        ):
            _add(
                errors,
                "date",
                _("This half-day at this location is already recorded."),
                "duplicate",
            )
    _raise(errors)
    return HalfDaySession.objects.create(
        choice=choice,
        location=location,
        date=day,
        part_of_day=part_of_day,
        status=status,
        note=_text(note),
        recorded_by=actor,
    )


@transaction.atomic
def set_half_day_status(
    *, actor, session: HalfDaySession, status: str, today: date | None = None
) -> HalfDaySession:
    """Mark a scheduled half-day held or cancelled (or back)."""
    session = HalfDaySession.objects.select_for_update().get(pk=session.pk)
    _require(actor, session.choice.municipal_agreement.municipality)
    errors: dict = {}
    _check_held(status, session.date, today, errors)
    _raise(errors)
    session.status = status
    session.save(update_fields=["status"])
    return session


@transaction.atomic
def record_team_presence(
    *,
    actor,
    municipality,
    choice,
    location: str,
    worker,
    start: date | None,
    end: date | None = None,
    note: str = "",
) -> TeamPresence:
    """A WerkBedrijf worker present at a Buurtteam location from ``start`` (until ``end``)."""
    _require(actor, municipality)
    errors: dict = {}
    choice = _choice(municipality, choice, policies.DeliveryKind.TEAM_PRESENCE, errors)
    location = _text(location)
    if not location:
        _add(errors, "location", _("Enter the team and location."), "required")
    person = _worker(worker, "worker", errors)
    if choice is not None:
        _check_period(choice, start, end, errors)
        if (
            not errors
            and TeamPresence.objects.filter(
                choice=choice, location__iexact=location, worker=person, start=start
            ).exists()
        ):
            _add(errors, "start", _("This presence is already recorded."), "duplicate")
    _raise(errors)
    return TeamPresence.objects.create(
        choice=choice,
        location=location,
        worker=person,
        start=start,
        end=end,
        note=_text(note),
        recorded_by=actor,
    )


def _fte_elsewhere(person, start: date, end: date | None) -> Decimal:
    """The fte the coach already works in assignments overlapping ``start``..``end`` (the most
    at any day is at most their sum; the sum is the safe bound)."""
    overlapping = CoachingAssignment.objects.filter(coach=person).filter(
        Q(end__isnull=True) | Q(end__gte=start)
    )
    if end is not None:
        overlapping = overlapping.filter(start__lte=end)
    return overlapping.aggregate(total=Sum("fte"))["total"] or Decimal(0)


@transaction.atomic
def record_coaching(
    *,
    actor,
    municipality,
    choice,
    coach,
    fte,
    start: date | None,
    end: date | None = None,
    note: str = "",
) -> CoachingAssignment:
    """A participatiecoach working ``fte`` for the choice from ``start`` (until ``end``)."""
    _require(actor, municipality)
    errors: dict = {}
    choice = _choice(municipality, choice, policies.DeliveryKind.COACHING, errors)
    person = _worker(coach, "coach", errors)
    amount = parse_decimal(fte, "fte", errors)
    if amount is None and "fte" not in errors:
        _add(errors, "fte", _("Enter the fte."), "required")
    elif amount is not None and not (Decimal(0) < amount <= MAX_FTE):
        _add(errors, "fte", _("An fte lies above 0 and at most 1."), "fte_out_of_range")
        amount = None
    if choice is not None:
        _check_period(choice, start, end, errors)
    if person is not None and amount is not None and start is not None and not errors:
        # Lock the coach's row: two assignments recorded at once cannot both pass the check.
        User.objects.select_for_update().filter(pk=person.pk).first()
        already = _fte_elsewhere(person, start, end)
        if already + amount > MAX_FTE:
            _add(
                errors,
                "fte",
                _(
                    "%(coach)s already works %(fte)s fte in this period; together more than 1 fte "
                    "is not possible."
                )
                % {"coach": person.display_name, "fte": already},
                "fte_over_full_time",
            )
    _raise(errors)
    return CoachingAssignment.objects.create(
        choice=choice,
        coach=person,
        fte=amount,
        start=start,
        end=end,
        note=_text(note),
        recorded_by=actor,
    )


def _extra_work(municipality, ref, errors) -> ExtraWork | None:
    work = ref if isinstance(ref, ExtraWork) else None
    if work is None:
        try:
            work = ExtraWork.objects.select_related(
                "municipal_agreement__agreement", "municipal_agreement__municipality"
            ).get(uuid=ref)
        except (ExtraWork.DoesNotExist, ValueError, TypeError, ValidationError):
            _add(errors, "extra_work", _("Choose the municipality's meerwerk."), "unknown")
            return None
    owner = work.municipal_agreement.municipality
    if owner.pk != municipality.pk:
        _add(
            errors,
            "extra_work",
            _("This meerwerk is one of %(owner)s, not of %(municipality)s.")
            % {"owner": owner.name, "municipality": municipality.name},
            "other_municipality",
        )
        return None
    return work


def extra_work_period(work: ExtraWork) -> tuple[date, date]:
    agreement = work.municipal_agreement.agreement
    return (
        work.period_start or agreement.period_start,
        work.period_end or agreement.period_end,
    )


@transaction.atomic
def record_delivery_note(
    *,
    actor,
    municipality,
    choice=None,
    extra_work=None,
    kind: str,
    status: str = NoteStatus.DELIVERED,
    day: date | None,
    text: str,
    quantity=None,
) -> DeliveryNote:
    """A milestone or periodic delivery note, for a choice off the card or for meerwerk."""
    _require(actor, municipality)
    errors: dict = {}
    work = None
    if (choice in (None, "")) == (extra_work in (None, "")):
        _add(
            errors,
            "choice",
            _("Choose either a local choice or meerwerk."),
            "choice_or_extra_work",
        )
    elif choice not in (None, ""):
        choice = _choice(municipality, choice, policies.DeliveryKind.NOTES, errors)
        if choice is not None:
            _check_day(choice, day, "date", errors)
    else:
        choice = None
        work = _extra_work(municipality, extra_work, errors)
        if work is not None:
            start, end = extra_work_period(work)
            if day is None:
                _add(errors, "date", _("Enter a date."), "required")
            elif not start <= day <= end:
                _add(
                    errors,
                    "date",
                    _(
                        "%(date)s (quarter %(quarter)s of %(year)s) is outside the period of "
                        "this meerwerk: from %(start)s until %(end)s."
                    )
                    % {
                        "date": _d(day),
                        "quarter": dates.quarter_of(day),
                        "year": day.year,
                        "start": _d(start),
                        "end": _d(end),
                    },
                    "outside_agreement",
                )
    if kind not in NoteKind.values:
        _add(errors, "kind", _("Choose milestone or periodic delivery note."), "invalid_choice")
    if status not in NoteStatus.values:
        _add(errors, "status", _("Choose a status."), "invalid_choice")
    text = _text(text)
    if not text:
        _add(errors, "text", _("Describe what was delivered."), "required")
    amount = parse_decimal(quantity, "quantity", errors)
    if amount is not None and amount <= 0:
        _add(errors, "quantity", _("A quantity is more than 0."), "not_positive")
    _raise(errors)
    return DeliveryNote.objects.create(
        choice=choice,
        extra_work=work,
        kind=kind,
        status=status,
        date=day,
        text=text,
        quantity=amount,
        recorded_by=actor,
    )
