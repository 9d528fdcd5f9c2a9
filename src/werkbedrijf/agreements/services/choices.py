"""A draft's local choices: lines as entered, checked and stored."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.utils.exceptions import ConflictError

from .. import policies, selectors
from ..models import LocalChoice, MunicipalAgreement, activity_kinds
from .common import check_year, invalid, lock_municipal_agreement
from .common import parse_decimal as _decimal


@dataclass
class LineInput:
    """One line as entered: a card service (by uuid) or a named service not on the card."""

    service: str | None = None
    custom_name: str = ""
    custom_unit: str = ""
    activity_kind: str = ""
    quantity: object = None
    agreed_amount: object = None
    note: str = ""
    source_text: str = ""


def build_lines(
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
                invalid(_("An amount cannot be negative."), "negative_amount")
            )
        service = None
        if line.service:
            service = services.get(str(line.service))
            if service is None:
                line_errors.setdefault(f"{prefix}.service", []).append(
                    invalid(
                        _("This service is not on the keuzekaart of this agreement."),
                        "unknown_service",
                    )
                )
            if quantity is None and f"{prefix}.quantity" not in line_errors:
                line_errors.setdefault(f"{prefix}.quantity", []).append(
                    invalid(_("Enter a quantity."), "required")
                )
        else:
            name = (line.custom_name or "").strip()
            if not name:
                line_errors.setdefault(f"{prefix}.service", []).append(
                    invalid(
                        _("Choose a service from the card or name a service that is not on it."),
                        "required",
                    )
                )
            kind = line.activity_kind or ""
            if kind and kind not in dict(activity_kinds()):
                line_errors.setdefault(f"{prefix}.activity_kind", []).append(
                    invalid(_("Choose a kind of service from the list."), "invalid_choice")
                )
            if amount is None and f"{prefix}.agreed_amount" not in line_errors:
                line_errors.setdefault(f"{prefix}.agreed_amount", []).append(
                    invalid(
                        _("A service that is not on the card needs an agreed amount."), "required"
                    )
                )
        if not line_errors:
            terms = selectors.service_terms(service) if service else None
            label = service.name if service else line.custom_name.strip()
            plain = policies.ChoiceLine(str(index), label, terms, quantity, amount)
            for finding in policies.line_errors(plain, year):
                line_errors.setdefault(f"{prefix}.quantity", []).append(
                    invalid(finding.message, finding.kind.value)
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
                activity_kind="" if service else (line.activity_kind or ""),
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
    municipal_agreement = lock_municipal_agreement(municipal_agreement.pk)
    if not policy.can_view_municipal_agreement(actor, municipal_agreement):
        raise AccessDenied
    if not policy.can_edit_choices(actor, municipal_agreement):
        raise AccessDenied
    year = check_year(municipal_agreement.agreement, year)
    check_choices_version(municipal_agreement, year, expected_version)
    built = build_lines(municipal_agreement, year, lines)
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
        choice.activity_kind,
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


def check_choices_version(municipal_agreement, year: int, expected: str | None) -> None:
    if expected is not None and expected != selectors.choices_version(municipal_agreement, year):
        raise ConflictError


@transaction.atomic
def add_choice(*, actor, municipal_agreement: MunicipalAgreement, year, line: LineInput):
    municipal_agreement = lock_municipal_agreement(municipal_agreement.pk)
    if not policy.can_edit_choices(actor, municipal_agreement):
        raise AccessDenied
    year = check_year(municipal_agreement.agreement, year)
    (choice,) = build_lines(municipal_agreement, year, [line])
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
    lock_municipal_agreement(choice.municipal_agreement_id)
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
    (built,) = build_lines(choice.municipal_agreement, choice.year, [line])
    for name in (
        "service",
        "custom_name",
        "custom_unit",
        "activity_kind",
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
