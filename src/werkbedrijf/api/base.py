"""The plumbing of every API view: authentication, problem answers, input validation, and the
call of a service whose ValidationError becomes a 400 problem with the API's field names; and the
view of the OpenAPI document, behind the same authentication."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from functools import cache
from urllib.parse import urlencode

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from drf_spectacular.views import SpectacularAPIView
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.fields import empty
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from werkbedrijf.processing_log.services import processing_channel

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

    def perform_content_negotiation(self, request, force=False):
        """DRF's choice of renderer, answered directly for what nearly every client sends (no
        Accept, ``*/*`` or ``application/json``, no ``?format=``) to a view that renders JSON
        alone: DRF parses the header and ranks media types on every request (a fiftieth of a
        list request's instructions) to reach the same answer. Anything else is DRF's."""
        if (
            self.renderer_classes == (JSONRenderer,)
            and self.content_negotiation_class is DefaultContentNegotiation
            and not self.format_kwarg
        ):
            accepted = _PLAIN_ACCEPT.get(request.META.get("HTTP_ACCEPT"))
            if accepted and api_settings.URL_FORMAT_OVERRIDE not in request.query_params:
                return JSONRenderer(), accepted
        return super().perform_content_negotiation(request, force)


# What DRF's negotiation answers for JSON alone to these Accept headers (None: none sent).
_PLAIN_ACCEPT = {
    None: JSONRenderer.media_type,
    "*/*": JSONRenderer.media_type,
    JSONRenderer.media_type: JSONRenderer.media_type,
}


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
    QueryDict reads them as False). An empty query string is answered from the defaults found
    once per process (building and running the serializer was a fifth of a list's CPU time)."""
    params = request.query_params
    if not params:
        defaults = _empty_query(serializer_class)
        if defaults is not None:
            return dict(defaults)
    return validated(serializer_class, params.dict())


@cache
def _empty_query(serializer_class) -> dict | None:
    """What ``serializer_class`` validates an empty query to, when that is always the same:
    None when it refuses an empty query or a field's default is computed per call."""
    serializer = serializer_class(data={})
    if any(
        field.default is not empty and callable(field.default)
        for field in serializer.fields.values()
    ):
        return None
    if not serializer.is_valid():
        return None
    return dict(serializer.validated_data)


def responses(ok: dict, *codes: int) -> dict:
    """The answers of an operation: ``ok`` and the problems named (the schema class adds the
    problems every operation can answer)."""
    answers = dict(ok)
    for code in codes:
        answers.update(problem_response(code))
    return answers


# --- views that process personal data, and the links of their lists ------------------------------

MAX_PAGE_SIZE = 100  # the most rows a list answers per page


class PersonalDataApiView(ApiView):
    """The API's conventions (authentication, JSON, problems in the schema), plus: everything
    processed in the request is logged with channel "api", and personal data is never cached."""

    def dispatch(self, request, *args, **kwargs):
        with processing_channel("api"):
            return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response


def absolute_url(request, name: str, **kwargs) -> str:
    """The absolute URL of the route ``name`` in the namespace of the request's own route."""
    namespace = request.resolver_match.namespace
    return request.build_absolute_uri(
        reverse(f"{namespace}:{name}" if namespace else name, kwargs=kwargs)
    )


def next_link(request, serializer_class, last_uuid) -> str | None:
    """The next page: the known filters plus a cursor (the last row's UUID). Never anything else
    from the query string, so nothing a client put there travels on in our links."""
    if last_uuid is None:
        return None
    known = _field_names(serializer_class)
    params = {k: v for k, v in request.query_params.items() if k in known and k != "cursor"}
    params["cursor"] = str(last_uuid)
    return request.build_absolute_uri(f"{request.path}?{urlencode(params)}")


@cache
def _field_names(serializer_class) -> frozenset[str]:
    return frozenset(serializer_class().fields)


# --- answers: serializers built once per process -------------------------------------------------


@cache
def _output_serializer(serializer_class):
    serializer = serializer_class()
    serializer.fields  # noqa: B018 (bind the fields now, once)
    return serializer


def represent(serializer_class, instance) -> dict:
    """What ``serializer_class(instance).data`` answers, from one instance of the serializer per
    process. Building a serializer deep-copies every declared field, nested serializers included,
    and that was most of the CPU time of a read (bench/api_reads.py). For output serializers that
    do not use the context; an input serializer keeps state and is built per request."""
    return _output_serializer(serializer_class).to_representation(instance)


def represent_many(serializer_class, instances: Iterable) -> list[dict]:
    """``serializer_class(instances, many=True).data``, as ``represent`` does it."""
    serializer = _output_serializer(serializer_class)
    return [serializer.to_representation(instance) for instance in instances]


def municipality_named(uuid, among: Iterable | None = None):
    """The municipality a request names by ``uuid`` (None when it names none), or a 400 problem
    about the field ``municipality``. ``among``: the municipalities the caller may choose from
    (default: all seven)."""
    from django.utils.translation import gettext as _

    from werkbedrijf.organisations.models import Organisation, OrganisationKind

    if not uuid:
        return None
    if among is None:
        among = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    found = next((m for m in among if m.uuid == uuid), None)
    if found is None:
        raise invalid("municipality", _("Choose one of the seven municipalities."))
    return found
