"""Errors as application/problem+json (RFC 9457), as the NL GOV API Design Rules ask."""

from __future__ import annotations

import re

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.exceptions import ErrorDetail
from rest_framework.views import exception_handler as drf_exception_handler

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.utils.exceptions import ConflictError, DecidedElsewhere
from werkbedrijf.utils.logging import redact_bsn

PROBLEM = "application/problem+json"
NON_FIELD = "nonFieldErrors"

TITLES = {
    400: _("The input is not valid."),
    401: _("You are not logged in."),
    403: _("You are not allowed to do this."),
    404: _("Not found."),
    405: _("This method is not allowed."),
    406: _("This format is not supported."),
    409: _("Someone else changed this record in the meantime."),
    412: _("The version no longer matches: someone else changed this record in the meantime."),
    413: _("The request is too large."),
    415: _("This media type is not supported."),
    428: _("Send the version in If-Match."),
    429: _("Too many requests."),
    500: _("Something went wrong on our side."),
}


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = TITLES[412]
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = TITLES[409]
    default_code = "conflict"


def camel(name: str) -> str:
    """``lines.0.agreed_amount`` -> ``lines.0.agreedAmount``: the API's names for a service's
    fields. Names already in camelCase pass unchanged."""
    if name == NON_FIELD_ERRORS:
        return NON_FIELD
    return ".".join(
        re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), part) for part in name.split(".")
    )


def _invalid_params(detail, prefix=""):
    """Flatten DRF/Django error structures to [{name, code, reason}]."""
    params = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = camel(str(key)) if not prefix else f"{prefix}.{camel(str(key))}"
            params.extend(_invalid_params(value, name))
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict):
                params.extend(_invalid_params(value, f"{prefix}.{index}" if prefix else str(index)))
            else:
                params.extend(_invalid_params(value, prefix))
    else:
        code = getattr(detail, "code", None) or "invalid"
        params.append({"name": prefix or NON_FIELD, "code": code, "reason": str(detail)})
    return params


def drf_detail(exc: DjangoValidationError, rename: dict[str, str] | None = None) -> dict:
    """A Django ValidationError as DRF detail, keeping each message's code; ``rename`` maps a
    service's field name (after camelCase) to the API's."""
    rename = rename or {}  # exact names, or prefixes ending in "." (``{"lines.0.": ""}``)
    if hasattr(exc, "error_dict"):
        items = exc.error_dict.items()
    else:
        items = [(NON_FIELD_ERRORS, exc.error_list)]
    detail: dict[str, list[ErrorDetail]] = {}
    for field, errors in items:
        name = camel(field)
        for old, new in rename.items():
            if name == old or (old.endswith(".") and name.startswith(old)):
                name = new + name[len(old) :]
                break
        for error in errors:
            message = error.message % error.params if error.params else error.message
            detail.setdefault(name or NON_FIELD, []).append(
                ErrorDetail(str(message), code=error.code or "invalid")
            )
    return detail


def problem(status_code: int, detail: str = "", invalid_params=None, instance: str = "") -> dict:
    title = str(TITLES.get(status_code, _("Error")))
    body = {
        "type": f"https://werkbedrijf.example/problemen/{status_code}",
        "title": title,
        "status": status_code,
        "detail": str(detail) if detail else title,
        "instance": redact_bsn(instance),  # a BSN typed into a URL is not echoed back
    }
    if invalid_params:
        body["invalidParams"] = invalid_params
    return body


def exception_handler(exc, context):
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=drf_detail(exc))
    elif isinstance(exc, AccessDenied | PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DecidedElsewhere):
        exc = Conflict(exc.message or None)
    elif isinstance(exc, ConflictError):
        # A stale If-Match on a replace: the precondition the client sent failed (RFC 9110).
        exc = PreconditionFailed()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django answers 500 through api_server_error
    code = response.status_code
    if isinstance(exc, exceptions.ValidationError):
        body = problem(code, TITLES[400], _invalid_params(exc.detail), instance)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else ""
        if code in (403, 404):
            # Never echo why: the same answer whether a record is missing or out of scope.
            detail = TITLES[code]
        body = problem(code, str(detail), instance=instance)
    response.data = body
    # DRF's rendering replaces a Content-Type header but keeps this attribute.
    response.content_type = PROBLEM
    return response


def problem_response(status_code: int, request=None, detail: str = "") -> JsonResponse:
    return JsonResponse(
        problem(status_code, detail, instance=getattr(request, "path", "")),
        status=status_code,
        content_type=PROBLEM,
    )


# Django-level handlers for /api/ paths (unknown URLs, crashes), so the API never answers HTML.
# An unknown path is a 404 for every method: without csrf_exempt a POST to it would meet the CSRF
# check first and answer 403, as if the path existed.
@csrf_exempt
def api_not_found(request, exception=None):
    return problem_response(status.HTTP_404_NOT_FOUND, request)


def api_server_error(request):
    return problem_response(status.HTTP_500_INTERNAL_SERVER_ERROR, request)
