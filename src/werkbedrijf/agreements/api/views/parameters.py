"""The query parameters the DVO operations share: a year of the agreement, and true/false flags."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ErrorDetail, ValidationError


def query_year(request, agreement, *, required: bool) -> int | None:
    # Absent is "every year" (or refused when required); present but empty (?year=) is not a
    # number and is refused, rather than read as absent.
    if "year" not in request.query_params:
        if required:
            raise ValidationError({"year": [ErrorDetail(_("Give a year."), code="required")]})
        return None
    raw = request.query_params["year"].strip()
    try:
        year = int(raw)
    except ValueError:
        raise ValidationError(
            {"year": [ErrorDetail(_("Enter a whole number."), code="invalid")]}
        ) from None
    if year not in agreement.years:
        message = _("%(year)s is outside the agreement's period (%(first)s-%(last)s).") % {
            "year": year,
            "first": agreement.years[0],
            "last": agreement.years[-1],
        }
        raise ValidationError({"year": [ErrorDetail(message, code="year_outside_agreement")]})
    return year


def query_flag(request, name: str) -> bool:
    """A boolean in the query string: absent is false; anything but true/false (or 1/0) is
    refused, as DRF's BooleanField does for the candidate API."""
    if name not in request.query_params:
        return False
    raw = request.query_params[name].strip().lower()
    if raw in {"true", "1"}:
        return True
    if raw in {"false", "0"}:
        return False
    raise ValidationError({name: [ErrorDetail(_("Expected true or false."), code="invalid")]})


YEAR = OpenApiParameter(
    "year", OpenApiTypes.INT, OpenApiParameter.QUERY, description="Een jaar van de overeenkomst."
)
YEAR_REQUIRED = OpenApiParameter(
    "year",
    OpenApiTypes.INT,
    OpenApiParameter.QUERY,
    required=True,
    description="Een jaar van de overeenkomst.",
)
