"""What users do with agreements. Each function is one transaction and checks access first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.utils.exceptions import ConflictError

from . import policies, selectors
from .models import (
    AgreementStatus,
    AgreementVersion,
    ChoiceChange,
    DeviationAcceptance,
    LocalChoice,
    MunicipalAgreement,
    Opinion,
    StatusChange,
)


def _lock_municipal_agreement(pk) -> MunicipalAgreement:
    """Lock the municipal agreement's row for this transaction. Every change of its choices, its
    acceptances and its signature takes this lock first (always before a choice's own row, so two
    changes never wait on each other crosswise), which makes a version check and the write after
    it one step."""
    return MunicipalAgreement.objects.select_for_update().select_related("agreement").get(pk=pk)


def _invalid(message: str, code: str) -> ValidationError:
    """One message with a machine-readable code, which the API reports in invalidParams."""
    return ValidationError(message, code=code)


@dataclass
class LineInput:
    """One line as entered: a card service (by uuid) or a named service not on the card."""

    service: str | None = None
    custom_name: str = ""
    custom_unit: str = ""
    quantity: object = None
    agreed_amount: object = None
    note: str = ""
    source_text: str = ""


def _decimal(
    value,
    field: str,
    errors: dict[str, list[ValidationError]],
    *,
    cents: bool = False,
    limit: Decimal = Decimal("1e12"),
) -> Decimal | None:
    """Parse a number as entered; with ``cents`` it is an amount. Two decimals at most either
    way (the columns hold two, and a silently rounded figure is not what was entered)."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).replace(",", ".")) if isinstance(value, str) else Decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        errors.setdefault(field, []).append(_invalid(_("Enter a number."), "not_a_number"))
        return None
    if not number.is_finite():
        errors.setdefault(field, []).append(_invalid(_("Enter a number."), "not_a_number"))
        return None
    if abs(number) >= limit:
        errors.setdefault(field, []).append(
            _invalid(_("This number is too large."), "number_too_large")
        )
        return None
    if not policies.amount_has_at_most_cents(number):
        message = (
            _("An amount has at most two decimals.")
            if cents
            else _("A quantity has at most two decimals.")
        )
        errors.setdefault(field, []).append(_invalid(message, "too_many_decimals"))
        return None
    return number


