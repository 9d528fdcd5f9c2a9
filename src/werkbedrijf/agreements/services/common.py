"""What the agreement services share: the lock on a municipal agreement, the year check
and a message with its code."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import policies
from ..models import AgreementVersion, MunicipalAgreement


def lock_municipal_agreement(pk) -> MunicipalAgreement:
    """Lock the municipal agreement's row for this transaction. Every change of its choices, its
    acceptances and its signature takes this lock first (always before a choice's own row, so two
    changes never wait on each other crosswise), which makes a version check and the write after
    it one step."""
    return MunicipalAgreement.objects.select_for_update().select_related("agreement").get(pk=pk)


def invalid(message: str, code: str) -> ValidationError:
    """One message with a machine-readable code, which the API reports in invalidParams."""
    return ValidationError(message, code=code)


def check_year(agreement: AgreementVersion, year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = None
    if year is None or year not in agreement.years:
        raise ValidationError(
            {
                "year": invalid(
                    _("%(year)s is outside the agreement's period (%(first)s-%(last)s).")
                    % {"year": year, "first": agreement.years[0], "last": agreement.years[-1]},
                    "year_outside_agreement",
                )
            },
            code="year_outside_agreement",
        )
    return year


def parse_decimal(
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
        errors.setdefault(field, []).append(invalid(_("Enter a number."), "not_a_number"))
        return None
    if not number.is_finite():
        errors.setdefault(field, []).append(invalid(_("Enter a number."), "not_a_number"))
        return None
    if abs(number) >= limit:
        errors.setdefault(field, []).append(
            invalid(_("This number is too large."), "number_too_large")
        )
        return None
    if not policies.amount_has_at_most_cents(number):
        message = (
            _("An amount has at most two decimals.")
            if cents
            else _("A quantity has at most two decimals.")
        )
        errors.setdefault(field, []).append(invalid(message, "too_many_decimals"))
        return None
    return number
