"""Art. 16.3: a change of an adopted agreement's choices during its term."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied

from .. import selectors
from ..models import ChoiceChange, LocalChoice, MunicipalAgreement
from .choices import LineInput, build_lines, check_choices_version
from .common import check_year, invalid, lock_municipal_agreement


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
    municipal_agreement = lock_municipal_agreement(municipal_agreement.pk)
    if not policy.can_record_midterm_change(actor, municipal_agreement):
        raise AccessDenied
    agreement = municipal_agreement.agreement
    year = check_year(agreement, year)
    check_choices_version(municipal_agreement, year, expected_version)
    # A consent names its code for the API; the other messages are plain.
    errors: dict[str, list[ValidationError | str]] = {}
    if not municipality_consent_on or not municipality_consent_document:
        errors["municipality_consent_document"] = [
            invalid(
                _("A change needs the municipality's written consent: give its date and document."),
                "consent_required",
            )
        ]
    if not board_consent_on or not board_consent_document:
        errors["board_consent_document"] = [
            invalid(
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
    built = build_lines(municipal_agreement, year, lines)
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
