"""The shapes of the art. 16.2 changes of the whole agreement and the art. 16.4 withdrawals."""

from __future__ import annotations

import json

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from werkbedrijf.agreements.models import AgreementEventKind
from werkbedrijf.api.inputs import InputSerializer

from .opinions_and_changes import validate_document


def _file_name(field_file) -> str:
    return field_file.name.rsplit("/", 1)[-1] if field_file else ""


class PartyConsentSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    party = serializers.UUIDField(source="party.uuid", read_only=True)
    partyName = serializers.CharField(source="party.name", read_only=True)
    consentedOn = serializers.DateField(source="consented_on", read_only=True)
    documentName = serializers.SerializerMethodField()

    def get_documentName(self, consent) -> str:
        return _file_name(consent.document)


class AgreementEventSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    kind = serializers.ChoiceField(choices=AgreementEventKind.choices, read_only=True)
    municipality = serializers.UUIDField(
        source="municipality.uuid", read_only=True, allow_null=True, default=None
    )
    municipalityName = serializers.CharField(
        source="municipality.name", read_only=True, allow_null=True, default=None
    )
    effectiveOn = serializers.DateField(source="effective_on", read_only=True)
    description = serializers.CharField(read_only=True)
    decidedOn = serializers.DateField(source="decided_on", read_only=True)
    decisionDocumentName = serializers.SerializerMethodField()
    recordedAt = serializers.DateTimeField(source="recorded_at", read_only=True)
    consents = PartyConsentSerializer(many=True, read_only=True)

    def get_decisionDocumentName(self, event) -> str:
        return _file_name(event.decision_document)


class WithdrawalInputSerializer(InputSerializer):
    """Art. 16.4: a municipality leaves, with the decision of the board."""

    municipality = serializers.UUIDField(help_text="De gemeente die uittreedt.")
    effectiveOn = serializers.DateField(help_text="De dag waarop de uittreding ingaat.")
    description = serializers.CharField(help_text="De voorwaarden en de reden.")
    decidedOn = serializers.DateField(help_text="De datum van het besluit van het DB.")
    decisionDocument = serializers.FileField(
        validators=[validate_document], help_text="Het besluit van het DB."
    )


class ConsentLineSerializer(InputSerializer):
    party = serializers.UUIDField()
    consentedOn = serializers.DateField()


@extend_schema_field(
    {
        "type": "string",
        "description": "De schriftelijke instemmingen als JSON-lijst, één per partij: "
        "`party` (uuid van de gemeente) en `consentedOn` (datum). Het document van elke "
        "instemming staat in `consentDocuments`, in dezelfde volgorde.",
        "example": '[{"party": "3fa85f64-5717-4562-b3fc-2c963f66afa6", '
        '"consentedOn": "2026-05-01"}]',
    }
)
class JsonConsentsField(serializers.Field):
    """Consents in a multipart form, which cannot nest: a JSON list in one text field."""

    default_error_messages = {"invalid": _("Give the consents as a JSON list.")}

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                self.fail("invalid")
        if not isinstance(data, list):
            self.fail("invalid")
        lines = ConsentLineSerializer(data=data, many=True)
        if not lines.is_valid():
            raise serializers.ValidationError(lines.errors)
        return lines.validated_data

    def to_representation(self, value):
        return value


class AmendmentInputSerializer(InputSerializer):
    """Art. 16.2: a change of the whole agreement, with the written consent of every party."""

    effectiveOn = serializers.DateField(help_text="De dag waarop de wijziging ingaat.")
    description = serializers.CharField(help_text="Wat er verandert.")
    decidedOn = serializers.DateField(help_text="De datum van het besluit van het DB.")
    decisionDocument = serializers.FileField(
        validators=[validate_document], help_text="Het besluit van het DB."
    )
    consents = JsonConsentsField()
    consentDocuments = serializers.ListField(
        child=serializers.FileField(validators=[validate_document]),
        max_length=50,
        help_text="De documenten van de instemmingen, in de volgorde van `consents`.",
    )
