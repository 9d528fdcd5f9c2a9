"""The shapes of opinions on a draft and of mid-term changes (art. 16.3)."""

from __future__ import annotations

import json

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from werkbedrijf.agreements.models import OpinionKind
from werkbedrijf.api.inputs import InputSerializer

from .choices import LineInputSerializer


def _file_name(field_file) -> str:
    return field_file.name.rsplit("/", 1)[-1] if field_file else ""


def validate_document(document):
    if document and document.size > settings.DOCUMENT_MAX_BYTES:
        raise serializers.ValidationError(
            _("A document can be at most %(mb)s MB.")
            % {"mb": settings.DOCUMENT_MAX_BYTES // (1024 * 1024)},
            code="document_too_large",
        )
    return document


class OpinionSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    kind = serializers.ChoiceField(choices=OpinionKind.choices, read_only=True)
    text = serializers.CharField(read_only=True)
    receivedOn = serializers.DateField(source="received_on", read_only=True, allow_null=True)
    documentName = serializers.SerializerMethodField()
    recordedAt = serializers.DateTimeField(source="recorded_at", read_only=True)
    number = serializers.IntegerField(read_only=True, allow_null=True)
    answer = serializers.CharField(read_only=True)
    answeredOn = serializers.DateField(source="answered_on", read_only=True, allow_null=True)
    answerReference = serializers.CharField(source="answer_reference", read_only=True)
    answerDocumentName = serializers.SerializerMethodField()
    actionTaken = serializers.CharField(source="action_taken", read_only=True)
    promisedSteps = serializers.SerializerMethodField()

    def get_documentName(self, opinion) -> str:
        return _file_name(opinion.document)

    def get_answerDocumentName(self, opinion) -> str:
        return _file_name(opinion.answer_document)

    @extend_schema_field(
        {
            "type": "array",
            "description": "De stappen in de cyclus die naar aanleiding hiervan zijn toegezegd.",
            "items": {
                "type": "object",
                "properties": {
                    "uuid": {"type": "string", "format": "uuid"},
                    "title": {"type": "string"},
                    "dueOn": {"type": "string", "format": "date"},
                    "doneOn": {"type": "string", "format": "date", "nullable": True},
                },
            },
        }
    )
    def get_promisedSteps(self, opinion) -> list:
        return [
            {
                "uuid": str(step.uuid),
                "title": step.title,
                "dueOn": step.due_on.isoformat(),
                "doneOn": step.done_on.isoformat() if step.done_on else None,
            }
            for step in opinion.steps.all()
        ]


class OpinionInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(choices=OpinionKind.choices)
    text = serializers.CharField()
    receivedOn = serializers.DateField(required=False, allow_null=True, default=None)
    document = serializers.FileField(
        required=False, allow_null=True, default=None, validators=[validate_document]
    )


class AnswerInputSerializer(InputSerializer):
    """The college's answer to a council wish or advice, and what was done about it."""

    answer = serializers.CharField(help_text="Het antwoord van het college.")
    answeredOn = serializers.DateField(help_text="De datum van het antwoord.")
    answerReference = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=100,
        help_text="Het kenmerk van het antwoord, bijv. E26.000183.",
    )
    actionTaken = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Wat ermee gedaan is.",
    )
    document = serializers.FileField(
        required=False, allow_null=True, default=None, validators=[validate_document]
    )


@extend_schema_field(
    {
        "type": "string",
        "description": "De nieuwe keuzes van het jaar als JSON-lijst van regels, in dezelfde "
        "vorm als `lines` bij PUT /municipal-agreements/{uuid}/choices.",
        "example": '[{"service": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "quantity": "10"}]',
    }
)
class JsonLinesField(serializers.Field):
    """Lines in a multipart form, which cannot nest: a JSON list in one text field."""

    default_error_messages = {"invalid": _("Give the lines as a JSON list.")}

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                self.fail("invalid")
        if not isinstance(data, list):
            self.fail("invalid")
        lines = LineInputSerializer(data=data, many=True)
        if not lines.is_valid():
            raise serializers.ValidationError(lines.errors)
        return lines.validated_data

    def to_representation(self, value):
        return value


class ChoiceChangeSerializer(serializers.Serializer):
    """A mid-term change of one year's choices (art. 16.3), with both written consents."""

    uuid = serializers.UUIDField(read_only=True)
    year = serializers.IntegerField(read_only=True)
    effectiveFrom = serializers.DateField(source="effective_from", read_only=True)
    reason = serializers.CharField(read_only=True)
    municipalityConsentOn = serializers.DateField(source="municipality_consent_on", read_only=True)
    municipalityConsentDocument = serializers.SerializerMethodField()
    boardConsentOn = serializers.DateField(source="board_consent_on", read_only=True)
    boardConsentDocument = serializers.SerializerMethodField()
    recordedAt = serializers.DateTimeField(source="recorded_at", read_only=True)
    introducedChoices = serializers.SerializerMethodField()
    endedChoices = serializers.SerializerMethodField()

    def get_municipalityConsentDocument(self, change) -> str:
        return _file_name(change.municipality_consent_document)

    def get_boardConsentDocument(self, change) -> str:
        return _file_name(change.board_consent_document)

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_introducedChoices(self, change):
        return [str(choice.uuid) for choice in change.introduced.all()]

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_endedChoices(self, change):
        return [str(choice.uuid) for choice in change.ended.all()]


class ChoiceChangeInputSerializer(InputSerializer):
    year = serializers.IntegerField()
    effectiveFrom = serializers.DateField()
    reason = serializers.CharField()
    lines = JsonLinesField()
    municipalityConsentOn = serializers.DateField()
    municipalityConsentDocument = serializers.FileField(validators=[validate_document])
    boardConsentOn = serializers.DateField()
    boardConsentDocument = serializers.FileField(validators=[validate_document])
