"""The access request (AVG art. 15) in the API: POST /api/v1/access-requests with the BSN in the
body answers everything held about the person and every processing-log entry, as JSON.

The same services as the screen: the same remit, the same logging (channel "api"), and the same
answer (404) whether nobody has the number or the person is another municipality's resident."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import ApiView, refused_as
from werkbedrijf.api.inputs import InputSerializer
from werkbedrijf.api.problems import camel
from werkbedrijf.api.schema import problem_response
from werkbedrijf.candidates.models import Candidate
from werkbedrijf.processing_log.services import ACCESS_REQUEST, processing_channel

from . import exports, services

CHANNEL = "api"


class AccessRequestInputSerializer(InputSerializer):
    bsn = serializers.CharField(
        max_length=20, help_text="Het BSN van de betrokkene; gaat in de body, nooit in de URL."
    )


class AccessRequestSerializer(serializers.Serializer):
    madeAt = serializers.DateTimeField(help_text="Moment van het antwoord.")
    legalBasis = serializers.CharField(help_text="Grondslag van dit antwoord.")
    controller = serializers.DictField(help_text="De verwerkingsverantwoordelijke gemeente.")
    personalData = serializers.DictField(help_text="Alle gegevens van de persoon, per veld.")
    records = serializers.DictField(
        child=serializers.ListField(child=serializers.DictField()),
        help_text="Per soort gegeven (trajectories, steps, notes, ...) de vastgelegde records.",
    )
    processingLog = serializers.ListField(
        child=serializers.DictField(),
        help_text="Elke verwerking van de gegevens van de persoon (Logboek Dataverwerkingen).",
    )


def _json(value):
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    return value


def _record(record) -> dict:
    result = {}
    for field in services.exported_fields(type(record)):
        if field.is_relation:
            value = exports.display_value(record, field) or None
        else:
            value = getattr(record, field.attname)
        result[camel(field.name)] = _json(value)
    return result


def _log_entry(entry) -> dict:
    return {camel(name): _json(getattr(entry, name)) for name in services.LOG_COLUMNS}


def serialise(report: services.AccessReport) -> dict:
    subject: Candidate = report.subject
    return {
        "madeAt": _json(report.made_at),
        "legalBasis": ACCESS_REQUEST.legal_basis,
        "controller": {
            "uuid": str(subject.municipality.uuid),
            "name": subject.municipality.name,
        },
        "personalData": _record(subject),
        "records": {
            camel(section.kind.key): [_record(r) for r in section.records]
            for section in report.sections
        },
        "processingLog": [_log_entry(e) for e in report.log_entries],
    }


class AccessRequestView(ApiView):
    @extend_schema(
        tags=["privacy"],
        operation_id="answerAccessRequest",
        summary="Beantwoord een inzageverzoek (AVG art. 15)",
        description="Alleen voor de privacyfunctionaris: van een gemeente voor de eigen inwoners, "
        "van WerkBedrijf voor iedereen. Het BSN gaat in de body. Antwoordt alles wat over de "
        "persoon is vastgelegd en elke verwerking uit het Logboek Dataverwerkingen; het verzoek "
        "en het antwoord worden zelf ook gelogd. 404 wanneer er binnen uw bevoegdheid niemand "
        "met dit BSN is.",
        request=AccessRequestInputSerializer,
        responses={
            200: AccessRequestSerializer,
            **problem_response(400),
            **problem_response(403),
            **problem_response(404),
        },
    )
    def post(self, request):
        policy.require(policy.can_answer_access_request(request.user))
        serializer = AccessRequestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with processing_channel(CHANNEL), refused_as():
            subject = _find(request.user, serializer.validated_data["bsn"])
            report = services.export_report(request.user, subject, channel=CHANNEL)
        response = Response(serialise(report))
        response["Cache-Control"] = "no-store"
        return response


def _find(user, bsn):
    try:
        return services.find_subject(user, bsn, channel=CHANNEL)
    except DjangoValidationError as exc:
        codes = {e.code for errors in exc.error_dict.values() for e in errors}
        if "not_found" in codes:
            raise Http404 from None
        raise
