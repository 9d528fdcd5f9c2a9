"""What the agreement services share: the lock on a municipal agreement, the year check
and a message with its code."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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
