"""Art. 16.2 and 16.4: a change of the whole agreement with the written consent of all parties,
and a municipality leaving the module WerkBedrijf, recorded as events with their documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.organisations.models import Organisation

from ..models import AgreementEvent, AgreementEventKind, AgreementVersion, PartyConsent
from .common import invalid


@dataclass
class ConsentInput:
    party: Organisation
    consented_on: date | None
    document: object


def _day(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def _common_errors(agreement, effective_on, description, decided_on, decision_document) -> dict:
    errors: dict[str, list] = {}
    if not (description or "").strip():
        errors["description"] = [invalid(_("Describe what changes."), "required")]
    if decided_on is None or not decision_document:
        errors["decision_document"] = [
            invalid(
                _("Give the date and the document of the executive board's decision."),
                "decision_required",
            )
        ]
    if effective_on is None:
        errors["effective_on"] = [invalid(_("Give the date it takes effect."), "required")]
    elif not (agreement.period_start <= effective_on <= agreement.period_end):
        errors["effective_on"] = [
            invalid(
                _("The date must lie within the agreement's period (%(start)s to %(end)s).")
                % {"start": _day(agreement.period_start), "end": _day(agreement.period_end)},
                "outside_period",
            )
        ]
    return errors


def parties_on(agreement: AgreementVersion, day: date | None):
    """The municipalities that are a party to the agreement on a day: those with a municipal
    agreement in it, less those that left on or before that day."""
    left = AgreementEvent.objects.filter(agreement=agreement, kind=AgreementEventKind.WITHDRAWAL)
    if day is not None:
        left = left.filter(effective_on__lte=day)
    gone = set(left.values_list("municipality_id", flat=True))
    return [
        ma.municipality
        for ma in agreement.municipal_agreements.select_related("municipality").order_by(
            "municipality__name"
        )
        if ma.municipality_id not in gone
    ]


@transaction.atomic
def record_amendment(
    *,
    actor,
    agreement: AgreementVersion,
    effective_on: date | None,
    description: str,
    decided_on: date | None,
    decision_document,
    consents: list[ConsentInput],
) -> AgreementEvent:
    """Art. 16.2: the whole agreement changes only with the written consent of every party."""
    if not policy.can_record_agreement_event(actor):
        raise AccessDenied
    agreement = AgreementVersion.objects.select_for_update().get(pk=agreement.pk)
    errors = _common_errors(agreement, effective_on, description, decided_on, decision_document)
    parties = parties_on(agreement, effective_on)
    given = {}
    consent_errors = []
    for consent in consents:
        if consent.party.pk not in {p.pk for p in parties}:
            consent_errors.append(
                invalid(
                    _("%(party)s is not a party to this agreement.")
                    % {"party": consent.party.name},
                    "not_a_party",
                )
            )
        elif consent.consented_on is None or not consent.document:
            consent_errors.append(
                invalid(
                    _("Give the date and the document of %(party)s's written consent.")
                    % {"party": consent.party.name},
                    "consent_required",
                )
            )
        elif effective_on is not None and consent.consented_on > effective_on:
            consent_errors.append(
                invalid(
                    _("%(party)s consented only on %(date)s, after the change takes effect.")
                    % {"party": consent.party.name, "date": _day(consent.consented_on)},
                    "consent_too_late",
                )
            )
        else:
            given[consent.party.pk] = consent
    missing = [p.name for p in parties if p.pk not in given]
    if missing and not consent_errors:
        consent_errors.append(
            invalid(
                _(
                    "A change of the whole agreement needs the written consent of all parties; "
                    "missing: %(parties)s."
                )
                % {"parties": ", ".join(missing)},
                "consent_missing",
            )
        )
    if consent_errors:
        errors["consents"] = consent_errors
    if errors:
        raise ValidationError(errors, code="invalid_amendment")
    assert effective_on is not None and decided_on is not None  # both required above
    event = AgreementEvent.objects.create(
        agreement=agreement,
        kind=AgreementEventKind.AMENDMENT,
        effective_on=effective_on,
        description=description.strip(),
        decided_on=decided_on,
        decision_document=decision_document,
        recorded_by=actor,
    )
    for consent in given.values():
        assert consent.consented_on is not None  # a consent without a date is an error above
        PartyConsent.objects.create(
            event=event,
            party=consent.party,
            consented_on=consent.consented_on,
            document=consent.document,
        )
    return event


@transaction.atomic
def record_withdrawal(
    *,
    actor,
    agreement: AgreementVersion,
    municipality,
    effective_on: date | None,
    description: str,
    decided_on: date | None,
    decision_document,
) -> AgreementEvent:
    """Art. 16.4: a municipality leaves under the conditions the general board set; its
    agreement ends by law on the day it leaves."""
    if not policy.can_record_agreement_event(actor):
        raise AccessDenied
    agreement = AgreementVersion.objects.select_for_update().get(pk=agreement.pk)
    errors = _common_errors(agreement, effective_on, description, decided_on, decision_document)
    if (
        municipality is None
        or not agreement.municipal_agreements.filter(municipality=municipality).exists()
    ):
        errors["municipality"] = [
            invalid(_("This municipality is not a party to this agreement."), "not_a_party")
        ]
    elif AgreementEvent.objects.filter(
        agreement=agreement, kind=AgreementEventKind.WITHDRAWAL, municipality=municipality
    ).exists():
        errors["municipality"] = [
            invalid(
                _("%(municipality)s has already left this agreement.")
                % {"municipality": municipality.name},
                "already_left",
            )
        ]
    if errors:
        raise ValidationError(errors, code="invalid_withdrawal")
    assert effective_on is not None and decided_on is not None  # both required above
    return AgreementEvent.objects.create(
        agreement=agreement,
        kind=AgreementEventKind.WITHDRAWAL,
        municipality=municipality,
        effective_on=effective_on,
        description=description.strip(),
        decided_on=decided_on,
        decision_document=decision_document,
        recorded_by=actor,
    )
