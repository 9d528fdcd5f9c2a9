"""Errors as application/problem+json (RFC 9457), as the NL GOV API Design Rules ask."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.agreements.services import ConflictError

PROBLEM = "application/problem+json"

TITLES = {
    400: "De invoer is niet geldig.",
    401: "U bent niet ingelogd.",
    403: "U heeft geen toegang tot deze actie.",
    404: "Niet gevonden.",
    405: "Deze methode is niet toegestaan.",
    406: "Dit formaat wordt niet ondersteund.",
    409: "Iemand anders heeft dit gegeven intussen gewijzigd.",
    412: "De versie klopt niet meer: iemand anders heeft dit gegeven intussen gewijzigd.",
    415: "Dit mediatype wordt niet ondersteund.",
    428: "Stuur de versie mee in If-Match.",
    429: "Te veel verzoeken.",
    500: "Er ging iets mis aan onze kant.",
}


def _invalid_params(detail, prefix=""):
    """Flatten DRF/Django error structures to [{name, code, reason}]."""
    params = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = key if not prefix else f"{prefix}.{key}"
            params.extend(_invalid_params(value, name))
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list):
                params.extend(_invalid_params(value, f"{prefix}.{index}" if prefix else str(index)))
            else:
                params.extend(_invalid_params(value, prefix))
    else:
        code = getattr(detail, "code", None) or "invalid"
        params.append({"name": prefix or "nonFieldErrors", "code": code, "reason": str(detail)})
    return params


def problem(status_code: int, detail: str = "", invalid_params=None, instance: str = "") -> dict:
    body = {
        "type": f"https://werkbedrijf.example/problemen/{status_code}",
        "title": TITLES.get(status_code, "Fout"),
        "status": status_code,
        "detail": detail or TITLES.get(status_code, ""),
        "instance": instance,
    }
    if invalid_params:
        body["invalidParams"] = invalid_params
    return body


def exception_handler(exc, context):
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"nonFieldErrors": exc.messages}
        )
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, AccessDenied | PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, ConflictError):
        response = Response(problem(412, instance=instance), status=412)
        response["Content-Type"] = PROBLEM
        return response
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = response.status_code
    if isinstance(exc, exceptions.ValidationError):
        body = problem(code, TITLES[400], _invalid_params(exc.detail), instance)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else ""
        if code in (403, 404, 401):
            detail = TITLES[code]
        body = problem(code, str(detail), instance=instance)
    response.data = body
    response.content_type = PROBLEM
    return response


def problem_response(status_code: int, request=None) -> JsonResponse:
    return JsonResponse(
        problem(status_code, instance=getattr(request, "path", "")),
        status=status_code,
        content_type=PROBLEM,
    )


# Django-level handlers for /api/ paths (unknown URLs, crashes), so the API never answers HTML.
def api_not_found(request, exception=None):
    return problem_response(status.HTTP_404_NOT_FOUND, request)


def api_server_error(request):
    return problem_response(status.HTTP_500_INTERNAL_SERVER_ERROR, request)