def _check_year(agreement: AgreementVersion, year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = None
    if year is None or year not in agreement.years:
        raise ValidationError(
            {
                "year": _invalid(
                    _("%(year)s is outside the agreement's period (%(first)s-%(last)s).")
                    % {"year": year, "first": agreement.years[0], "last": agreement.years[-1]},
                    "year_outside_agreement",
                )
            },
            code="year_outside_agreement",
        )
    return year


def _build_lines(
    municipal_agreement: MunicipalAgreement, year: int, lines: list[LineInput]
) -> list[LocalChoice]:
    """Validate all lines; raise one ValidationError naming every bad line, or return unsaved rows."""
    catalogue = getattr(municipal_agreement.agreement, "catalogue", None)
    services = {str(s.uuid): s for s in catalogue.services.all()} if catalogue else {}
    errors: dict[str, list[ValidationError]] = {}
    built: list[LocalChoice] = []
    for index, line in enumerate(lines):
        prefix = f"lines.{index}"
        line_errors: dict[str, list[ValidationError]] = {}
        quantity = _decimal(line.quantity, f"{prefix}.quantity", line_errors, limit=Decimal("1e8"))
        amount = _decimal(line.agreed_amount, f"{prefix}.agreed_amount", line_errors, cents=True)
        if amount is not None and amount < 0:
            line_errors.setdefault(f"{prefix}.agreed_amount", []).append(
                _invalid(_("An amount cannot be negative."), "negative_amount")
            )
        service = None
        if line.service:
            service = services.get(str(line.service))
            if service is None:
                line_errors.setdefault(f"{prefix}.service", []).append(
                    _invalid(
                        _("This service is not on the keuzekaart of this agreement."),
                        "unknown_service",
                    )
                )
            if quantity is None and f"{prefix}.quantity" not in line_errors:
                line_errors.setdefault(f"{prefix}.quantity", []).append(
                    _invalid(_("Enter a quantity."), "required")
                )
        else:
            name = (line.custom_name or "").strip()
            if not name:
                line_errors.setdefault(f"{prefix}.service", []).append(
                    _invalid(
                        _("Choose a service from the card or name a service that is not on it."),
                        "required",
                    )
                )
            if amount is None and f"{prefix}.agreed_amount" not in line_errors:
                line_errors.setdefault(f"{prefix}.agreed_amount", []).append(
                    _invalid(
                        _("A service that is not on the card needs an agreed amount."), "required"
                    )
                )
        if not line_errors:
            terms = selectors.service_terms(service) if service else None
            label = service.name if service else line.custom_name.strip()
            plain = policies.ChoiceLine(str(index), label, terms, quantity, amount)
            for finding in policies.line_errors(plain, year):
                line_errors.setdefault(f"{prefix}.quantity", []).append(
                    _invalid(finding.message, finding.kind.value)
                )
            if amount is None and terms is not None and quantity is not None:
                amount = terms.catalogue_value(quantity)
        if line_errors:
            for key, messages in line_errors.items():
                errors.setdefault(key, []).extend(messages)
            continue
        built.append(
            LocalChoice(
                municipal_agreement=municipal_agreement,
                year=year,
                position=index + 1,
                service=service,
                custom_name="" if service else line.custom_name.strip(),
                custom_unit="" if service else line.custom_unit.strip(),
                quantity=quantity,
                agreed_amount=amount,
                note=line.note or "",
                source_text=line.source_text or "",
            )
        )
    if errors:
        raise ValidationError(errors, code="invalid_choices")
    return built


@transaction.atomic
def save_choices(
    *,
    actor,
    municipal_agreement: MunicipalAgreement,
    year,
    lines: list[LineInput],
    expected_version: str | None = None,
) -> list[LocalChoice]:
    """Replace a draft's choices for one year by ``lines``; all or nothing.

    ``expected_version`` is ``selectors.choices_version`` as the screen was loaded: when the
    stored choices differ from that by now, ConflictError and nothing is written."""
    municipal_agreement = _lock_municipal_agreement(municipal_agreement.pk)
    if not policy.can_view_municipal_agreement(actor, municipal_agreement):
        raise AccessDenied
    if not policy.can_edit_choices(actor, municipal_agreement):
        raise AccessDenied
    year = _check_year(municipal_agreement.agreement, year)
    _check_choices_version(municipal_agreement, year, expected_version)
    built = _build_lines(municipal_agreement, year, lines)
    saved = _keep_unchanged_rows(municipal_agreement, year, built)
    MunicipalAgreement.objects.filter(pk=municipal_agreement.pk).update(
        lock_version=F("lock_version") + 1
    )
    return saved


def _figures(choice: LocalChoice) -> tuple:
    """What a deviation acceptance is about: the service and its figures (not note or order)."""
    return (
        choice.service_id,
        choice.custom_name,
        choice.custom_unit,
        choice.quantity,
        choice.agreed_amount,
    )


def _keep_unchanged_rows(municipal_agreement, year: int, built: list[LocalChoice]):
    """Store ``built`` as the year's choices. A line whose service and figures equal a stored
    choice keeps that row (and its uuid, so an accepted deviation about it stays accepted); its
    order, note and source are updated in place. Other stored rows go, other lines are new."""
    stored: dict[tuple, list[LocalChoice]] = {}
    for choice in LocalChoice.objects.filter(
        municipal_agreement=municipal_agreement, year=year
    ).order_by("position", "id"):
        stored.setdefault(_figures(choice), []).append(choice)
    kept: list[LocalChoice] = []
    result: list[LocalChoice] = []
    new: list[LocalChoice] = []
    for line in built:
        matches = stored.get(_figures(line))
        if matches:
            row = matches.pop(0)
            changed = (row.position, row.note, row.source_text) != (
                line.position,
                line.note,
                line.source_text,
            )
            if changed:
                row.position, row.note, row.source_text = line.position, line.note, line.source_text
                row.lock_version += 1
                row.save(update_fields=["position", "note", "source_text", "lock_version"])
            kept.append(row)
            result.append(row)
        else:
            new.append(line)
            result.append(line)
    LocalChoice.objects.filter(municipal_agreement=municipal_agreement, year=year).exclude(
        pk__in=[row.pk for row in kept]
    ).delete()
    LocalChoice.objects.bulk_create(new)
    return result


def _check_choices_version(municipal_agreement, year: int, expected: str | None) -> None:
    if expected is not None and expected != selectors.choices_version(municipal_agreement, year):
        raise ConflictError


@transaction.atomic
def add_choice(*, actor, municipal_agreement: MunicipalAgreement, year, line: LineInput):
    municipal_agreement = _lock_municipal_agreement(municipal_agreement.pk)
    if not policy.can_edit_choices(actor, municipal_agreement):
        raise AccessDenied
    year = _check_year(municipal_agreement.agreement, year)
    (choice,) = _build_lines(municipal_agreement, year, [line])
    last = (
        LocalChoice.objects.filter(municipal_agreement=municipal_agreement, year=year)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
    ) or 0
    choice.position = last + 1
    choice.save()
    return choice


def _choice_to_edit(actor, choice: LocalChoice, expected_version: int | None) -> LocalChoice:
    """The choice, locked (its municipal agreement first), once the actor may edit it and it is
    still the version the screen showed."""
    _lock_municipal_agreement(choice.municipal_agreement_id)
    choice = (
        LocalChoice.objects.select_for_update()
        .select_related("municipal_agreement__agreement")
        .get(pk=choice.pk)
    )
    if not policy.can_edit_choices(actor, choice.municipal_agreement):
        raise AccessDenied
    if expected_version is not None and expected_version != choice.lock_version:
        raise ConflictError
    return choice


@transaction.atomic
def update_choice(
    *, actor, choice: LocalChoice, line: LineInput, expected_version: int | None = None
) -> LocalChoice:
    choice = _choice_to_edit(actor, choice, expected_version)
    (built,) = _build_lines(choice.municipal_agreement, choice.year, [line])
    for name in (
        "service",
        "custom_name",
        "custom_unit",
        "quantity",
        "agreed_amount",
        "note",
        "source_text",
    ):
        setattr(choice, name, getattr(built, name))
    choice.lock_version += 1
    choice.save()
    return choice


@transaction.atomic
def delete_choice(*, actor, choice: LocalChoice, expected_version: int | None = None) -> None:
    _choice_to_edit(actor, choice, expected_version).delete()


# --- the cycle --------------------------------------------------------------------------------


@transaction.atomic
def transition_agreement(
    *,
    actor,
    agreement: AgreementVersion,
    target: str,
    reason: str = "",
    decided_on: date | None = None,
    opinion_deadline: date | None = None,
) -> AgreementVersion:
    """Move the cycle on: draft → opinions requested → adopted (or back to draft)."""
    if not policy.can_manage_cycle(actor):
        raise AccessDenied
    agreement = AgreementVersion.objects.select_for_update().get(pk=agreement.pk)
    if not policies.can_transition(agreement.status, target):
        raise ValidationError(
            {
                "status": _invalid(
                    _("An agreement cannot go from '%(from)s' to '%(to)s'.")
                    % {
                        "from": AgreementStatus(agreement.status).label,
                        "to": dict(AgreementStatus.choices).get(target, target),
                    },
                    "transition_not_allowed",
                )
            },
            code="transition_not_allowed",
        )
    if target == AgreementStatus.OPINIONS_REQUESTED:
        deadline = opinion_deadline or agreement.opinion_deadline
        if deadline is None:
            raise ValidationError(
                {
                    "opinion_deadline": _invalid(
                        _("Set a deadline for the opinions."), "deadline_required"
                    )
                },
                code="deadline_required",
            )
        agreement.opinion_deadline = deadline
    if target == AgreementStatus.ADOPTED:
        if decided_on is None:
            raise ValidationError(
                {
                    "decided_on": _invalid(
                        _("Give the date of the board's decision."), "date_required"
                    )
                },
                code="date_required",
            )
        open_findings = unaccepted_findings(agreement)
        if open_findings:
            raise ValidationError(
                {
                    "status": [
                        _invalid(
                            _(
                                "%(municipality)s %(year)s: %(message)s Accept it with a reason "
                                "before adopting."
                            )
                            % {
                                "municipality": ma.municipality.name,
                                "year": year,
                                "message": f.message,
                            },
                            "deviation_not_accepted",
                        )
                        for ma, year, f in open_findings
                    ]
                },
                code="deviations_not_accepted",
            )
        agreement.adopted_on = decided_on
    StatusChange.objects.create(
        agreement=agreement,
        from_status=agreement.status,
        to_status=target,
        decided_on=decided_on,
        reason=reason or "",
        changed_by=actor,
    )
    agreement.status = target
    agreement.lock_version += 1
    agreement.save()
    return agreement


def unaccepted_findings(agreement: AgreementVersion):
    """Every finding, across all municipalities and years, that still needs an acceptance."""
    found: list[tuple[MunicipalAgreement, int, policies.Finding]] = []
    for ma in agreement.municipal_agreements.select_related("municipality", "agreement"):
        for year in agreement.years:
            report = selectors.check_municipal_year(ma, year)
            errors = report.check.errors
            found.extend((ma, year, f) for f in errors)
            found.extend((ma, year, f) for f in report.unaccepted)
    return found


@transaction.atomic
def accept_deviation(
    *,
    actor,
    municipal_agreement: MunicipalAgreement,
    year,
    finding_key: str,
    reason: str,
    replace: bool = True,
) -> DeviationAcceptance:
    """Accept one finding with a reason. With ``replace=False`` (the screen, which offers the
    form only for a finding not accepted yet) an acceptance recorded by someone else in the
    meantime is a ConflictError rather than silently given this reason instead."""
    if not policy.can_accept_deviations(actor):
        raise AccessDenied
    municipal_agreement = _lock_municipal_agreement(municipal_agreement.pk)
    year = _check_year(municipal_agreement.agreement, year)
    if not (reason or "").strip():
        raise ValidationError(
            {
                "reason": _invalid(
                    _("Give the reason for accepting this deviation."), "reason_required"
                )
            },
            code="reason_required",
        )
    report = selectors.check_municipal_year(municipal_agreement, year)
    keys = {f.key for f in report.check.needing_acceptance()}
    if finding_key not in keys:
        raise ValidationError(
            {
                "finding_key": _invalid(
                    _("There is no such deviation (any more) in the check."), "unknown_finding"
                )
            },
            code="unknown_finding",
        )
    if (
        not replace
        and DeviationAcceptance.objects.filter(
            municipal_agreement=municipal_agreement, year=year, finding_key=finding_key
        ).exists()
    ):
        raise ConflictError
    acceptance, _created = DeviationAcceptance.objects.update_or_create(
        municipal_agreement=municipal_agreement,
        year=year,
        finding_key=finding_key,
        defaults={"reason": reason.strip(), "accepted_by": actor},
    )
    return acceptance


@transaction.atomic
def record_opinion(
    *,
    actor,
    municipal_agreement: MunicipalAgreement,
    kind: str,
    text: str,
    received_on: date | None = None,
    document=None,
) -> Opinion:
    if not policy.can_record_opinion(actor, municipal_agreement):
        raise AccessDenied
    if not (text or "").strip():
        raise ValidationError(
            {"text": _invalid(_("Enter the text of the opinion."), "required")}, code="required"
        )
    opinion = Opinion(
        municipal_agreement=municipal_agreement,
        kind=kind,
        text=text.strip(),
        received_on=received_on,
        recorded_by=actor,
    )
    if document:
        opinion.document = document
    opinion.full_clean()
    opinion.save()
    return opinion


@transaction.atomic
def record_signature(
    *,
    actor,
    municipal_agreement: MunicipalAgreement,
    signed_on: date,
    signed_by: str,
    document=None,
    expected_version: int | None = None,
) -> MunicipalAgreement:
    """Record (or correct) the municipality's signature. ``expected_version`` is the municipal
    agreement's ``lock_version`` as the form was loaded; changed since: ConflictError."""
    if not policy.can_record_signature(actor, municipal_agreement):
        raise AccessDenied
    municipal_agreement = _lock_municipal_agreement(municipal_agreement.pk)
    if expected_version is not None and expected_version != municipal_agreement.lock_version:
        raise ConflictError
    if signed_on is None:
        raise ValidationError({"signed_on": _("Give the date of signing.")}, code="required")
    municipal_agreement.signed_on = signed_on
    municipal_agreement.signed_by = signed_by or ""
    if document:
        municipal_agreement.signature_document = document
    municipal_agreement.lock_version += 1
    municipal_agreement.save()
    return municipal_agreement


@transaction.atomic
def change_choices_midterm(
    *,
    actor,
    municipal_agreement: MunicipalAgreement,
    year,
    effective_from: date | None,
    reason: str,
    lines: list[LineInput],
    municipality_consent_on: date | None,
    municipality_consent_document,
    board_consent_on: date | None,
    board_consent_document,
    expected_version: str | None = None,
) -> ChoiceChange:
    """Art. 16.3: change an adopted agreement's choices for a year from a date, with both written
    consents. The old lines end the day before; the history stays. ``expected_version`` as in
    ``save_choices``: the change was composed on top of the choices the screen showed."""
    municipal_agreement = _lock_municipal_agreement(municipal_agreement.pk)
    if not policy.can_record_midterm_change(actor, municipal_agreement):
        raise AccessDenied
    agreement = municipal_agreement.agreement
    year = _check_year(agreement, year)
    _check_choices_version(municipal_agreement, year, expected_version)
    # A consent names its code for the API; the other messages are plain.
    errors: dict[str, list[ValidationError | str]] = {}
    if not municipality_consent_on or not municipality_consent_document:
        errors["municipality_consent_document"] = [
            _invalid(
                _("A change needs the municipality's written consent: give its date and document."),
                "consent_required",
            )
        ]
    if not board_consent_on or not board_consent_document:
        errors["board_consent_document"] = [
            _invalid(
                _(
                    "A change needs the executive board's written consent: give its date and "
                    "document."
                ),
                "consent_required",
            )
        ]
    if not (reason or "").strip():
        errors["reason"] = [_("Give the reason for the change.")]
    if effective_from is None:
        errors["effective_from"] = [_("Give the date the change takes effect.")]
    elif effective_from.year != year or not (
        agreement.period_start <= effective_from <= agreement.period_end
    ):
        errors["effective_from"] = [
            _("The change must take effect within %(year)s and the agreement's period.")
            % {"year": year}
        ]
    if errors:
        raise ValidationError(errors, code="invalid_change")
    # A missing date is one of the errors above.
    assert effective_from is not None
    assert municipality_consent_on is not None and board_consent_on is not None
    built = _build_lines(municipal_agreement, year, lines)
    change = ChoiceChange.objects.create(
        municipal_agreement=municipal_agreement,
        year=year,
        effective_from=effective_from,
        reason=reason.strip(),
        municipality_consent_on=municipality_consent_on,
        municipality_consent_document=municipality_consent_document,
        board_consent_on=board_consent_on,
        board_consent_document=board_consent_document,
        recorded_by=actor,
    )
    ending = selectors.current_choices(municipal_agreement, year)
    for old in ending:
        if old.valid_from and old.valid_from >= effective_from:
            raise ValidationError(
                {
                    "effective_from": _("A later change already takes effect on %(date)s.")
                    % {"date": old.valid_from.strftime("%d-%m-%Y")}
                },
                code="overlapping_change",
            )
    ending.update(valid_until=effective_from - timedelta(days=1), ended_by=change)
    for line in built:
        line.valid_from = effective_from
        line.introduced_by = change
    LocalChoice.objects.bulk_create(built)
    municipal_agreement.lock_version += 1
    municipal_agreement.save(update_fields=["lock_version"])
    return change
