"""The shapes of the access-request API: the BSN in, everything held about the person out."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.utils import timezone
from rest_framework import serializers

from werkbedrijf.api.inputs import InputSerializer
from werkbedrijf.api.problems import camel
from werkbedrijf.candidates.models import Candidate
from werkbedrijf.processing_log.services import ACCESS_REQUEST

from .. import exports, services


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
