"""The plumbing of every API view: authentication, problem answers, input validation, and the
call of a service whose ValidationError becomes a 400 problem with the API's field names; and the
view of the OpenAPI document, behind the same authentication."""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.views import SpectacularAPIView
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from .authentication import HashedTokenAuthentication, TwoFactorSessionAuthentication
from .permissions import IsStaffMember
from .problems import drf_detail
from .schema import ProblemAutoSchema, problem_response


class ApiView(APIView):
    # The token class comes first: DRF answers 401 with its WWW-Authenticate challenge only when
    # the first authenticator names one (a session has none, which would turn 401 into 403).
    authentication_classes = (HashedTokenAuthentication, TwoFactorSessionAuthentication)
    permission_classes = (IsStaffMember,)
    renderer_classes = (JSONRenderer,)
    parser_classes = (JSONParser,)
    schema = ProblemAutoSchema()


class SchemaView(SpectacularAPIView):
    """The OpenAPI document, for staff who are logged in (session with two factors, or token)."""

    authentication_classes = ApiView.authentication_classes
    permission_classes = ApiView.permission_classes

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400:
            # A problem is JSON, whichever format of the document was asked for.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


@contextmanager
def refused_as(rename: dict[str, str] | None = None):
    """A service's ValidationError as a 400 problem with the API's field names."""
    try:
        yield
    except DjangoValidationError as exc:
        raise ValidationError(drf_detail(exc, rename)) from exc


def validated(serializer_class, data, *, partial: bool = False) -> dict:
    """The validated data of a request, or a 400 problem naming every bad field."""
    serializer = serializer_class(data=data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def run(service, /, rename: dict | None = None, **kwargs):
    """Call a service; its ValidationError becomes a 400 problem with the API's field names."""
    with refused_as(rename):
        return service(**kwargs)


def invalid(field: str, message: str, code: str = "invalid") -> ValidationError:
    """A 400 problem about one field, for checks an input serializer cannot make."""
    return ValidationError({field: [ErrorDetail(message, code=code)]})


def validated_query(request, serializer_class) -> dict:
    """The validated query string: a plain dict, so absent booleans take their default (a
    QueryDict reads them as False)."""
    return validated(serializer_class, request.query_params.dict())


def responses(ok: dict, *codes: int) -> dict:
    """The answers of an operation: ``ok`` and the problems named (the schema class adds the
    problems every operation can answer)."""
    answers = dict(ok)
    for code in codes:
        answers.update(problem_response(code))
    return answers
